"""Translatable names for the accounting core's codes: sources, units, variants, categories, scopes."""

from django.utils.translation import gettext_lazy as _

SOURCE_LABELS = {
    "electricity": _("Electricity"),
    "district_heating": _("District heating"),
    "natural_gas": _("Natural gas"),
    "heating_oil": _("Heating oil"),
    "diesel": _("Diesel"),
    "petrol": _("Petrol"),
    "hvo": _("HVO biodiesel"),
    "lpg": _("LPG (bottled gas)"),
    "car_km": _("Company cars (km)"),
    "van_km": _("Vans (km)"),
    "flight": _("Flights"),
    "waste": _("Waste"),
    "spend": _("Purchases (DKK)"),
}

UNIT_LABELS = {
    "kWh": _("kWh"),
    "MWh": _("MWh"),
    "GJ": _("GJ"),
    "m3": _("m³"),
    "l": _("litres"),
    "kg": _("kg"),
    "tonne": _("tonnes"),
    "km": _("km"),
    "pkm": _("passenger-km"),
    "trip": _("trips (one way)"),
    "DKK": _("DKK"),
}

VARIANT_GROUPS = [
    (_("Electricity: grid area"), [("dk1", _("DK1 (West: Jutland, Funen)")), ("dk2", _("DK2 (East: Zealand, islands)"))]),
    (_("Flights"), [("short", _("Short (under 800 km)")), ("medium", _("Medium (800–3,700 km)")),
                    ("long", _("Long (over 3,700 km)"))]),
    (_("Waste fraction"), [("residual", _("Residual waste")), ("paper_cardboard", _("Paper and cardboard")),
                           ("plastic", _("Plastic")), ("glass", _("Glass")), ("metal", _("Metal")),
                           ("food", _("Food waste")), ("garden", _("Garden waste"))]),
    (_("Purchases"), [("goods", _("Goods")), ("services", _("Services"))]),
]
VARIANT_LABELS = {code: label for _group, choices in VARIANT_GROUPS for code, label in choices}

CATEGORY_LABELS = {
    "1.stationary_combustion": _("Stationary combustion"),
    "1.mobile_combustion": _("Mobile combustion"),
    "1.fugitive": _("Fugitive emissions (refrigerants)"),
    "1.other": _("Other direct emissions"),
    "2.electricity": _("Purchased electricity"),
    "2.heat": _("Purchased heat"),
    "2.other": _("Other purchased energy"),
    "3.1_purchased_goods": _("3.1 Purchased goods and services"),
    "3.3_fuel_and_energy": _("3.3 Fuel- and energy-related activities"),
    "3.4_upstream_transport": _("3.4 Upstream transportation and distribution"),
    "3.5_waste": _("3.5 Waste generated in operations"),
    "3.6_business_travel": _("3.6 Business travel"),
    "3.7_commuting": _("3.7 Employee commuting"),
    "3.other": _("Other indirect emissions"),
}

STATUS_LABELS = {"on_track": _("On track"), "behind": _("Behind")}

REASON_LABELS = {
    "error": _("A correction of the data"),
    "structure": _("A change in the organisation (a site sold or bought)"),
    "method": _("A change of method"),
    "factors": _("New emission factors"),
}


def source_label(code: str) -> str:
    return str(SOURCE_LABELS.get(code, code))


def variant_label(code: str) -> str:
    return str(VARIANT_LABELS.get(code, code))


def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))
