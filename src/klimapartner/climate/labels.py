"""Translatable names for the accounting core's codes: sources, units, variants, categories, scopes."""

from django.utils.translation import gettext_lazy as _

from klimapartner.accounting.gwp import REFRIGERANTS

SOURCE_LABELS = {
    "electricity": _("Electricity"),
    "district_heating": _("District heating"),
    "natural_gas": _("Natural gas"),
    "heating_oil": _("Heating oil"),
    "diesel": _("Diesel"),
    "petrol": _("Petrol"),
    "hvo": _("HVO biodiesel"),
    "lpg": _("LPG (bottled gas)"),
    "biogas": _("Biogas"),
    "wood_pellets": _("Wood pellets"),
    "wood_chips": _("Wood chips"),
    "coal": _("Coal"),
    "refrigerant": _("Refrigerant leaks (kg topped up)"),
    "car_km": _("Company cars (km)"),
    "van_km": _("Vans (km)"),
    "flight": _("Flights"),
    "train": _("Train journeys"),
    "ferry": _("Ferry crossings"),
    "hotel": _("Hotel nights"),
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
    "night": _("nights"),
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
    (_("Company cars: fuel"), [("petrol", _("Petrol car")), ("diesel", _("Diesel car")), ("hybrid", _("Hybrid car")),
                               ("plugin_hybrid", _("Plug-in hybrid car")), ("electric", _("Electric car")),
                               ("unknown", _("Fuel unknown"))]),
    (_("Ferries"), [("foot_passenger", _("On foot")), ("car_passenger", _("With a car"))]),
    (_("Hotels"), [("dk", _("In Denmark")), ("abroad", _("Abroad"))]),
    (_("Refrigerant"), [(code, code) for code in REFRIGERANTS]),
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
    "error": _("A correction of an error in the data"),
    "structure": _("A change in the organisation (a site sold or bought)"),
    "method": _("A change of method or better emission factors for the base year"),
}
# Notes written before the GHG Protocol's reasons were enforced may say "factors".
OLD_REASON_LABELS = {**REASON_LABELS, "factors": _("New emission factors")}

SCOPE2_LABELS = {"location": _("location-based"), "market": _("market-based")}

# Factor keys that are not "<source>.<variant>".
FACTOR_KEY_LABELS = {
    "electricity.location.dk1": _("Electricity, West Denmark (DK1), location-based"),
    "electricity.location.dk2": _("Electricity, East Denmark (DK2), location-based"),
    "electricity.location.dk": _("Electricity, national declaration, location-based"),
    "electricity.market.residual_mix": _("Electricity, residual mix (market-based)"),
    "electricity.market.guarantee_of_origin": _("Electricity with guarantees of origin (market-based)"),
    "district_heating.national": _("District heating, national average"),
    "supplier": _("The supplier's own factor"),
    "guarantee_of_origin": _("Guarantees of origin"),
    "stored": _("Stored result"),
}


def source_label(code: str) -> str:
    return str(SOURCE_LABELS.get(code, code))


def variant_label(code: str) -> str:
    return str(VARIANT_LABELS.get(code, code))


def category_label(code: str) -> str:
    return str(CATEGORY_LABELS.get(code, code))


def unit_label(code: str) -> str:
    from klimapartner.accounting.units import parse_unit

    if "/" in code:  # a factor's unit, "kg CO2e/m3": written as units are, only m3 made m³
        return code.replace("m**3", "m³").replace("m3", "m³").replace("kg_CO2e", "kg CO2e")
    if code in UNIT_LABELS:
        return str(UNIT_LABELS[code])
    try:
        parsed = parse_unit(code)
    except ValueError:
        return code
    return next((str(label) for unit, label in UNIT_LABELS.items() if parse_unit(unit) == parsed), code)


def factor_label(key: str) -> str:
    """A factor key as a reader understands it: "district_heating.national" -> "Fjernvarme, landsgennemsnit"."""
    if key in FACTOR_KEY_LABELS:
        return str(FACTOR_KEY_LABELS[key])
    if key.startswith("upstream."):
        return _("Upstream of %(what)s (scope 3.3)") % {"what": factor_label(key[len("upstream."):]).lower()}
    if key.startswith("gwp."):
        _gwp, table, gas = key.split(".", 2)
        return _("Refrigerant %(gas)s (GWP from IPCC %(table)s)") % {"gas": gas, "table": table}
    source, _dot, variant = key.partition(".")
    if source in SOURCE_LABELS:
        if not variant:
            return source_label(source)
        if source == "district_heating":
            return _("District heating: %(utility)s") % {"utility": variant}
        return f"{source_label(source)}: {variant_label(variant).lower() if variant in VARIANT_LABELS else variant}"
    return key


UNMAPPED_REASON_LABELS = {
    "no_matching_activity": _("No source we count matches it."),
    "no_amount": _("It has no amount."),
    "not_a_number": _("The amount is not a number."),
    "unknown_unit": _("The unit is not known."),
    "no_variant": _("The fraction or distance could not be told from the description."),
}

RECONCILIATION_REASON_LABELS = {
    "matches": _("The same, within 1 %."),
    "not_imported": _("Klimakompasset counts entries here that were not imported."),
    "only_in_klimakompasset": _("Only Klimakompasset has emissions here."),
    "only_in_ours": _("Only our account has emissions here."),
    "factors_differ": _("The same activity with other emission factors."),
    "not_reported": _("Klimakompasset gives no CO2e for this entry."),
    "not_computable": _("Our factors cannot compute this entry."),
}
