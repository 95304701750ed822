"""A tour's itinerary as a PDF page and as a calendar file with each stop."""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from icalendar import Calendar
from icalendar import Event as CalendarEvent

# The PDF core fonts speak Latin-1 (æøå included); a few typographic characters need a plain stand-in.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "₂": "2", "→": "->"})


def _latin1(text) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def itinerary(tour, group: int = 1) -> list[dict]:
    """The day of one group in order: departure, each stop and break with its times and place, the return."""
    from klimapartner.tours import planning
    from klimapartner.tours.adapt import stop_id, time_of

    route = planning.group_route(tour, group)
    draft = planning.saved_draft(tour)
    stops = {stop_id(s.site): s for s in tour.stops.select_related("site__organisation")}
    rows = [{"kind": "depart", "time": tour.starts, "until": None, "title": _("Departure from %(place)s") % {
        "place": tour.venue}, "place": tour.venue, "text": ""}]
    for leg in route.legs if route else ():
        if leg.kind == "stop":
            stop = stops[leg.id]
            site = stop.site
            rows.append({"kind": "stop", "time": time_of(leg.start), "until": time_of(leg.leave), "title": site.name,
                         "place": ", ".join(x for x in (site.organisation.name, site.address, site.town) if x),
                         "text": site.description, "step_free": site.step_free, "uid": f"stop-{stop.pk}"})
        else:
            item = draft.break_for(leg.id)
            place = item.site or draft.site_for(leg.place)
            rows.append({"kind": "break", "time": time_of(leg.start), "until": time_of(leg.leave), "title": item.name,
                         "place": place.name if place else "", "text": "", "uid": f"break-{item.pk}"})
    rows.append({"kind": "back", "time": time_of(route.back) if route else None, "until": None,
                 "title": _("Back at %(place)s") % {"place": tour.venue}, "place": tour.venue, "text": ""})
    return rows


def itinerary_pdf(tour, *, name: str = "", group: int = 1) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()

    def line(text, *, size=11, style="", height=None):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, height or size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    line(tour.title, size=18, style="B")
    line(date_format(tour.date, "DATE_FORMAT"))
    if name:
        line(_("Itinerary for %(name)s") % {"name": name}, size=12, style="B")
    if tour.groups > 1:
        line(_("Group %(group)s of %(groups)s") % {"group": group, "groups": tour.groups}, size=12, style="B")
    pdf.ln(3)
    for row in itinerary(tour, group):
        times = time_format(row["time"]) + (f" - {time_format(row['until'])}" if row["until"] else "")
        line(f"{times}  {row['title']}", size=12, style="B")
        if row["place"] and row["kind"] in ("stop", "break"):
            line(row["place"], size=10)
        if row["text"]:
            line(row["text"], size=10)
        pdf.ln(2)
    return bytes(pdf.output())


def _local(tour, value) -> datetime:
    return timezone.make_aware(datetime.combine(tour.date, value))


def itinerary_ics(tour, *, who: str = "", group: int = 1) -> bytes:
    """The tour as one entry, and each stop and break as its own."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PROGRAMME_NAME}//Klimapartner//DA")
    calendar.add("version", "2.0")
    stamp = timezone.now()  # RFC 5545: every VEVENT says when the file was made
    whole = CalendarEvent()
    whole.add("uid", f"tour-{tour.pk}{who}@klimapartner")
    whole.add("dtstamp", stamp)
    whole.add("summary", tour.title)
    whole.add("dtstart", _local(tour, tour.starts))
    rows = itinerary(tour, group)
    whole.add("dtend", _local(tour, rows[-1]["time"] or tour.ends))
    whole.add("location", tour.venue)
    calendar.add_component(whole)
    for row in rows:
        if row["kind"] not in ("stop", "break"):
            continue
        entry = CalendarEvent()
        entry.add("uid", f"tour-{tour.pk}-{row['uid']}{who}@klimapartner")
        entry.add("dtstamp", stamp)
        entry.add("summary", row["title"])
        entry.add("dtstart", _local(tour, row["time"]))
        entry.add("dtend", _local(tour, row["until"]))
        if row["place"]:
            entry.add("location", row["place"])
        if row["text"]:
            entry.add("description", row["text"])
        calendar.add_component(entry)
    # Times are local (Europe/Copenhagen) with a TZID, so the VTIMEZONE they name is in the file.
    calendar.add_missing_timezones()
    return calendar.to_ical()
