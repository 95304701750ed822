"""Findings in words, English and Danish, for the command line.

The web app words the same codes through its own translation catalogue; a test
checks that both know every code the core can produce (`CODES`).
"""

from __future__ import annotations

from .model import Problem, clock

SUGGEST = ("start earlier, shorten a visit, or drop a stop",
           "start tidligere, gør et besøg kortere, eller drop et stop")

MESSAGES: dict[str, tuple[str, str]] = {
    # a stop on its own, or in a given order
    "after_closing": (
        "{stop} closes {closes}; the bus can be there at {arrive} at the earliest – {suggest}.",
        "{stop} lukker kl. {closes}; bussen kan tidligst være der kl. {arrive} – {suggest}."),
    "visit_past_closing": (
        "{stop} closes {closes}, so the {visit}-minute visit must begin by {latest_start}; "
        "the bus can be there at {arrive} at the earliest – {suggest}.",
        "{stop} lukker kl. {closes}, så besøget på {visit} minutter skal begynde senest kl. {latest_start}; "
        "bussen kan tidligst være der kl. {arrive} – {suggest}."),
    "after_latest": (
        "The visit to {stop} must be over by {closes}; the bus can be there at {arrive} at the earliest – {suggest}.",
        "Besøget hos {stop} skal være slut kl. {closes}; bussen kan tidligst være der kl. {arrive} – {suggest}."),
    "visit_past_latest": (
        "The visit to {stop} must be over by {closes}, so the {visit}-minute visit must begin by {latest_start}; "
        "the bus can be there at {arrive} at the earliest – {suggest}.",
        "Besøget hos {stop} skal være slut kl. {closes}, så besøget på {visit} minutter skal begynde senest "
        "kl. {latest_start}; bussen kan tidligst være der kl. {arrive} – {suggest}."),
    "host_busy": (
        "{stop} receives another group from {closes}; the bus can be there at {arrive} at the earliest, "
        "too late for the {visit}-minute visit before it – {suggest}.",
        "{stop} har en anden gruppe fra kl. {closes}; bussen kan tidligst være der kl. {arrive}, "
        "for sent til besøget på {visit} minutter inden – {suggest}."),
    "visit_longer_than_hours": (
        "{stop} is open {opens}–{closes}, less than the {visit}-minute visit – shorten the visit or drop the stop.",
        "{stop} har åbent kl. {opens}–{closes}, kortere end besøget på {visit} minutter – "
        "gør besøget kortere, eller drop stoppet."),
    "cannot_get_back": (
        "After the visit to {stop} the bus can be back at {back} at the earliest; it must be back by {return_by} – "
        "{suggest}.",
        "Efter besøget hos {stop} kan bussen tidligst være tilbage kl. {back}; den skal være tilbage kl. {return_by} – "
        "{suggest}."),
    "break_window_short": (
        "{break} lasts {minutes} minutes, longer than the time from {earliest} to {latest}.",
        "{break} varer {minutes} minutter, længere end tiden fra kl. {earliest} til kl. {latest}."),
    "break_outside_day": (
        "{break} ({earliest}–{latest}) does not fit between leaving at {depart} and being back at {return_by}.",
        "{break} (kl. {earliest}–{latest}) passer ikke ind mellem afgang kl. {depart} og hjemkomst kl. {return_by}."),
    "break_at_depot": (
        "{break} comes before the first stop; a break is held at a stop.",
        "{break} ligger før første stop; en pause holdes ved et stop."),
    "break_elsewhere": (
        "{break} is to be held at {stop}, but the bus is at {place} then.",
        "{break} skal holdes hos {stop}, men bussen er hos {place} på det tidspunkt."),
    "break_late": (
        "{break} must begin by {latest_start}; at {place} it can begin at {can_start} at the earliest.",
        "{break} skal begynde senest kl. {latest_start}; hos {place} kan den tidligst begynde kl. {can_start}."),
    "visited_twice": ("{stop} is in the route twice.", "{stop} står to gange på ruten."),
    "unknown_stop": ("{stop_id} is not one of the day's stops.", "{stop_id} er ikke et af dagens stop."),
    "stop_left_out": ("{stop} is not in the route.", "{stop} er ikke med på ruten."),
    "break_left_out": ("{break} is not in the route.", "{break} er ikke med på ruten."),
    "back_late": (
        "The bus is back at {back}; it must be back by {return_by}.",
        "Bussen er tilbage kl. {back}; den skal være tilbage kl. {return_by}."),
    # why no order works
    "pair_conflict": (
        "{stop} and {other} cannot both be visited on this day, in either order – shorten a visit or drop one of them.",
        "{stop} og {other} kan ikke begge besøges på dagen, i nogen rækkefølge – gør et besøg kortere, "
        "eller drop et af dem."),
    "day_too_short": (
        "The visits, breaks and driving take at least {need}; from {depart} to {return_by} there are {have} – "
        "start earlier, return later, or drop a stop.",
        "Besøg, pauser og kørsel tager mindst {need}; fra kl. {depart} til kl. {return_by} er der {have} – "
        "start tidligere, kom senere hjem, eller drop et stop."),
    "no_order_fits": (
        "No order of the {count} stops fits the day; without {drop} it does.",
        "Ingen rækkefølge af de {count} stop passer ind i dagen; uden {drop} går det."),
    "no_order_fits_any": (
        "No order of the {count} stops fits the day, and dropping one stop is not enough – "
        "start earlier, return later, or shorten the visits.",
        "Ingen rækkefølge af de {count} stop passer ind i dagen, og det er ikke nok at droppe ét stop – "
        "start tidligere, kom senere hjem, eller gør besøgene kortere."),
    "no_route_found": (
        "No route was found that fits the day; with {count} stops the planner cannot prove that none exists. "
        "The closest route it found breaks these rules:",
        "Der blev ikke fundet en rute, der passer ind i dagen; med {count} stop kan planlæggeren ikke bevise, "
        "at der ingen findes. Den bedste rute, den fandt, bryder disse regler:"),
    # several groups
    "groups_do_not_fit": (
        "Only {fitted} of the {groups} groups fit into the day without two of them at a host at once – "
        "start earlier, return later, or shorten the visits.",
        "Kun {fitted} af de {groups} grupper kan nå rundt på dagen uden at to af dem er hos en vært samtidig – "
        "start tidligere, kom senere hjem, eller gør besøgene kortere."),
    "host_two_groups": (
        "{stop_id} receives group {group} and group {other} at once ({start}–{until}).",
        "{stop_id} får besøg af gruppe {group} og gruppe {other} på samme tid (kl. {start}–{until})."),
    # input
    "return_before_depart": (
        "The return time {return_by} is not after the departure {depart}.",
        "Hjemkomst kl. {return_by} ligger ikke efter afgang kl. {depart}."),
    "travel_missing": ("There is no travel time from {from} to {to}.", "Der mangler en køretid fra {from} til {to}."),
    "visit_negative": ("The visit to {stop} has a negative length.", "Besøget hos {stop} har en negativ længde."),
    "closes_before_opens": (
        "{stop} closes ({closes}) before it opens ({opens}).",
        "{stop} lukker (kl. {closes}) før det åbner (kl. {opens})."),
    "break_at_unknown_stop": (
        "{break} is to be held at {stop_id}, which is not one of the day's stops.",
        "{break} skal holdes hos {stop_id}, som ikke er et af dagens stop."),
    "break_too_short": ("{break} must last at least a minute.", "{break} skal vare mindst et minut."),
    # files
    "file_unreadable": ("{file} cannot be read: {reason}.", "{file} kan ikke læses: {reason}."),
    "file_columns": (
        "{file}: the first row must be the columns {expected}; it is {found}.",
        "{file}: første række skal være kolonnerne {expected}; den er {found}."),
    "file_no_rows": ("{file} has no rows after the column names.", "{file} har ingen rækker efter kolonnenavnene."),
    "file_time": (
        "{file}, row {row}, column {column}: {value!r} is not a time like 09:40.",
        "{file}, række {row}, kolonne {column}: {value!r} er ikke et klokkeslæt som 09:40."),
    "file_number": (
        "{file}, row {row}, column {column}: {value!r} is not a number.",
        "{file}, række {row}, kolonne {column}: {value!r} er ikke et tal."),
    "file_minutes": (
        "{file}, row {row}, column {column}: {value!r} is not a whole number of minutes.",
        "{file}, række {row}, kolonne {column}: {value!r} er ikke et helt antal minutter."),
    "file_coordinate": (
        "{file}, row {row}, column {column}: {value!r} is not a coordinate in degrees.",
        "{file}, række {row}, kolonne {column}: {value!r} er ikke en koordinat i grader."),
    "file_empty_value": (
        "{file}, row {row}, column {column}: a value is needed.",
        "{file}, række {row}, kolonne {column}: der mangler en værdi."),
    "file_duplicate_id": (
        "{file}, row {row}: the id {value!r} is already used in row {first}.",
        "{file}, række {row}: id'et {value!r} er allerede brugt i række {first}."),
    "file_depot_visit": (
        "{file}, row {row}: the first row is the depot, so its visit_minutes must be 0, not {value!r}.",
        "{file}, række {row}: første række er udgangspunktet, så dens visit_minutes skal være 0, ikke {value!r}."),
    "file_closes_before_opens": (
        "{file}, row {row}: closes {closes} is not after opens {opens}.",
        "{file}, række {row}: closes {closes} ligger ikke efter opens {opens}."),
    "matrix_unknown_id": (
        "{file}, row {row}, column {column}: {value!r} is not an id in the stops file.",
        "{file}, række {row}, kolonne {column}: {value!r} er ikke et id i filen med stop."),
    "matrix_twice": (
        "{file}, row {row}: the leg from {from} to {to} is already in row {first}.",
        "{file}, række {row}: strækningen fra {from} til {to} står allerede i række {first}."),
    "matrix_missing": (
        "{file}: there is no row from {from} to {to} (one row per ordered pair of ids is needed).",
        "{file}: der er ingen række fra {from} til {to} (der skal være én række for hvert ordnet par af id'er)."),
    "bad_option": ("--{option}: {value!r} is not {what}.", "--{option}: {value!r} er ikke {what}."),
}

