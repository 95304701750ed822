"""Every public dataset, defined once: its rows come from what partners/access.py lets the public see,
and its columns (name, type, description) make both the API's schema and the CSV download.

A column's value is a plain Python value (str, int, Decimal, date, bool, list of str, or a list of
dicts for nested rows such as an agreement's targets); the API returns it as JSON, the CSV as Danish
Excel reads it (spreadsheets.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimapartner.partners.access import (
    public_actions,
    public_activities,
    public_agreement_list,
    public_collaborations,
    public_co2_results,
    public_effect,
    public_organisations,
    public_stories,
)
from klimapartner.partners.models import FocusArea

TONNE = Decimal(1000)
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


TYPE_LABELS = {
    str: _("text"), int: _("whole number"), Decimal: _("number"), date: _("date (YYYY-MM-DD)"), bool: _("yes/no"),
    list[str]: _("list of texts"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: Any  # str, int, Decimal, date, bool, list[str], or a list of dicts (see `nested`)
    description: Any  # a lazy translation
    get: Callable[[Any], Any]
    nullable: bool = False
    nested: tuple[Column, ...] = ()  # the columns of each dict in a list of rows

    @property
    def type_label(self):
        if self.nested:
            return _("list of rows")
        return TYPE_LABELS.get(self.type, "")


@dataclass(frozen=True)
class Filter:
    name: str
    description: Any
    type: Any = str
    apply: Callable = None  # (queryset, value) -> queryset


@dataclass(frozen=True)
class Dataset:
    slug: str  # in the API's path and the CSV's file name
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[], Any]  # the public queryset, with what its columns need prefetched
    filters: tuple[Filter, ...] = ()
    csv_name: str = ""
    order: tuple[str, ...] = field(default=("pk",))

    def row(self, obj) -> dict:
        return {c.name: c.get(obj) for c in self.columns}

    def filtered(self, params: dict):
        rows = self.rows()
        for f in self.filters:
            value = params.get(f.name)
            if value not in (None, ""):
                rows = f.apply(rows, value)
        return rows.order_by(*self.order)


def _tonnes(kg):
    return None if kg is None else (Decimal(kg) / TONNE).quantize(Decimal("0.001"))


def partner_url(slug):
    return reverse("public:partner", kwargs={"slug": slug})


# -- partners --------------------------------------------------------------------------------------

def _partners():
    return public_organisations()


PARTNERS = Dataset(
    slug="partners",
    csv_name="partnere",
    title=_("Partners"),
    description=_("The programme's published partners: companies, schools, associations and municipal units."),
    rows=_partners,
    order=("name", "pk"),
    columns=(
        Column("slug", str, _("The partner's short name, as in the address of its page; the key other datasets use."), lambda o: o.slug),
        Column("name", str, _("Name."), lambda o: o.name),
        Column("url", str, _("The partner's page on this site (a path)."), lambda o: partner_url(o.slug)),
        Column("cvr", str, _("CVR number, where the partner has one."), lambda o: o.cvr or None, nullable=True),
        Column("type", str, _("Type: company, education, association, public or other."), lambda o: o.org_type),
        Column("sector", str, _("Sector (code), e.g. energy, manufacturing, food, education."), lambda o: o.sector),
        Column("size", str, _("Number of employees: 1-9, 10-49, 50-249 or 250+."), lambda o: o.size or None, nullable=True),
        Column("town", str, _("Town."), lambda o: o.town),
        Column("postcode", str, _("Postcode."), lambda o: o.postcode or None, nullable=True),
        Column("latitude", Decimal, _("Latitude (WGS 84)."), lambda o: o.latitude, nullable=True),
        Column("longitude", Decimal, _("Longitude (WGS 84)."), lambda o: o.longitude, nullable=True),
        Column("website", str, _("Website."), lambda o: o.website or None, nullable=True),
    ),
    filters=(
        Filter("type", _("Only partners of this type."), apply=lambda q, v: q.filter(org_type=v)),
        Filter("sector", _("Only partners in this sector."), apply=lambda q, v: q.filter(sector=v)),
        Filter("town", _("Only partners in this town."), apply=lambda q, v: q.filter(town__iexact=v)),
        Filter("q", _("Name or description contains this text."),
               apply=lambda q, v: q.filter(Q(name__icontains=v) | Q(description__icontains=v))),
    ),
)

# -- agreements and their targets ------------------------------------------------------------------

TARGET_COLUMNS = (
    Column("year", int, _("Target year."), lambda t: t.target_year),
    Column("percent", Decimal, _("Reduction from the baseline year, in percent."), lambda t: t.percent),
)


def _agreements():
    return public_agreement_list().select_related("organisation").prefetch_related(
        "targets", Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "slug"))
    )


AGREEMENTS = Dataset(
    slug="agreements",
    csv_name="aftaler",
    title=_("Agreements and targets"),
    description=_("Each published partner's partnership agreements (not drafts): period, baseline year, "
                  "reduction targets and focus areas."),
    rows=_agreements,
    order=("organisation__name", "starts_on", "pk"),
    columns=(
        Column("id", int, _("The agreement's number."), lambda a: a.pk),
        Column("partner", str, _("The partner (its slug, see partners)."), lambda a: a.organisation.slug),
        Column("partner_name", str, _("The partner's name."), lambda a: a.organisation.name),
        Column("status", str, _("active or ended."), lambda a: a.status),
        Column("signed_on", date, _("Date signed."), lambda a: a.signed_on, nullable=True),
        Column("starts_on", date, _("The period starts."), lambda a: a.starts_on),
        Column("ends_on", date, _("The period ends (empty: until further notice)."), lambda a: a.ends_on, nullable=True),
        Column("baseline_year", int, _("Baseline year of the reduction targets."), lambda a: a.baseline_year, nullable=True),
        Column("focus_areas", list[str], _("Focus areas (codes)."), lambda a: [f.slug for f in a.focus_areas.all()]),
        Column("targets", list[dict], _("Reduction targets: year and percent."),
               lambda a: [{c.name: c.get(t) for c in TARGET_COLUMNS} for t in a.targets.all()], nested=TARGET_COLUMNS),
    ),
    filters=(
        Filter("partner", _("Only this partner's agreements (slug)."), apply=lambda q, v: q.filter(organisation__slug=v)),
        Filter("status", _("active or ended."), apply=lambda q, v: q.filter(status=v)),
        Filter("year", _("Only agreements in force in this year."), int,
               apply=lambda q, v: q.filter(starts_on__year__lte=v).filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=v))),
    ),
)

# -- actions ---------------------------------------------------------------------------------------


def _actions():
    return public_actions().select_related("agreement__organisation", "focus_area")


ACTIONS = Dataset(
    slug="actions",
    csv_name="indsatser",
    title=_("Actions"),
    description=_("The public actions in the partners' agreements, with status and expected and realised CO2 effect."),
    rows=_actions,
    order=("agreement__organisation__name", "start_year", "title", "pk"),
    columns=(
        Column("id", int, _("The action's number."), lambda x: x.pk),
        Column("partner", str, _("The partner (slug)."), lambda x: x.agreement.organisation.slug),
        Column("agreement", int, _("The agreement it belongs to (id, see agreements)."), lambda x: x.agreement_id),
        Column("title", str, _("Title."), lambda x: x.title),
        Column("description", str, _("Description."), lambda x: x.description or None, nullable=True),
        Column("focus_area", str, _("Focus area (code)."), lambda x: x.focus_area.slug if x.focus_area else None, nullable=True),
        Column("status", str, _("planned, in_progress, done or dropped."), lambda x: x.status),
        Column("start_year", int, _("Start year."), lambda x: x.start_year, nullable=True),
        Column("end_year", int, _("End year."), lambda x: x.end_year, nullable=True),
        Column("expected_t_co2e_per_year", Decimal, _("Expected effect, tonnes CO2e a year."), lambda x: public_effect(x, "expected"), nullable=True),
        Column("realised_t_co2e_per_year", Decimal, _("Realised effect, tonnes CO2e a year."), lambda x: public_effect(x, "realised"), nullable=True),
    ),
    filters=(
        Filter("partner", _("Only this partner's actions (slug)."), apply=lambda q, v: q.filter(agreement__organisation__slug=v)),
        Filter("status", _("planned, in_progress, done or dropped."), apply=lambda q, v: q.filter(status=v)),
        Filter("focus_area", _("Only actions in this focus area (code)."), apply=lambda q, v: q.filter(focus_area__slug=v)),
    ),
)

# -- CO2 results -----------------------------------------------------------------------------------


def _co2():
    from django.utils import timezone

    from klimapartner.climate.models import COUNTED, YearAccount

    counted = YearAccount.objects.filter(status__in=COUNTED, year__lt=timezone.localdate().year)
    return public_co2_results(counted).select_related("organisation")


CO2_RESULTS = Dataset(
    slug="co2-results",
    csv_name="co2-resultater",
    title=_("CO2 results by year"),
    description=_("Emissions by scope from the CO2 accounts that partners have chosen to publish and the "
                  "coordinator has approved, in tonnes CO2e."),
    rows=_co2,
    order=("organisation__name", "year", "pk"),
    columns=(
        Column("partner", str, _("The partner (slug)."), lambda a: a.organisation.slug),
        Column("year", int, _("The year the account covers."), lambda a: a.year),
        Column("scope1_t_co2e", Decimal, _("Scope 1: own fuels and processes, tonnes CO2e."), lambda a: _tonnes(a.scope1)),
        Column("scope2_location_t_co2e", Decimal, _("Scope 2, location-based: bought electricity and heat, tonnes CO2e."), lambda a: _tonnes(a.scope2_location)),
        Column("scope2_market_t_co2e", Decimal, _("Scope 2, market-based, tonnes CO2e."), lambda a: _tonnes(a.scope2_market)),
        Column("scope3_t_co2e", Decimal, _("Scope 3: the value chain, as far as counted, tonnes CO2e."), lambda a: _tonnes(a.scope3)),
        Column("total_location_t_co2e", Decimal, _("Total with scope 2 location-based, tonnes CO2e."), lambda a: _tonnes(a.total_location)),
        Column("total_market_t_co2e", Decimal, _("Total with scope 2 market-based, tonnes CO2e."), lambda a: _tonnes(a.total_market)),
        Column("factor_set", str, _("The emission factors used."), lambda a: a.factor_set_label or None, nullable=True),
    ),
    filters=(
        Filter("partner", _("Only this partner's results (slug)."), apply=lambda q, v: q.filter(organisation__slug=v)),
        Filter("year", _("Only this year."), int, apply=lambda q, v: q.filter(year=v)),
    ),
)

# -- collaborations --------------------------------------------------------------------------------


def _collaborations():
    from klimapartner.collaborations.models import Collaboration, CollaborationPartner

    return public_collaborations(Collaboration.objects.all()).prefetch_related(
        Prefetch("memberships", queryset=CollaborationPartner.objects.select_related("organisation")),
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "slug")),
    )


def _partners_of(c):
    return [m.organisation for m in c.memberships.all()]


COLLABORATIONS = Dataset(
    slug="collaborations",
    csv_name="samarbejder",
    title=_("Collaborations"),
    description=_("Collaborations between partners that every partner (or the coordinator) has confirmed."),
    rows=_collaborations,
    order=("-started_on", "pk"),
    columns=(
        Column("id", int, _("The collaboration's number."), lambda c: c.pk),
        Column("title", str, _("Title."), lambda c: c.title),
        Column("description", str, _("What it does."), lambda c: c.description or None, nullable=True),
        Column("kind", str, _("companies, education (company–education), municipality, citizens or other."), lambda c: c.kind),
        Column("partners", list[str], _("The partners (slugs)."), lambda c: sorted(o.slug for o in _partners_of(c))),
        Column("partner_names", list[str], _("The partners' names."), lambda c: sorted(o.name for o in _partners_of(c))),
        Column("cross_sector", bool, _("Whether the partners are from more than one sector."),
               lambda c: len({o.sector for o in _partners_of(c)}) > 1),
        Column("focus_areas", list[str], _("Focus areas (codes)."), lambda c: [f.slug for f in c.focus_areas.all()]),
        Column("started_on", date, _("Start date."), lambda c: c.started_on),
        Column("ended_on", date, _("End date, if it has ended."), lambda c: c.ended_on, nullable=True),
        Column("expected_t_co2e_per_year", Decimal, _("Expected effect, tonnes CO2e a year, where there is one."),
               lambda c: c.expected_effect, nullable=True),
    ),
    filters=(
        Filter("partner", _("Only collaborations with this partner (slug)."),
               apply=lambda q, v: q.filter(memberships__organisation__slug=v)),
        Filter("kind", _("Only this kind."), apply=lambda q, v: q.filter(kind=v)),
        Filter("focus_area", _("Only collaborations in this focus area (code)."), apply=lambda q, v: q.filter(focus_areas__slug=v)),
        Filter("year", _("Only collaborations started in this year."), int, apply=lambda q, v: q.filter(started_on__year=v)),
    ),
)

# -- activities ------------------------------------------------------------------------------------


def _activities():
    return public_activities().select_related("organiser").prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "slug")),
    )


def _clock(value):
    return value.strftime("%H:%M") if value else None


def _is_citizen_facing(activity):
    from klimapartner.activities.models import CITIZEN_KINDS

    return activity.kind in CITIZEN_KINDS


ACTIVITIES = Dataset(
    slug="activities",
    csv_name="aktiviteter",
    title=_("Activities"),
    description=_("The programme's public activities: partnership days, network meetings, workshops, site visits "
                  "and the partners' own activities for citizens, held or coming, and cancelled ones."),
    rows=_activities,
    order=("date", "starts", "pk"),
    columns=(
        Column("id", int, _("The activity's number."), lambda a: a.pk),
        Column("title", str, _("Title."), lambda a: a.title),
        Column("kind", str, _("Kind: partnership_day, network_meeting, workshop, course, site_visit, citizen, "
                              "open_house, school_visit or other."), lambda a: a.kind),
        Column("citizen_facing", bool, _("Whether it is an activity for citizens."), _is_citizen_facing),
        Column("status", str, _("approved (held or coming) or cancelled."), lambda a: a.status),
        Column("date", date, _("Date."), lambda a: a.date),
        Column("starts", str, _("Starts (HH:MM, Danish time), where it is known."), lambda a: _clock(a.starts),
               nullable=True),
        Column("ends", str, _("Ends (HH:MM, Danish time), where it is known."), lambda a: _clock(a.ends), nullable=True),
        Column("venue", str, _("Where (address)."), lambda a: a.venue),
        Column("town", str, _("Town."), lambda a: a.town or None, nullable=True),
        Column("organiser", str, _("The partner that holds it (slug); empty when the municipality does."),
               lambda a: a.organiser.slug if a.organiser_id else None, nullable=True),
        Column("organiser_name", str, _("The name of the partner that holds it; empty when the municipality does."),
               lambda a: a.organiser.name if a.organiser_id else None, nullable=True),
        Column("focus_areas", list[str], _("Focus areas (codes)."), lambda a: [f.slug for f in a.focus_areas.all()]),
        Column("participants", int, _("The number of participants the organiser reported afterwards."),
               lambda a: a.participants, nullable=True),
        Column("url", str, _("The activity's page on this site (a path)."),
               lambda a: reverse("activities:activity", args=[a.pk])),
    ),
    filters=(
        Filter("kind", _("Only this kind."), apply=lambda q, v: q.filter(kind=v)),
        Filter("year", _("Only activities in this year."), int, apply=lambda q, v: q.filter(date__year=v)),
        Filter("organiser", _("Only activities this partner holds (slug)."),
               apply=lambda q, v: q.filter(organiser__slug=v)),
        Filter("focus_area", _("Only activities in this focus area (code)."),
               apply=lambda q, v: q.filter(focus_areas__slug=v)),
    ),
)

# -- climate stories -------------------------------------------------------------------------------


def _stories():
    from klimapartner.collaborations.models import Collaboration

    return public_stories().select_related("organisation").prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "slug")),
        Prefetch("collaborations", queryset=public_collaborations(Collaboration.objects.all()).order_by("pk"),
                 to_attr="public_collaborations"),
    )


def _story_text(story):
    from klimapartner.stories.text import plain_text

    return plain_text(story.body)


STORIES = Dataset(
    slug="stories",
    csv_name="klimahistorier",
    title=_("Climate stories"),
    description=_("The climate stories the partners have published: what they did and what came of it."),
    rows=_stories,
    order=("-published_at", "-pk"),
    columns=(
        Column("id", int, _("The story's number."), lambda s: s.pk),
        Column("title", str, _("Title."), lambda s: s.title),
        Column("partner", str, _("The partner that tells it (slug)."), lambda s: s.organisation.slug),
        Column("partner_name", str, _("The partner's name."), lambda s: s.organisation.name),
        Column("published_on", date, _("Date published."), lambda s: s.published_at.date() if s.published_at else None,
               nullable=True),
        Column("lead", str, _("The lead: one or two sentences."), lambda s: s.lead),
        Column("text", str, _("The story as plain text (on the site with headings and paragraphs)."), _story_text),
        Column("focus_areas", list[str], _("Focus areas (codes)."), lambda s: [f.slug for f in s.focus_areas.all()]),
        Column("collaborations", list[str], _("The public collaborations it tells of (their numbers)."),
               lambda s: [str(c.pk) for c in s.public_collaborations]),
        Column("url", str, _("The story's page on this site (a path)."), lambda s: reverse("stories:story", args=[s.pk])),
    ),
    filters=(
        Filter("partner", _("Only this partner's stories (slug)."), apply=lambda q, v: q.filter(organisation__slug=v)),
        Filter("focus_area", _("Only stories in this focus area (code)."), apply=lambda q, v: q.filter(focus_areas__slug=v)),
        Filter("year", _("Only stories published in this year."), int, apply=lambda q, v: q.filter(published_at__year=v)),
    ),
)

DATASETS = (PARTNERS, AGREEMENTS, ACTIONS, CO2_RESULTS, COLLABORATIONS, ACTIVITIES, STORIES)
BY_SLUG = {d.slug: d for d in DATASETS}
BY_CSV = {d.csv_name: d for d in DATASETS}
