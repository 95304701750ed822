"""Status reports, a partner's and the programme's, as PDF (fpdf2, A4, core fonts) and XLSX (openpyxl).

The PDF charts are the same `charts.Chart` geometry the web pages draw as SVG,
scaled onto the page, so the two never disagree.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from klimapartner import spreadsheets
from klimapartner.climate.charts import Chart, tonnes
from klimapartner.climate.labels import STATUS_LABELS
from klimapartner.climate.programme import double_counting_text, missing_accounts, programme_overview
from klimapartner.climate.summary import partner_overview

# Core PDF fonts are Latin-1: æøå are fine, a few typographic characters are not.
LATIN1 = str.maketrans({"–": "-", "—": "-", "→": "->", "’": "'", "“": '"', "”": '"', "…": "...", "₂": "2",
                        "\u00a0": " ", "\u2009": " "})
COLOURS = {"on_track": (30, 107, 52), "behind": (179, 38, 30), "": (90, 107, 123)}


def _t(value) -> str:
    return number_format(tonnes(value), decimal_pos=1, force_grouping=True) if value is not None else "-"


def _text(value) -> str:
    return str(value).translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


class _Report:
    """An A4 page builder with headings, paragraphs, tables and charts."""

    def __init__(self, title: str, subtitle: str, *, compress: bool = True):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_compression(compress)
        self.pdf.set_title(_text(title))
        self.pdf.set_author(_text(settings.MUNICIPALITY_NAME))
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_auto_page_break(True, 18)
        self.pdf.add_page()
        self.pdf.set_font("helvetica", "", 9)
        self.pdf.cell(0, 5, _text(f"{settings.MUNICIPALITY_NAME} · {settings.PROGRAMME_NAME}"),
                      new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font("helvetica", "B", 18)
        self.pdf.multi_cell(0, 9, _text(title), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font("helvetica", "", 11)
        self.pdf.multi_cell(0, 6, _text(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(3)

    def heading(self, text, keep_with_mm: float = 20):
        """A heading, moved to the next page with what follows when fewer than `keep_with_mm` fit below it."""
        if self.pdf.will_page_break(11 + keep_with_mm):
            self.pdf.add_page()
        self.pdf.ln(2)
        self.pdf.set_font("helvetica", "B", 13)
        self.pdf.multi_cell(0, 7, _text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font("helvetica", "", 10)

    def paragraph(self, text):
        self.pdf.set_font("helvetica", "", 10)
        self.pdf.multi_cell(0, 5, _text(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def table(self, header, rows, widths):
        """Rows of text; columns after the first are right-aligned numbers. Long headings wrap within their column."""
        pdf = self.pdf
        pdf.set_font("helvetica", "B", 9)
        pdf.set_fill_color(230, 230, 230)
        # Every heading cell as tall as the one that needs most lines, so none runs into its neighbour.
        lines = [len(pdf.multi_cell(width - 1, 4.5, _text(cell), dry_run=True, output="LINES"))
                 for cell, width in zip(header, widths)]
        height = 4.5 * max(lines) + 1.5
        if pdf.will_page_break(height + 12):
            pdf.add_page()
        x, y = pdf.get_x(), pdf.get_y()
        for i, (cell, width, count) in enumerate(zip(header, widths, lines)):
            pdf.rect(x, y, width, height, style="F")
            pdf.set_xy(x + 0.5, y + (height - 4.5 * count) / 2)
            pdf.multi_cell(width - 1, 4.5, _text(cell), align="L" if i == 0 else "R")
            x += width
        pdf.line(pdf.l_margin, y + height, x, y + height)
        pdf.set_xy(pdf.l_margin, y + height)
        pdf.set_font("helvetica", "", 9)
        for row in rows:
            if pdf.will_page_break(6):
                pdf.add_page()
            for i, (cell, width) in enumerate(zip(row, widths)):
                pdf.cell(width, 6, _text(cell), border="B", align="L" if i == 0 else "R")
            pdf.ln()
        pdf.ln(2)

    def chart(self, chart: Chart, height_mm: float = 75):
        """Bars and the path line, scaled from the chart's units onto the page's width."""
        pdf = self.pdf
        if not chart.rows:
            return
        width_mm = pdf.w - pdf.l_margin - pdf.r_margin
        scale = min(width_mm / chart.width, height_mm / chart.height)
        if pdf.will_page_break(chart.height * scale + 20):
            pdf.add_page()
        x0, y0 = pdf.l_margin, pdf.get_y()
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(0, 5, _text(chart.title), new_x="LMARGIN", new_y="NEXT")
        y0 += 6

        def at(x, y):
            return x0 + x * scale, y0 + y * scale

        pdf.set_font("helvetica", "", 7)
        pdf.set_draw_color(200, 200, 200)
        pdf.set_line_width(0.2)
        for tick in chart.y_ticks:
            left, y = at(chart.left, tick.position)
            right, _y = at(chart.right, tick.position)
            pdf.line(left, y, right, y)
            pdf.text(x0, y + 1, _text(tick.label))
        for bar in chart.bars:
            pdf.set_fill_color(*COLOURS.get(bar.status, COLOURS[""]))
            x, y = at(bar.x, bar.y)
            pdf.rect(x, y, bar.width * scale, bar.height * scale, style="F")
        if chart.path:
            pdf.set_draw_color(26, 26, 26)
            pdf.set_line_width(0.5)
            pdf.set_dash_pattern(dash=1.5, gap=1)
            points = [at(*map(float, p.split(","))) for p in chart.path.split()]
            for start, end in zip(points, points[1:]):
                pdf.line(*start, *end)
            pdf.set_dash_pattern()
        pdf.set_draw_color(26, 26, 26)
        pdf.set_line_width(0.3)
        pdf.line(*at(chart.left, chart.bottom), *at(chart.right, chart.bottom))
        for tick in chart.x_ticks:
            x, y = at(tick.position, chart.bottom)
            pdf.text(x - 3, y + 4, tick.label)
        pdf.set_y(y0 + chart.height * scale + 2)
        legend = [(COLOURS["on_track"], STATUS_LABELS["on_track"]), (COLOURS["behind"], STATUS_LABELS["behind"]),
                  (COLOURS[""], _("Base year or no target"))]
        pdf.set_font("helvetica", "", 8)
        for colour, label in legend:
            pdf.set_fill_color(*colour)
            pdf.rect(pdf.get_x(), pdf.get_y() + 1, 3, 3, style="F")
            pdf.set_x(pdf.get_x() + 4)
            pdf.cell(pdf.get_string_width(_text(label)) + 6, 5, _text(label))
        if chart.path:
            pdf.cell(0, 5, _text("- - - " + _("Target path")))
        pdf.ln(6)
        self.paragraph(chart.description)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _year_rows(accounts):
    return [[str(a.year), a.get_status_display(), _t(a.scope1), _t(a.scope2_location), _t(a.scope2_market),
             _t(a.scope3), _t(a.total_location)] for a in accounts]


def partner_pdf(organisation, *, compress: bool = True) -> bytes:
    """A partner's status report: years by scope, progress against the agreement, actions."""
    overview = partner_overview(organisation, include_drafts=True)
    progress = overview["progress"]
    report = _Report(_("CO2 status report: %(name)s") % {"name": organisation.name},
                     _("Made %(date)s. All figures in tonnes CO2e; scope 2 location-based unless stated.") % {
                         "date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}, compress=compress)
    report.heading(_("Emissions by year and scope"))
    if overview["accounts"]:
        report.table([_("Year"), _("Status"), _("Scope 1"), _("Scope 2 (location)"), _("Scope 2 (market)"),
                      _("Scope 3"), _("Total")], _year_rows(overview["accounts"]), [16, 26, 22, 28, 28, 22, 22])
    else:
        report.paragraph(_("No accounts yet."))
    # The heading stays with its chart: the chart moves to the next page together with it.
    report.heading(_("Progress against the agreement"), keep_with_mm=95 if overview["chart"].rows else 20)
    if progress.problem:
        report.paragraph(progress.problem)
    report.chart(overview["chart"])
    if progress.actions and progress.actions.actions:
        report.heading(_("Actions: expected and realised effect"))
        rows = [[a.name, _t(a.expected_kg), _t(a.realised_kg) if a.realised_kg is not None else _("not measured yet")]
                for a in progress.actions.actions]
        rows.append([_("All actions"), _t(progress.actions.expected_kg), _t(progress.actions.realised_kg)])
        report.table([_("Action"), _("Expected (t CO2e/year)"), _("Realised (t CO2e/year)")], rows, [94, 40, 40])
    labels = sorted({a.factor_set_label for a in overview["accounts"] if a.factor_set_label})
    if labels:
        report.paragraph(_("Emission factors: %(sets)s.") % {"sets": "; ".join(labels)})
    return report.output()


def programme_pdf(year: int, *, compress: bool = True) -> bytes:
    """The programme's status report for the city council: totals, the path against the plan, missing accounts."""
    data = programme_overview(year=year)
    location, market = data["location"], data["market"]
    report = _Report(_("Climate partnerships: CO2 status %(year)s") % {"year": year},
                     _("%(partners)s partners' approved accounts. Made %(date)s. All figures in tonnes CO2e.") % {
                         "partners": len(location.partners), "date": date_format(timezone.localdate(),
                                                                                 "SHORT_DATE_FORMAT")},
                     compress=compress)
    report.heading(_("Total by scope"))
    rows = [[_("Scope %(n)s") % {"n": s}, _t(location.by_scope[s]), _t(market.by_scope[s])] for s in (1, 2, 3)]
    rows.append([_("Scope 1 and 2"), _t(location.scope12), _t(market.scope12)])
    rows.append([_("Total (scope 1, 2 and 3)"), _t(location.total), _t(market.total)])
    report.table([_("Scope"), _("Location-based"), _("Market-based")], rows, [74, 50, 50])
    report.paragraph(double_counting_text(location))
    report.heading(_("By sector"))
    report.table([_("Sector"), _("t CO2e")], [[str(label), _t(kg)] for label, kg in data["by_sector"]], [124, 50])
    report.heading(_("By type"))
    report.table([_("Type"), _("t CO2e")], [[str(label), _t(kg)] for label, kg in data["by_kind"]], [124, 50])
    report.heading(_("The path against the plan"), keep_with_mm=95 if data["chart"] is not None else 20)
    if data["chart"] is not None:
        report.chart(data["chart"])
    else:
        report.paragraph(_("There are not yet accounts for enough years to draw the path."))
    missing = missing_accounts(year)
    report.heading(_("Missing accounts"))
    report.paragraph(_("%(count)s partners with an active agreement have not submitted an account for %(year)s.") % {
        "count": len(missing), "year": year})
    return report.output()


# XLSX ----------------------------------------------------------------------

def _workbook():
    return []


def _sheet(workbook, title, header, rows):
    """A sheet for klimapartner.spreadsheets.write_xlsx: names and action titles are stored as text, never formulas."""
    sheet = spreadsheets.SheetOut(title, [str(h) for h in header], [list(r) for r in rows],
                                  widths={n: max(12, len(str(h)) + 2) for n, h in enumerate(header, start=1)})
    workbook.append(sheet)
    return sheet


def _tonnes_number(kg) -> float | None:
    """Tonnes to three decimals as a number Excel can sum."""
    return None if kg is None else float((Decimal(kg) / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def _save(workbook) -> bytes:
    return spreadsheets.write_xlsx(workbook)


def partner_xlsx(organisation) -> bytes:
    overview = partner_overview(organisation, include_drafts=True)
    workbook = _workbook()
    _sheet(workbook, _("Years"), [_("Year"), _("Status"), _("Scope 1 (t CO2e)"), _("Scope 2 location (t CO2e)"),
                                  _("Scope 2 market (t CO2e)"), _("Scope 3 (t CO2e)"), _("Total location (t CO2e)"),
                                  _("Total market (t CO2e)"), _("Employees"), _("Factor set")],
           [[a.year, a.get_status_display(), _tonnes_number(a.scope1), _tonnes_number(a.scope2_location),
             _tonnes_number(a.scope2_market), _tonnes_number(a.scope3), _tonnes_number(a.total_location),
             _tonnes_number(a.total_market), None if a.employees is None else float(a.employees), a.factor_set_label]
            for a in overview["accounts"]])
    progress = overview["progress"]
    _sheet(workbook, _("Path"), [_("Year"), _("Emissions (t CO2e)"), _("Path allows (t CO2e)"), _("Status")],
           [[p.year, _tonnes_number(p.actual), _tonnes_number(p.planned),
             str(STATUS_LABELS[p.status]) if p.status and p.year != progress.base_year else ""]
            for p in progress.points])
    actions = progress.actions.actions if progress.actions else ()
    _sheet(workbook, _("Actions"), [_("Action"), _("Expected (t CO2e/year)"), _("Realised (t CO2e/year)")],
           [[a.name, _tonnes_number(a.expected_kg), _tonnes_number(a.realised_kg)] for a in actions])
    return _save(workbook)


def programme_xlsx(year: int) -> bytes:
    data = programme_overview(year=year)
    location, market = data["location"], data["market"]
    workbook = _workbook()
    _sheet(workbook, _("Scopes"), [_("Scope"), _("Location-based (t CO2e)"), _("Market-based (t CO2e)")],
           [[s, _tonnes_number(location.by_scope[s]), _tonnes_number(market.by_scope[s])] for s in (1, 2, 3)]
           + [[_("Scope 1 and 2"), _tonnes_number(location.scope12), _tonnes_number(market.scope12)],
              [_("Total"), _tonnes_number(location.total), _tonnes_number(market.total)]])
    _sheet(workbook, _("Sectors"), [_("Sector"), _("t CO2e")],
           [[str(label), _tonnes_number(kg)] for label, kg in data["by_sector"]])
    _sheet(workbook, _("Types"), [_("Type"), _("t CO2e")],
           [[str(label), _tonnes_number(kg)] for label, kg in data["by_kind"]])
    path = data["path"]
    _sheet(workbook, _("Path"), [_("Year"), _("Emissions (t CO2e)"), _("Plan allows (t CO2e)"), _("Status")],
           [[p.year, _tonnes_number(p.actual), _tonnes_number(p.planned),
             str(STATUS_LABELS[p.status]) if p.status and p.year != path.base_year else ""]
            for p in (path.points if path else ())])
    _sheet(workbook, _("Missing accounts"), [_("Partner"), _("Account")],
           [[row.organisation.name, _("Draft, not submitted") if row.draft else _("None")]
            for row in missing_accounts(year)])
    return _save(workbook)
