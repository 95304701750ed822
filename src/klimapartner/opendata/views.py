"""The open data pages: the datasets with their fields and licence, the CSV downloads, the API's
reference page. Every row comes from opendata/datasets.py, and so from partners/access.py."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from klimapartner import spreadsheets
from klimapartner.opendata.datasets import BY_CSV, DATASETS, LICENCE, LICENCE_URL


def _csv_value(column, value, *, plain=False):
    """Lists as "a, b", nested rows (an agreement's targets) as "2030: 70; 2050: 100"; in the plain
    file yes/no as true/false, as the JSON has them."""
    if column.nested and value is not None:
        mark = "." if plain else ","
        return "; ".join(": ".join(spreadsheets.csv_cell(v, mark) for v in item.values()) for item in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if plain and isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_rows(dataset, *, plain=False):
    """The header (the API's field names) and every public row."""
    yield [c.name for c in dataset.columns]
    for obj in dataset.filtered({}).iterator(chunk_size=2000):  # prefetches run per chunk
        yield [_csv_value(c, c.get(obj), plain=plain) for c in dataset.columns]


@require_safe
def data_page(request):
    return render(request, "opendata/data.html", {
        "section": "front", "datasets": DATASETS, "licence": LICENCE, "licence_url": LICENCE_URL,
    })


@require_safe
def csv_download(request, name, plain=False):
    """For Danish Excel (`;`, decimal commas, a BOM), or plain (`,`, decimal points, no BOM) for programs."""
    dataset = BY_CSV.get(name)
    if dataset is None:
        raise Http404
    if plain:
        body = spreadsheets.write_csv(csv_rows(dataset, plain=True), delimiter=",", bom=False)
    else:
        body = spreadsheets.write_csv(csv_rows(dataset))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    suffix = "-utf8" if plain else ""
    response["Content-Disposition"] = f'attachment; filename="{dataset.csv_name}{suffix}-{stamp}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def api_reference(request):
    from klimapartner.opendata.api import MAX_PAGE_SIZE, PAGE_SIZE, VERSION

    return render(request, "opendata/api.html", {
        "section": "front", "datasets": DATASETS, "version": VERSION, "page_size": PAGE_SIZE,
        "max_page_size": MAX_PAGE_SIZE, "licence": LICENCE, "licence_url": LICENCE_URL,
        "base": request.build_absolute_uri("/api/v1/"),
    })


@require_safe
def progress_page(request):
    """Does the programme work? The CO2 path against the plan, actions, days held, collaborations;
    every chart with its numbers in a table, for a council member as much as for a journalist."""
    from klimapartner.collaborations.views.public import _bars
    from klimapartner.opendata import progress

    chart, path = progress.co2_path()
    growth = progress.growth()
    actions = progress.actions_by_status()
    activity_years = progress.activities_by_year()
    return render(request, "opendata/progress.html", {
        "section": "progress", "chart": chart, "path": path, "actions": actions,
        "actions_total": sum(a.count for a in actions),
        "expected_total": sum(a.expected for a in actions), "realised_total": sum(a.realised for a in actions),
        "days": progress.partnership_days(), "growth": growth, "growth_chart": _bars(growth),
        "activity_years": activity_years, "activities_total": sum(r.activities for r in activity_years),
        "stories_total": sum(r.stories for r in activity_years),
        "kinds": progress.collaborations_by_kind(), "collaborations_total": growth[-1].total if growth else 0,
    })
