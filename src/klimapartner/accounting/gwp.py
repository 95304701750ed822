"""Global warming potentials (100 years) for refrigerant leaks, by IPCC assessment report.

A refrigerant leak is counted as kg of gas topped up (or lost) × its GWP. The
factor set's `gwp` (AR4, AR5 or AR6) chooses the table, so a coordinator can
account with AR5, as Klimakompasset and most Danish tools do today, or with
AR6 as the newer reporting rules ask.

Pure gases: IPCC AR4 WG1 Table 2.14 (2007), AR5 WG1 Chapter 8 Table 8.A.1
(2013), AR6 WG1 Chapter 7 Table 7.SM.7 (2021). The values were checked
against several public transcriptions of these tables that agree with each
other; the IPCC reports themselves could not be opened from the development
machine. Blends are computed from their components by mass as ASHRAE
Standard 34 defines them (R-404A = 44 % R-125, 52 % R-143a, 4 % R-134a, …),
the way the GHG Protocol's GWP note asks.

Hydrocarbons (R-290 propane, R-600a isobutane) are not in the IPCC tables as
such; their GWP is small (taken as 3) and marked as an estimate.
"""

from decimal import Decimal

D = Decimal

# kg CO2e per kg of gas.
PURE = {
    "AR4": {"R-744": D(1), "R-32": D(675), "R-125": D(3500), "R-134a": D(1430), "R-143a": D(4470),
            "R-152a": D(124), "R-227ea": D(3220), "R-23": D(14800), "SF6": D(22800)},
    "AR5": {"R-744": D(1), "R-32": D(677), "R-125": D(3170), "R-134a": D(1300), "R-143a": D(4800),
            "R-152a": D(138), "R-227ea": D(3350), "R-23": D(12400), "SF6": D(23500)},
    "AR6": {"R-744": D(1), "R-32": D(771), "R-125": D(3740), "R-134a": D(1530), "R-143a": D(5810),
            "R-152a": D(164), "R-227ea": D(3600), "R-23": D(14600), "SF6": D(25200)},
}

ESTIMATED = {"R-290": D(3), "R-600a": D(3), "R-1234yf": D(1), "R-1234ze": D(1)}

# Blends by mass fraction of their components (ASHRAE 34).
BLENDS = {
    "R-404A": {"R-125": D("0.44"), "R-143a": D("0.52"), "R-134a": D("0.04")},
    "R-407C": {"R-32": D("0.23"), "R-125": D("0.25"), "R-134a": D("0.52")},
    "R-410A": {"R-32": D("0.5"), "R-125": D("0.5")},
    "R-507A": {"R-125": D("0.5"), "R-143a": D("0.5")},
    "R-448A": {"R-32": D("0.26"), "R-125": D("0.26"), "R-1234yf": D("0.20"), "R-134a": D("0.21"),
               "R-1234ze": D("0.07")},
    "R-449A": {"R-32": D("0.243"), "R-125": D("0.247"), "R-1234yf": D("0.253"), "R-134a": D("0.257")},
    "R-452A": {"R-32": D("0.11"), "R-125": D("0.59"), "R-1234yf": D("0.30")},
}

REFRIGERANTS = tuple(sorted({*PURE["AR5"], *ESTIMATED, *BLENDS}))


def normalise(name: str) -> str:
    """ "r134a", "R134A", "HFC-134a", "r-410a" -> the table's spelling ("R-134a", "R-410A"); "" if unknown."""
    if not isinstance(name, str):
        return ""
    text = name.strip().upper().replace(" ", "").replace("_", "-")
    for prefix in ("HFC-", "HFO-", "HFC", "HFO"):
        if text.startswith(prefix):
            text = "R-" + text[len(prefix):].lstrip("-")
            break
    if text.startswith("R") and not text.startswith("R-"):
        text = "R-" + text[1:]
    if text in ("CO2", "R-CO2"):
        text = "R-744"
    for known in REFRIGERANTS:
        if known.upper() == text:
            return known
    return ""


def gwp(refrigerant: str, table: str) -> tuple[Decimal | None, bool]:
    """(GWP, estimated) of a refrigerant in a table (AR4/AR5/AR6); (None, False) when unknown."""
    name = normalise(refrigerant)
    pure = PURE.get(table) if isinstance(table, str) else None
    if not name or pure is None:
        return None, False
    if name in pure:
        return pure[name], False
    if name in ESTIMATED:
        return ESTIMATED[name], True
    if name in BLENDS:
        total, estimated = Decimal(0), False
        for part, share in BLENDS[name].items():
            value, part_estimated = gwp(part, table)
            if value is None:
                return None, False
            total += value * share
            estimated = estimated or part_estimated
        return total, estimated
    return None, False
