"""The annual status: per partner for the yearly dialogue meeting, and the programme's for the city council.

Page, PDF and XLSX read the same numbers from here. The PDFs use the CO2 reports' page builder
(climate/reports.py) so every report of the programme looks and prints alike.
"""

import io

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klimapartner.activities.models import CITIZEN_KINDS, Activity, ActivityStatus, SignUp
from klimapartner.climate.programme import programme_overview
from klimapartner.climate.reports import _Report as Report
from klimapartner.climate.summary import partner_overview
from klimapartner.collaborations.models import Collaboration
from klimapartner.partners.access import public_collaborations
from klimapartner.expectations import tracker
from klimapartner.partners.models import Action, ActionStatus
from klimapartner.stories.models import Story, StoryStatus


def partner_year(organisation, year: int) -> dict:
    """What the agreement commits the partner to, next to what happened in the year."""
    [row] = tracker.trackers([organisation], year)
    attended = (Activity.objects.filter(signups__organisation=organisation, signups__checked_in_at__isnull=False,
                                        date__year=year).exclude(organiser=organisation)
                .annotate(people=Count("signups", filter=Q(signups__organisation=organisation,
                                                           signups__checked_in_at__isnull=False)))
                .order_by("date", "pk"))
    held = organisation.activities.filter(date__year=year, status=ActivityStatus.APPROVED).order_by("date", "pk")
    stories = organisation.stories.filter(status=StoryStatus.PUBLISHED, published_at__year=year)
    climate = partner_overview(organisation, include_drafts=False)
    account = next((a for a in climate["accounts"] if a.year == year - 1), None)
    actions = Action.objects.filter(agreement__organisation=organisation).filter(
        Q(status=ActionStatus.DONE, end_year=year) | Q(status=ActionStatus.IN_PROGRESS)).select_related("focus_area")
    collaborations = (Collaboration.objects.filter(partners=organisation, started_on__year=year)
                      .prefetch_related("partners").order_by("started_on", "pk"))
    return {"tracker": row, "agreement": climate["agreement"], "attended": list(attended), "held": list(held),
            "stories": list(stories), "climate": climate, "account": account,
            "actions_done": [a for a in actions if a.status == ActionStatus.DONE],
            "actions_ongoing": [a for a in actions if a.status == ActionStatus.IN_PROGRESS],
            "collaborations": list(collaborations)}


def _day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _line_text(line) -> str:
    if line.code == "account":
        return line.status_label
    return f"{line.done} / {line.target} ({line.status_label})"


def partner_pdf(organisation, year: int, *, compress: bool = True) -> bytes:
    data = partner_year(organisation, year)
    report = Report(_("Annual status %(year)s: %(name)s") % {"year": year, "name": organisation.name},
                    _("For the yearly dialogue meeting. Made %(date)s.") % {"date": _day(timezone.localdate())},
                    compress=compress)
    agreement = data["agreement"]
    report.heading(_("The agreement's commitments"))
    if agreement is None:
        report.paragraph(_("No active agreement."))
    else:
        targets = ", ".join(_("%(p)s%% less by %(y)s") % {"p": f"{t.percent:.0f}", "y": t.target_year}
                            for t in agreement.targets.all())
        report.paragraph(_("Reduction targets: %(targets)s.") % {"targets": targets or "-"})
        if agreement.communication:
            report.paragraph(_("Communication: %(text)s") % {"text": agreement.communication})
        if agreement.collaboration:
            report.paragraph(_("Collaboration: %(text)s") % {"text": agreement.collaboration})
    report.heading(_("Expected and done in %(year)s") % {"year": year})
    report.table([_("Expectation"), _("Done / expected")],
                 [[str(line.label), _line_text(line)] for line in data["tracker"].lines], [110, 64])
    report.heading(_("Activities attended"))
    report.table([_("Activity"), _("Date")], [[a.title, _day(a.date)] for a in data["attended"]] or
                 [[_("None"), ""]], [130, 44])
    report.heading(_("Activities held"))
    report.table([_("Activity"), _("Participants")],
                 [[f"{a.title} ({_day(a.date)})", str(a.participants if a.participants is not None else "-")]
                  for a in data["held"]] or [[_("None"), ""]], [130, 44])
    report.heading(_("Climate stories"))
    report.table([_("Story"), _("Published")], [[s.title, _day(s.published_at)] for s in data["stories"]] or
                 [[_("None"), ""]], [130, 44])
    report.heading(_("CO2 account against the target"))
    report.chart(data["climate"]["chart"])
    report.heading(_("Actions"))
    rows = [[a.title, _("done")] for a in data["actions_done"]] + [[a.title, _("in progress")]
                                                                   for a in data["actions_ongoing"]]
    report.table([_("Action"), _("Status")], rows or [[_("None"), ""]], [130, 44])
    report.heading(_("Collaborations started"))
    report.table([_("Partners"), _("Started")],
                 [[" – ".join(p.name for p in c.partners.all()), _day(c.started_on)] for c in data["collaborations"]] or
                 [[_("None"), ""]], [130, 44])
    return report.output()