CODES = frozenset(MESSAGES)
# Why the shared spreadsheet module could not read a file (its codes), in both languages.
UNREADABLE = {
    "no_such_file": ("there is no such file", "filen findes ikke"),
    "too_large": ("the file is larger than {limit} bytes", "filen er større end {limit} byte"),
    "too_large_uncompressed": ("the workbook unpacks to more than {limit} bytes",
                               "regnearket fylder mere end {limit} byte udpakket"),
    "too_many_sheets": ("the workbook has more than {limit} sheets", "regnearket har mere end {limit} ark"),
    "too_many_rows": ("there are more than {limit} rows", "der er mere end {limit} rækker"),
    "too_many_cells": ("there are more than {limit} cells", "der er mere end {limit} celler"),
    "cell_too_long": ("row {row} has a cell of more than {limit} characters",
                      "række {row} har en celle med mere end {limit} tegn"),
    "not_xlsx": ("it is not an Excel workbook (.xlsx)", "det er ikke et Excel-regneark (.xlsx)"),
    "old_xls": ("old Excel files (.xls) cannot be read; save it as .xlsx or CSV",
                "gamle Excel-filer (.xls) kan ikke læses; gem den som .xlsx eller CSV"),
    "not_text": ("it is neither a CSV file nor an Excel workbook", "det er hverken en CSV-fil eller et Excel-regneark"),
    "empty": ("the file is empty", "filen er tom"),
    "csv_broken": ("the CSV is broken ({detail})", "CSV-filen er i stykker ({detail})"),
}
TIMES = {"start", "until", "arrive", "closes", "opens", "latest_start", "back", "return_by", "depart", "earliest", "latest", "can_start"}
OPTION_WHAT = {"time": ("a time like 09:40", "et klokkeslæt som 09:40"),
               "speed": ("a speed in km/h above 0", "en hastighed i km/t over 0"),
               "detour": ("a factor of at least 1", "en faktor på mindst 1")}


