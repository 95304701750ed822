"""Pages for everyone: the programme's front page, the partner directory and map, partner pages."""

from django.conf import settings
from django.db.models import Prefetch
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from klimapartner.partners import directory
from klimapartner.climate.summary import public_progress
from klimapartner.partners.access import get_public_organisation, public_agreements, public_effect, public_version
from klimapartner.partners.models import AgreementStatus


@require_GET
def front(request):
    newest = directory.published_organisations().order_by("-created")[:6]
    return render(
        request,
        "partners/front.html",
        {"section": "front", "figures": directory.headline_figures(), "newest": newest},
    )


@require_GET
def directory_page(request):
    form = directory.directory_form(request.GET)
    organisations = directory.filter_organisations(form).only(
        "name", "slug", "org_type", "sector", "town", "description"
    )
    page = Paginator(organisations, directory.PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "section": "directory",
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "map_data_url": reverse("public:map_data") + (f"?{query.urlencode()}" if query else ""),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_center": settings.MAP_CENTER,
        "cache_key": f"{public_version()}:{query.urlencode()}:{page.number}",
    }
    template = "partners/directory_results.html" if request.headers.get("HX-Request") else "partners/directory.html"
    return render(request, template, context)


@require_GET
def map_data(request):
    """The directory's matching partners with coordinates, as GeoJSON for the map."""
    form = directory.directory_form(request.GET)
    rows = (
        directory.filter_organisations(form)
        .exclude(latitude=None)
        .values_list("name", "slug", "town", "latitude", "longitude")
    )
    prefix = reverse("public:partner", kwargs={"slug": "-"})[:-2]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {"name": name, "town": town, "url": f"{prefix}{slug}/"},
        }
        for name, slug, town, lat, lon in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
def partner_page(request, slug):
    organisation = get_public_organisation(request, slug)
    agreements = organisation.public_agreements
    current = next((a for a in agreements if a.status == AgreementStatus.ACTIVE), agreements[0] if agreements else None)
    return render(
        request,
        "partners/partner.html",
        {
            "section": "directory",
            "organisation": organisation,
            "agreement": current,
            "earlier_agreements": [a for a in agreements if a is not current],
            "contacts": organisation.public_contacts,
            "climate_progress": public_progress(organisation),
        },
    )


@require_GET
def open_data_json(request):
    """Every published partner with its public agreements and actions: the open data set."""
    organisations = directory.published_organisations().prefetch_related(
        Prefetch("agreements", queryset=public_agreements(), to_attr="public_agreements")
    )
    data = [
        {
            "name": o.name,
            "url": request.build_absolute_uri(reverse("public:partner", kwargs={"slug": o.slug})),
            "cvr": o.cvr or None,
            "type": o.org_type,
            "sector": o.sector,
            "town": o.town,
            "latitude": float(o.latitude) if o.latitude is not None else None,
            "longitude": float(o.longitude) if o.longitude is not None else None,
            "agreements": [
                {
                    "status": a.status,
                    "signed_on": a.signed_on.isoformat() if a.signed_on else None,
                    "starts_on": a.starts_on.isoformat(),
                    "ends_on": a.ends_on.isoformat() if a.ends_on else None,
                    "baseline_year": a.baseline_year,
                    "targets": [{"year": t.target_year, "percent": float(t.percent)} for t in a.targets.all()],
                    "focus_areas": [f.slug for f in a.focus_areas.all()],
                    "actions": [
                        {
                            "title": x.title,
                            "focus_area": x.focus_area.slug if x.focus_area else None,
                            "status": x.status,
                            "start_year": x.start_year,
                            "end_year": x.end_year,
                            "expected_t_co2e_per_year": _float(public_effect(x, "expected")),
                            "realised_t_co2e_per_year": _float(public_effect(x, "realised")),
                        }
                        for x in a.public_actions
                    ],
                }
                for a in o.public_agreements
            ],
        }
        for o in organisations
    ]
    response = JsonResponse({"licence": "CC BY 4.0", "partners": data}, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _float(value):
    return None if value is None else float(value)
