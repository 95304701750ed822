"""What a partnership day achieved: attendance, meetings, connections, ideas and feedback."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from django.db.models import Avg
from django.utils.translation import gettext as _

from klimapartner import spreadsheets
from klimapartner.partners.models import Sector

from klimapartner.collaborations.network import collaborating_pairs
from klimapartner.events import planning
from klimapartner.events.models import Feedback, RegistrationStatus


@dataclass
class Report:
    registered: int
    attended: int
    no_shows: int
    walk_ins: int
    meetings_held: int
    cross_sector: int
    new_connections: int
    connections: int
    ideas: int
    collaborations: int
    feedback_count: int
    average_useful: float | None
    useful_counts: list = field(default_factory=list)  # [(score 1..5, count, bar length 0–100: count / the largest)]
    follow_up: int = 0

    @property
    def cross_sector_share(self):
        return self.cross_sector / self.meetings_held if self.meetings_held else None


def meeting_rows(event):
    """One row per meeting that was held (at least two who came), with sectors and feedback."""
    rows = []
    names = planning.table_names(event)
    feedback = {}
    for f in Feedback.objects.filter(meeting__event=event):
        feedback.setdefault(f.meeting_id, []).append(f)
    for meeting in event.meetings.prefetch_related("seats__registration__organisation"):
        people = [s.registration for s in meeting.seats.all() if not s.registration.no_show
                  and s.registration.status != RegistrationStatus.CANCELLED]
        if len(people) < 2:
            continue
        scores = [f.useful for f in feedback.get(meeting.pk, [])]
        rows.append({
            "meeting": meeting,
            "round": meeting.round,
            "table": names.get(meeting.table, meeting.table),
            "people": people,
            "sectors": sorted({p.sector or "" for p in people}),
            "cross_sector": len({p.sector for p in people if p.sector}) > 1,
            "useful": sum(scores) / len(scores) if scores else None,
            "follow_up": sum(1 for f in feedback.get(meeting.pk, []) if f.follow_up),
        })
    return rows


def event_report(*, event) -> Report:
    registrations = list(event.registrations.exclude(status=RegistrationStatus.CANCELLED))
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED and not r.walk_in]
    attended = [r for r in registrations if r.checked_in_at]
    rows = meeting_rows(event)
    earlier = planning.earlier_meetings(event=event, registrations=registrations)
    collaborating = collaborating_pairs(exclude_event=event)
    pairs, new = set(), set()
    for row in rows:
        for a, b in combinations(row["people"], 2):
            key = frozenset((f"r{a.pk}", f"r{b.pk}"))
            pairs.add(key)
            orgs = tuple(sorted((a.organisation_id or 0, b.organisation_id or 0)))
            if key not in earlier and orgs not in collaborating:
                new.add(key)
    feedback = Feedback.objects.filter(meeting__event=event)
    counts = {n: 0 for n in range(1, 6)}
    for value in feedback.values_list("useful", flat=True):
        counts[value] += 1
    top = max(counts.values()) or 1
    return Report(
        registered=len(registered),
        attended=len(attended),
        no_shows=sum(1 for r in registrations if r.no_show),
        walk_ins=sum(1 for r in registrations if r.walk_in),
        meetings_held=len(rows),
        cross_sector=sum(1 for row in rows if row["cross_sector"]),
        new_connections=len(new),
        connections=len(pairs),
        ideas=event.ideas.count(),
        collaborations=event.collaborations.count(),
        feedback_count=feedback.count(),
        average_useful=feedback.aggregate(a=Avg("useful"))["a"],
        useful_counts=[(n, c, round(100 * c / top)) for n, c in counts.items()],
        follow_up=feedback.filter(follow_up=True).count(),
    )


def _two_decimals(value) -> Decimal | None:
    """3.9166… -> Decimal("3.92"): a number the spreadsheet shows with the reader's decimal mark."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _sector(code: str) -> str:
    return str(Sector(code).label) if code in Sector.values else code


def _summary(report: Report):
    return [
        (_("Registered"), report.registered),
        (_("Attended"), report.attended),
        (_("No-shows"), report.no_shows),
        (_("Walk-ins"), report.walk_ins),
        (_("Meetings held"), report.meetings_held),
        (_("Meetings across sectors"), report.cross_sector),
        (_("New connections"), report.new_connections),
        (_("Ideas"), report.ideas),
        (_("Collaborations"), report.collaborations),
        (_("Feedback answers"), report.feedback_count),
        (_("Average usefulness (1-5)"), _two_decimals(report.average_useful) if report.average_useful else None),
        (_("Want to follow up"), report.follow_up),
    ]


def _meeting_table(event):
    header = [_("Round"), _("Table"), _("Participants"), _("Organisations"), _("Sectors"), _("Across sectors"),
              _("Usefulness"), _("Want to follow up")]
    rows = [[
        row["round"], row["table"], "; ".join(p.name for p in row["people"]),
        "; ".join(p.organisation_name for p in row["people"]), "; ".join(_sector(s) for s in row["sectors"] if s),
        _("yes") if row["cross_sector"] else _("no"),
        _two_decimals(row["useful"]), row["follow_up"],
    ] for row in meeting_rows(event)]
    return header, rows


def report_csv(*, event) -> bytes:
    """The summary, then one line per meeting: Danish Excel's CSV (semicolons, BOM, decimal commas), formula-safe."""
    header, rows = _meeting_table(event)
    return spreadsheets.write_csv([*map(list, _summary(event_report(event=event))), [], header, *rows])


def report_xlsx(*, event) -> bytes:
    """The summary and the meetings as two sheets; names and titles are stored as text, never as formulas."""
    header, rows = _meeting_table(event)
    summary = _summary(event_report(event=event))
    return spreadsheets.write_xlsx([
        spreadsheets.SheetOut(_("Summary"), [_("Figure"), _("Value")], [list(row) for row in summary],
                              widths={1: 34, 2: 12}),
        spreadsheets.SheetOut(_("Meetings"), header, rows, widths={3: 40, 4: 40, 5: 30}),
    ])
