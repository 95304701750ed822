"""The read-only JSON API, version 1 (django-ninja): one list endpoint per public dataset, paginated and
filterable, and an OpenAPI 3 description at /api/v1/schema/.

The endpoints and their schemas are made from opendata/datasets.py, so the API, the CSV downloads and
the reference page always describe the same fields. Nothing here decides what is public: the datasets'
rows come from partners/access.py.
"""

import math
from datetime import date
from decimal import Decimal
from typing import Literal, Optional

from django.conf import settings
from django.http import Http404
from django.utils import translation
from ninja import NinjaAPI, Query, Schema
from pydantic import Field, create_model

from klimapartner.opendata.datasets import DATASETS, LICENCE, LICENCE_URL, PARTNERS
from klimapartner.partners.models import OrgType, Sector

VERSION = "1.0.0"
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store or compare a NUL character
CHOICES = {"type": OrgType.values, "sector": Sector.values}


class OpenAPI(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
        response["Cache-Control"] = "public, max-age=300"
        return response


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


api = OpenAPI(
    title="Klimapartner open data",
    version=VERSION,
    description=_english(
        "Read-only open data from the climate partnership programme: partners, agreements and their targets, "
        "public actions, published CO2 results by year, collaborations, activities and climate stories. Only published data is here. "
        f"Licence: {LICENCE} ({LICENCE_URL}). Lists are paginated (`page`, `page_size` up to {MAX_PAGE_SIZE})."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the reference page is ours (opendata/views.py), in Danish and English
    openapi_url="/schema/",
)


class ErrorOut(Schema):
    detail: object


# The site refuses a NUL character anywhere in the address with 400 before the API sees it
# (klimapartner.security.RejectNulMiddleware); the schema says so.
BAD_REQUEST = {"responses": {"400": {"description": "The address holds a NUL character.",
                                     "content": {"text/html": {"schema": {"type": "string"}}}}}}


PYTHON_TYPES = {str: str, int: int, Decimal: float, date: date, bool: bool}


def _field_type(column):
    if column.nested:
        return list[_model(f"{column.name.title().replace('_', '')}Item", column.nested)]
    if column.type == list[str]:
        return list[str]
    kind = PYTHON_TYPES[column.type]
    return Optional[kind] if column.nullable else kind


def _model(name, columns):
    fields = {c.name: (_field_type(c), Field(None if c.nullable else ..., description=_english(c.description)))
              for c in columns}
    return create_model(name, __base__=Schema, **fields)


def _params(dataset):
    fields = {}
    for f in dataset.filters:
        if f.type is int:
            kind = Optional[int]
            extra = {"ge": 1900, "le": 2100}
        elif f.name in CHOICES:
            kind = Optional[Literal[tuple(CHOICES[f.name])]]
            extra = {}
        else:
            kind = Optional[str]
            extra = {"max_length": 100, "pattern": NO_NUL}
        fields[f.name] = (kind, Field(None, description=_english(f.description), **extra))
    fields["page"] = (int, Field(1, ge=1, le=1_000_000, description="Page number, from 1."))
    fields["page_size"] = (int, Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page."))
    return create_model(f"{_name(dataset)}Filters", __base__=Schema, **fields)


def _name(dataset):
    return "".join(part.title() for part in dataset.slug.replace("-", "_").split("_"))


def _page(request, dataset, params):
    values = params.dict()
    page, size = values.pop("page"), values.pop("page_size")
    rows = dataset.filtered(values)
    count = rows.count()
    pages = max(1, math.ceil(count / size))
    items = list(rows[(page - 1) * size: page * size]) if count else []

    def link(n):
        query = request.GET.copy()
        query["page"] = n
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count, "page": page, "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if 1 < page <= pages + 1 else None,
        "licence": LICENCE,
        "results": [dataset.row(obj) for obj in items],
    }


def _list_endpoint(dataset):
    row = _model(f"{_name(dataset)}Row", dataset.columns)
    page_model = create_model(
        f"{_name(dataset)}Page", __base__=Schema,
        count=(int, Field(..., description="Rows that match the filters.")),
        page=(int, ...), pages=(int, ...),
        next=(Optional[str], Field(None, description="The next page, if there is one.")),
        previous=(Optional[str], Field(None, description="The previous page, if there is one.")),
        licence=(str, Field(..., description="The data's licence.")),
        results=(list[row], ...),
    )
    params_model = _params(dataset)

    def endpoint(request, params: Query[params_model]):
        return _page(request, dataset, params)

    endpoint.__name__ = f"list_{dataset.slug.replace('-', '_')}"
    api.get(f"/{dataset.slug}/", response={200: page_model, 422: ErrorOut}, summary=_english(dataset.title),
            description=_english(dataset.description), tags=[_english(dataset.title)],
            operation_id=endpoint.__name__, openapi_extra=BAD_REQUEST)(endpoint)
    return row


ROWS = {dataset.slug: _list_endpoint(dataset) for dataset in DATASETS}


@api.get("/partners/{slug}/", response={200: ROWS["partners"], 404: ErrorOut, 422: ErrorOut},
         summary="One partner", tags=["Partners"], operation_id="get_partner", openapi_extra=BAD_REQUEST)
def get_partner(request, slug: str):
    partner = PARTNERS.rows().filter(slug=slug[:200].replace("\x00", "")).first()
    if partner is None:
        raise Http404
    return PARTNERS.row(partner)


def schema_url() -> str:
    return settings.SITE_URL + "/api/v1/schema/"
