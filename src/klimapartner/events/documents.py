"""Printable and calendar documents: personal agendas (PDF, .ics), table cards and the overview per round."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from klimapartner.events import planning
from klimapartner.events.models import ItemKind
from klimapartner.events.names import label, person_labels

# The PDF core fonts speak Latin-1 (æøå included); a few typographic characters need a plain stand-in.
_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "₂": "2", "→": "->",
                        "•": "-"})


def _latin1(text) -> str:
    return str(text).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    def __init__(self, orientation="portrait"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(18, 18, 18)

    def text_line(self, text, *, size=11, style="", height=None):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, height or size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")


def _programme_times(item) -> str:
    return f"{time_format(item.starts)}-{time_format(item.end)}"


def agenda_pdf(*, registration) -> bytes:
    """One participant's day on an A4 page: the programme with their meetings and reasons."""
    event = registration.event
    meetings = {row["round"]: row for row in planning.agenda(registration=registration)}
    pdf = _Document()
    pdf.add_page()
    pdf.text_line(event.title, size=18, style="B")
    pdf.text_line(f"{date_format(event.date)} - {event.venue}", size=11)
    if event.arrival:
        pdf.text_line(event.arrival, size=10)
    pdf.ln(2)
    pdf.text_line(_("Agenda for %(name)s, %(organisation)s") % {
        "name": registration.name, "organisation": registration.organisation_name}, size=12, style="B")
    pdf.ln(3)
    round_number = 0
    for item in event.programme.all():
        if item.kind == ItemKind.ROUND:
            round_number += 1
            row = meetings.get(round_number)
            pdf.text_line(f"{_programme_times(item)}  " + _("Round %(n)d") % {"n": round_number}
                          + (f", {row['table']}" if row else ""), size=11, style="B")
            if row:
                pdf.text_line(", ".join(f"{o.name} ({o.organisation_name})" for o in row["others"]), size=11)
                if row["reason"]:
                    pdf.text_line(row["reason"], size=9)
            else:
                pdf.text_line(_("No meeting this round: time to talk to anyone you like."), size=10)
        else:
            pdf.text_line(f"{_programme_times(item)}  {item}", size=11)
        pdf.ln(2)
    return bytes(pdf.output())


def agenda_ics(*, registration) -> bytes:
    """The day and each of the person's meetings as calendar entries."""
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PROGRAMME_NAME}//Klimapartner//DA")
    calendar.add("version", "2.0")
    items = list(event.programme.all())
    stamp = timezone.now()  # RFC 5545: every VEVENT says when the file was made
    for row in planning.agenda(registration=registration):
        item = row["item"]
        if item is None:
            continue
        entry = CalendarEvent()
        entry.add("uid", f"meeting-{row['meeting'].pk}-{registration.pk}@klimapartner")
        entry.add("dtstamp", stamp)
        entry.add("summary", _("Round %(n)d: %(people)s") % {
            "n": row["round"], "people": ", ".join(o.name for o in row["others"])})
        entry.add("dtstart", item.start)
        entry.add("dtend", item.end)
        entry.add("location", f"{row['table']}, {event.venue}")
        entry.add("description", row["reason"])
        calendar.add_component(entry)
    if items:
        day = CalendarEvent()
        day.add("uid", f"event-{event.pk}-{registration.pk}@klimapartner")
        day.add("dtstamp", stamp)
        day.add("summary", event.title)
        day.add("dtstart", items[0].start)
        day.add("dtend", max(i.end for i in items) if items else items[0].start + timedelta(hours=3))
        day.add("location", event.venue)
        calendar.add_component(day)
    # Times are local (Europe/Copenhagen) with a TZID, so the VTIMEZONE they name is in the file.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _rounds_with_tables(event):
    """{round: [(table name, [registrations])]} for the saved schedule, tables in name order."""
    names = planning.table_names(event)
    labels = person_labels(event)
    out = {}
    for meeting in event.meetings.prefetch_related("seats__registration__organisation"):
        name = names.get(meeting.table) or planning.table_label(meeting.table)
        out.setdefault(meeting.round, []).append((name, label([s.registration for s in meeting.seats.all()], labels)))
    for tables in out.values():
        tables.sort(key=lambda t: (len(t[0]), t[0]))
    return out


def table_cards_pdf(*, event) -> bytes:
    """A card per table (landscape A4, to fold): the table's name in large type and who sits there each round."""
    by_table = {}
    for n, tables in sorted(_rounds_with_tables(event).items()):
        for name, people in tables:
            by_table.setdefault(name, []).append((n, people))
    pdf = _Document(orientation="landscape")
    for name, rounds in sorted(by_table.items(), key=lambda t: (len(t[0]), t[0])):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 72)
        pdf.cell(0, 40, _latin1(name), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.text_line(event.title, size=14)
        pdf.ln(2)
        for n, people in rounds:
            pdf.text_line(_("Round %(n)d") % {"n": n} + ": " + ", ".join(p.label for p in people), size=11)
    return bytes(pdf.output())


def overview_pdf(*, event) -> bytes:
    """Every round on its own A4 page: each table and who sits there, for the wall and the facilitators."""
    items = event.rounds
    pdf = _Document()
    for n, tables in sorted(_rounds_with_tables(event).items()):
        pdf.add_page()
        when = f" ({_programme_times(items[n - 1])})" if n <= len(items) else ""
        pdf.text_line(f"{event.title} - " + _("Round %(n)d") % {"n": n} + when, size=16, style="B")
        pdf.ln(2)
        for name, people in tables:
            pdf.text_line(name, size=11, style="B")
            pdf.text_line(", ".join(f"{p.name} ({p.organisation_name})" for p in people), size=10)
    return bytes(pdf.output())