def programme_year(year: int) -> dict:
    """The programme's year for the city council, in a fixed number of queries."""
    rows = tracker.trackers(tracker.programme_partners(year), year)
    activities = Activity.objects.filter(date__year=year).exclude(status__in=[ActivityStatus.SUBMITTED,
                                                                               ActivityStatus.REJECTED,
                                                                               ActivityStatus.CANCELLED])
    by_kind = list(activities.values("kind").annotate(n=Count("pk")).order_by("kind"))
    attendance = SignUp.objects.filter(activity__in=activities, checked_in_at__isnull=False)
    reported = sum(a.participants or 0 for a in activities.filter(organiser__isnull=False, kind__in=CITIZEN_KINDS))
    from klimapartner.activities.models import ActivityKind

    return {
        "year": year, "rows": rows, "summary": tracker.summary(rows),
        "partners": len(rows), "active": sum(not t.passive for t in rows),
        "all_met": sum(t.met == len(t.lines) for t in rows),
        "activities": activities.count(),
        "by_kind": [(ActivityKind(r["kind"]).label, r["n"]) for r in by_kind],
        "attendance": attendance.count(), "citizen_participants": reported,
        "stories": Story.objects.filter(status=StoryStatus.PUBLISHED, published_at__year=year).count(),
        "collaborations": public_collaborations(Collaboration.objects.filter(started_on__year=year)).distinct().count(),
        "trend": tracker.trend(range(max(2020, year - 4), year + 1)),
    }