def _duration(value: int, language: str) -> str:
    h, m = divmod(int(value), 60)
    return f"{h} {'t' if language == 'da' else 'h'} {m:02d} min"


def say(problem: Problem, language: str = "en") -> str:
    """One finding as a sentence in `language` ("en" or "da")."""
    da = language == "da"
    template = MESSAGES[problem.code][1 if da else 0]
    params = dict(problem.params)
    if problem.code == "no_order_fits" and not params.get("drop"):
        template = MESSAGES["no_order_fits_any"][1 if da else 0]
    for key in TIMES & params.keys():
        value = params[key]
        if value is None:
            value = 0 if key == "opens" else 24 * 60
        params[key] = clock(value, "." if da else ":")
    for key in ("need", "have"):
        if key in params:
            params[key] = _duration(params[key], language)
    if "drop" in params:
        params["drop"] = (" eller " if da else " or ").join(params["drop"])
    if "what" in params:
        params["what"] = OPTION_WHAT[params["what"]][1 if da else 0]
    if problem.code == "file_unreadable":
        en_da = UNREADABLE.get(params["reason"], (params["reason"], params["reason"]))
        params["reason"] = en_da[1 if da else 0].format(**{"limit": "", "row": "", "detail": "", **params.get("detail", {})})
    params["suggest"] = SUGGEST[1 if da else 0]
    params["break"] = params.get("break", "")
    return template.format(**params)
