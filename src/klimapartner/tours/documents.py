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


def itinerary(tour) -> list[dict]:
    """The day in order: departure, each stop and break with its times and place, the return."""
    rows = [{"kind": "depart", "time": tour.starts, "until": None, "title": _("Departure from %(place)s") % {
        "place": tour.venue}, "place": tour.venue, "text": ""}]
    items = [(s.position, "stop", s) for s in tour.stops.select_related("site__organisation")]
    items += [(b.position, "break", b) for b in tour.breaks.select_related("site")]
    for _position, kind, item in sorted(items, key=lambda x: x[0]):
        if kind == "stop":
            site = item.site
            rows.append({"kind": "stop", "time": item.start, "until": item.leave, "title": site.name,
                         "place": ", ".join(x for x in (site.organisation.name, site.address, site.town) if x),
                         "text": site.description, "step_free": site.step_free, "uid": f"stop-{item.pk}"})
        else:
            rows.append({"kind": "break", "time": item.start, "until": item.leave, "title": item.name,
                         "place": item.site.name if item.site else "", "text": "", "uid": f"break-{item.pk}"})
    rows.append({"kind": "back", "time": tour.planned_back, "until": None,
                 "title": _("Back at %(place)s") % {"place": tour.venue}, "place": tour.venue, "text": ""})
    return rows


def itinerary_pdf(tour, *, name: str = "") -> bytes:
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
    pdf.ln(3)
    for row in itinerary(tour):
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


def itinerary_ics(tour, *, who: str = "") -> bytes:
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
    whole.add("dtend", _local(tour, tour.planned_back or tour.ends))
    whole.add("location", tour.venue)
    calendar.add_component(whole)
    for row in itinerary(tour):
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