def _bars(report, title: str, rows: list[tuple[str, int]], description: str):
    """A horizontal bar per row, with its number: simple enough to read in print, in grey and black."""
    pdf = report.pdf
    if pdf.will_page_break(10 + 8 * len(rows)):
        pdf.add_page()
    pdf.set_font("helvetica", "B", 10)
    pdf.cell(0, 6, _text(title), new_x="LMARGIN", new_y="NEXT")
    top = max([n for _label, n in rows] + [1])
    width = pdf.w - pdf.l_margin - pdf.r_margin - 70
    pdf.set_font("helvetica", "", 9)
    for label, n in rows:
        y = pdf.get_y()
        pdf.cell(55, 6, _text(label))
        pdf.set_fill_color(30, 107, 52)
        pdf.rect(pdf.l_margin + 56, y + 1, max(0.5, width * n / top), 4, style="F")
        pdf.set_xy(pdf.l_margin + 58 + width * n / top, y)
        pdf.cell(12, 6, str(n), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    report.paragraph(description)


def _text(value) -> str:
    from klimapartner.climate.reports import _text as latin1

    return latin1(value)


def programme_pdf(year: int, *, compress: bool = True) -> bytes:
    data = programme_year(year)
    report = Report(_("Climate partnerships: annual status %(year)s") % {"year": year},
                    _("For the city council. Made %(date)s.") % {"date": _day(timezone.localdate())},
                    compress=compress)
    report.heading(_("Partners"))
    report.paragraph(_("%(partners)s partners had an agreement in %(year)s; %(active)s of them took part in the "
                       "programme, and %(all)s met every expectation.") % {
        "partners": data["partners"], "year": year, "active": data["active"], "all": data["all_met"]})
    _bars(report, _("Active partners per year"), [(str(t["year"]), t["active"]) for t in data["trend"]],
          _("Active: took part in an activity, held one or wrote a story."))
    report.heading(_("Expectations met"))
    report.table([_("Expectation"), _("Met"), _("On its way"), _("Missing")],
                 [[str(s["label"]), str(s["met"]), str(s["on_its_way"]), str(s["missing"])]
                  for s in data["summary"]], [94, 26, 28, 26])
    _bars(report, _("Partners who met each expectation"), [(str(s["label"]), s["met"]) for s in data["summary"]],
          _("Out of %(n)s partners.") % {"n": data["partners"]})
    report.heading(_("Activities and attendance"))
    report.paragraph(_("%(n)s activities, %(people)s people checked in from partners, and %(citizens)s "
                       "participants reported at the partners' own activities for citizens.") % {
        "n": data["activities"], "people": data["attendance"], "citizens": data["citizen_participants"]})
    report.table([_("Kind"), _("Activities")], [[str(k), str(n)] for k, n in data["by_kind"]] or [[_("None"), "0"]],
                 [130, 44])
    report.heading(_("Stories and collaborations"))
    report.paragraph(_("%(stories)s climate stories published, %(collaborations)s new collaborations.") % {
        "stories": data["stories"], "collaborations": data["collaborations"]})
    report.heading(_("The CO2 path against the plan"))
    co2 = programme_overview(year=year - 1)
    if co2["chart"] is not None:
        report.chart(co2["chart"])
    else:
        report.paragraph(_("There are not yet accounts for enough years to draw the path."))
    return report.output()


def programme_xlsx(year: int) -> bytes:
    """The same numbers in a workbook: a sheet per part (written by the formula-safe spreadsheets module),
    then native charts the council can read added to it."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    from klimapartner.spreadsheets import SheetOut, write_xlsx

    data = programme_year(year)
    summary = data["summary"]
    sheets = [
        SheetOut(_("Expectations"), [_("Expectation"), _("Met"), _("On its way"), _("Missing")],
                 [[str(s["label"]), s["met"], s["on_its_way"], s["missing"]] for s in summary], {1: 45}),
        SheetOut(_("Active partners"), [_("Year"), _("Partners"), _("Active"), _("Met every expectation")],
                 [[t["year"], t["partners"], t["active"], t["all_met"]] for t in data["trend"]]),
        SheetOut(_("Partners"), [_("Partner")] + [str(tracker.LABELS[c]) for c in tracker.CODES] + [_("Passive")],
                 [[row.organisation.name] + [
                     f"{line.done}/{line.target}" if line.code != "account" else str(line.status_label)
                     for line in row.lines] + [_("yes") if row.passive else _("no")] for row in data["rows"]],
                 {1: 40}),
        SheetOut(_("Activities"), [_("Kind"), _("Activities")],
                 [[str(label), n] for label, n in data["by_kind"]] + [
                     [_("People checked in"), data["attendance"]],
                     [_("Participants at partners' activities for citizens"), data["citizen_participants"]],
                     [_("Climate stories published"), data["stories"]],
                     [_("New collaborations"), data["collaborations"]]], {1: 50}),
    ]
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(sheets)))
    expectations, trend = book.worksheets[0], book.worksheets[1]
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = _("Expectations met, %(year)s") % {"year": year}
    chart.add_data(Reference(expectations, min_col=2, max_col=4, min_row=1, max_row=1 + len(summary)),
                   titles_from_data=True)
    chart.set_categories(Reference(expectations, min_col=1, min_row=2, max_row=1 + len(summary)))
    chart.width, chart.height = 22, 9
    expectations.add_chart(chart, "F2")
    bars = BarChart()
    bars.title = _("Active partners per year")
    bars.add_data(Reference(trend, min_col=2, max_col=3, min_row=1, max_row=1 + len(data["trend"])),
                  titles_from_data=True)
    bars.set_categories(Reference(trend, min_col=1, min_row=2, max_row=1 + len(data["trend"])))
    trend.add_chart(bars, "F2")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
