"""The routing core's findings in the user's language: one message per code, translated here.

The core returns `Problem(code, field, params)`; `describe` words it. Times are
formatted for the language, durations as hours and minutes, lists joined with
"or". A test checks that every code the core can produce has a message here.
"""

from datetime import time

from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "after_closing": _("%(stop)s closes %(closes)s; the bus can be there at %(arrive)s at the earliest – start earlier, shorten a visit, or drop a stop."),
    "after_latest": _("The visit to %(stop)s must be over by %(closes)s; the bus can be there at %(arrive)s at the earliest – start earlier, shorten a visit, or drop a stop."),
    "back_late": _("The bus is back at %(back)s; it must be back by %(return_by)s."),
    "break_at_depot": _("%(break)s comes before the first stop; a break is held at a stop."),
    "break_at_unknown_stop": _("%(break)s is to be held at %(stop_id)s, which is not one of the day's stops."),
    "break_elsewhere": _("%(break)s is to be held at %(stop)s, but the bus is at %(place)s then."),
    "break_late": _("%(break)s must begin by %(latest_start)s; at %(place)s it can begin at %(can_start)s at the earliest."),
    "break_left_out": _("%(break)s is not in the route."),
    "break_outside_day": _("%(break)s (%(earliest)s–%(latest)s) does not fit between leaving at %(depart)s and being back at %(return_by)s."),
    "break_too_short": _("%(break)s must last at least a minute."),
    "break_window_short": _("%(break)s lasts %(minutes)s minutes, longer than the time from %(earliest)s to %(latest)s."),
    "cannot_get_back": _("After the visit to %(stop)s the bus can be back at %(back)s at the earliest; it must be back by %(return_by)s – start earlier, shorten a visit, or drop a stop."),
    "closes_before_opens": _("%(stop)s closes (%(closes)s) before it opens (%(opens)s)."),
    "day_too_short": _("The visits, breaks and driving take at least %(need)s; from %(depart)s to %(return_by)s there are %(have)s – start earlier, return later, or drop a stop."),
    "groups_do_not_fit": _("Only %(fitted)s of the %(groups)s groups fit into the day without two of them at a host at once – start earlier, return later, or shorten the visits."),
    "host_busy": _("%(stop)s receives another group from %(closes)s; the bus can be there at %(arrive)s at the earliest, too late for the %(visit)s-minute visit before it – start earlier, shorten a visit, or drop a stop."),
    "host_two_groups": _("%(stop_id)s receives group %(group)s and group %(other)s at once (%(start)s–%(until)s)."),
    "no_order_fits": _("No order of the %(count)s stops fits the day; without %(drop)s it does."),
    "no_order_fits_any": _("No order of the %(count)s stops fits the day, and dropping one stop is not enough – start earlier, return later, or shorten the visits."),
    "no_route_found": _("No route was found that fits the day; with %(count)s stops the planner cannot prove that none exists. The closest route it found breaks these rules:"),
    "pair_conflict": _("%(stop)s and %(other)s cannot both be visited on this day, in either order – shorten a visit or drop one of them."),
    "return_before_depart": _("The return time %(return_by)s is not after the departure %(depart)s."),
    "stop_left_out": _("%(stop)s is not in the route."),
    "travel_missing": _("There is no travel time from %(from)s to %(to)s."),
    "unknown_stop": _("%(stop_id)s is not one of the day's stops."),
    "visit_longer_than_hours": _("%(stop)s is open %(opens)s–%(closes)s, less than the %(visit)s-minute visit – shorten the visit or drop the stop."),
    "visit_negative": _("The visit to %(stop)s has a negative length."),
    "visit_past_closing": _("%(stop)s closes %(closes)s, so the %(visit)s-minute visit must begin by %(latest_start)s; the bus can be there at %(arrive)s at the earliest – start earlier, shorten a visit, or drop a stop."),
    "visit_past_latest": _("The visit to %(stop)s must be over by %(closes)s, so the %(visit)s-minute visit must begin by %(latest_start)s; the bus can be there at %(arrive)s at the earliest – start earlier, shorten a visit, or drop a stop."),
    "visited_twice": _("%(stop)s is in the route twice."),
}
TIMES = {"start", "until", "arrive", "closes", "opens", "latest_start", "back", "return_by", "depart", "earliest",
         "latest", "can_start"}


def _clock(minutes: int | None, default: int) -> str:
    minutes = default if minutes is None else minutes
    return formats.time_format(time(min(minutes // 60, 23), minutes % 60 if minutes < 1440 else 59), "TIME_FORMAT")


def duration(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    return _g("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": rest}


def describe(problem) -> str:
    """One finding of the routing core as a sentence in the active language."""
    params = dict(problem.params)
    code = problem.code
    if code == "no_order_fits" and not params.get("drop"):
        code = "no_order_fits_any"
    for key in TIMES & params.keys():
        params[key] = _clock(params[key], 0 if key == "opens" else 24 * 60)
    for key in ("need", "have"):
        if key in params:
            params[key] = duration(params[key])
    if "drop" in params:
        params["drop"] = get_text_list(list(params["drop"]), _g("or"))
    params.setdefault("break", "")
    return str(MESSAGES[code]) % params
