"""Small, predictable inputs for the accounting tests: round factors so the arithmetic can be done by hand."""

from decimal import Decimal

from klimapartner.accounting.activity import ActivityLine, Source, YearActivity
from klimapartner.accounting.factors import read_factor_csv

D = Decimal

TEST_FACTORS_CSV = """\
set_name,set_year,gwp,key,value,unit,scope,category,publisher,document,link,method,provisional,provisional_note,conversion
Test,2024,AR5,electricity.location.dk1,0.100,kg CO2e/kWh,2,2.electricity,Energinet,Miljødeklaration,,,no,,
Test,2024,AR5,electricity.location.dk2,0.080,kg CO2e/kWh,2,2.electricity,Energinet,Miljødeklaration,,,no,,
Test,2024,AR5,electricity.location.dk,0.090,kg CO2e/kWh,2,2.electricity,Energinet,Miljødeklaration,,,no,,
Test,2024,AR5,electricity.market.residual_mix,0.500,kg CO2e/kWh,2,2.electricity,Energinet,Restmiks,,,no,,
Test,2024,AR5,electricity.market.guarantee_of_origin,0,kg CO2e/kWh,2,2.electricity,GHG Protocol,Scope 2 Guidance,,,no,,
Test,2024,AR5,district_heating.national,0.050,kg CO2e/kWh,2,2.heat,Energistyrelsen,Fjernvarme,,200% method,yes,stand-in,
Test,2024,AR5,natural_gas,56,kg CO2e/GJ,1,1.stationary_combustion,Energistyrelsen,Standardfaktorer,,,no,,40 MJ/m**3
Test,2024,AR5,heating_oil,2.5,kg CO2e/l,1,1.stationary_combustion,Energistyrelsen,Standardfaktorer,,,no,,
Test,2024,AR5,diesel,2.5,kg CO2e/l,1,1.mobile_combustion,Energistyrelsen,Standardfaktorer,,,no,,
Test,2024,AR5,petrol,2.2,kg CO2e/l,1,1.mobile_combustion,Energistyrelsen,Standardfaktorer,,,no,,
Test,2024,AR5,hvo,0.04,kg CO2e/l,1,1.mobile_combustion,Energistyrelsen,Standardfaktorer,,,no,,
Test,2024,AR5,lpg,3,kg CO2e/kg,1,1.stationary_combustion,Energistyrelsen,Standardfaktorer,,,no,,
Test,2024,AR5,car_km.unknown,0.2,kg CO2e/km,1,1.mobile_combustion,Test,,,,no,,
Test,2024,AR5,van_km,0.25,kg CO2e/km,1,1.mobile_combustion,Test,,,,no,,
Test,2024,AR5,flight.short,0.25,kg CO2e/pkm,3,3.6_business_travel,Test,,,,no,,500 pkm/trip
Test,2024,AR5,flight.medium,0.15,kg CO2e/pkm,3,3.6_business_travel,Test,,,,no,,2000 pkm/trip
Test,2024,AR5,flight.long,0.2,kg CO2e/pkm,3,3.6_business_travel,Test,,,,no,,7000 pkm/trip
Test,2024,AR5,waste.residual,400,kg CO2e/t,3,3.5_waste,Test,,,,no,,
Test,2024,AR5,waste.plastic,20,kg CO2e/t,3,3.5_waste,Test,,,,no,,
Test,2024,AR5,spend.services,0.03,kg CO2e/DKK,3,3.1_purchased_goods,Test,,,,no,,
"""


def make_factors(csv_text: str = TEST_FACTORS_CSV):
    result = read_factor_csv(csv_text)
    assert result.errors == ()
    return result.factor_set


def line(source, amount, unit, **kwargs) -> ActivityLine:
    return ActivityLine(Source(source), D(amount), unit, **kwargs)


def year(lines, year=2024, partner="vraa-tomrer", employees=None) -> YearActivity:
    return YearActivity(partner, year, tuple(lines), None if employees is None else D(employees))
