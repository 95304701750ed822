"""The municipality's view: totals over the partners, the path against the plan, who is missing an account."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from klimapartner.accounting.targets import PLAN_TARGETS, aggregate
from klimapartner.climate.charts import tonnes_text, year_chart
from klimapartner.climate.findings import percent
from klimapartner.climate.labels import STATUS_LABELS
from klimapartner.climate.models import AccountStatus, ReminderSent, YearAccount
from klimapartner.climate.progress import default_base_year, programme_accounts, programme_progress
from klimapartner.partners.models import Agreement, AgreementStatus, Organisation, OrgType, Sector


def programme_overview(*, year: int, base_year: int | None = None) -> dict:
    """Totals for `year` by scope, sector and type, and the like-for-like path from the base year (3 queries)."""
    accounts = programme_accounts()
    location = aggregate(accounts, year, "location")
    market = aggregate(accounts, year, "market")
    years = sorted({a.inventory.year for a in accounts})
    base = base_year if base_year in years else default_base_year(accounts, year)
    path = programme_progress(accounts, base, year) if base is not None else None
    chart = None
    if path is not None:
        last_target = max(t.year for t in PLAN_TARGETS)
        actual = {p.year: p.actual for p in path.points if p.actual is not None}
        chart = year_chart(
            title=_("The partners' emissions against the plan's path"),
            description=describe_path(path), years=range(path.base_year, last_target + 1), actual=actual,
            planned={p.year: p.planned for p in path.points},
            status={p.year: p.status for p in path.points if p.year != path.base_year and p.status})
    return {
        "year": year, "years": years, "location": location, "market": market,
        "by_sector": [(Sector(code).label if code in Sector.values else code, kg)
                      for code, kg in sorted(location.by_sector.items(), key=lambda i: -i[1])],
        "by_kind": [(OrgType(code).label if code in OrgType.values else code, kg)
                    for code, kg in sorted(location.by_kind.items(), key=lambda i: -i[1])],
        "path": path, "chart": chart, "base_year": base, "plan_targets": PLAN_TARGETS,
        "double_counting": double_counting_text(location),
        "scope3_categories": [(code, kg) for code, kg in (location.scope3_by_category or {}).items()],
        "waiting": YearAccount.objects.filter(status=AccountStatus.SUBMITTED).count(),
    }


def describe_path(path) -> str:
    base = path.points[0]
    text = _("%(partners)s partners with an account in every year from %(base)s to %(last)s emitted "
             "%(base_t)s t CO2e in %(base)s.") % {
        "partners": path.partners, "base": path.base_year, "last": path.last_year, "base_t": tonnes_text(base.actual)}
    last = next(p for p in path.points if p.year == path.last_year)
    change = (last.actual - base.actual) / base.actual if base.actual else 0
    sign = "+" if change > 0 else ""  # a minus sign comes with the number
    text += " " + _("In %(last)s they emitted %(last_t)s t CO2e (%(change)s against %(base)s); the plan's path "
                    "allows %(allowed)s t CO2e, so the programme is %(status)s.") % {
        "last": path.last_year, "last_t": tonnes_text(last.actual), "change": sign + percent(change),
        "base": path.base_year, "allowed": tonnes_text(last.planned), "status": str(STATUS_LABELS[last.status]).lower()}
    first, neutral = PLAN_TARGETS[0], PLAN_TARGETS[-1]
    text += " " + _("The plan: %(percent)s%% less by %(year)s and climate neutral by %(neutral)s.") % {
        "percent": number_format(first.reduction * 100, 0), "year": first.year, "neutral": neutral.year}
    return text


def double_counting_text(total) -> str:
    """What a plain sum of the partners' accounts counts twice, for the page and the council's report."""
    text = _("Scope 1 and 2 (%(scope12)s t CO2e) are the partners' own fuel, electricity and heat; scope 3 "
             "(%(scope3)s t CO2e) is emitted by others on their behalf. The sum counts some emissions twice: a "
             "partner's scope 3 can be another partner's scope 1 or 2 – residual waste burnt in the district "
             "heating plant, goods bought from or transported by another partner – and a partner utility's scope 1 "
             "is the other partners' scope 2.") % {"scope12": tonnes_text(total.scope12),
                                                  "scope3": tonnes_text(total.scope3)}
    if total.overlapping_kg:
        text += " " + _("Of scope 3, %(overlap)s t CO2e lie in the categories where that is most likely (purchases, "
                        "fuel and energy upstream, transport, waste).") % {"overlap": tonnes_text(total.overlapping_kg)}
    return text


def recipients(organisation) -> list[str]:
    """The partner's active editors and contact persons, each address once."""
    emails = [m.user.email for m in organisation.memberships.all() if m.user.is_active]
    emails += [c.email for c in organisation.contacts.all()]
    seen, out = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            out.append(email)
    return out


@dataclass(frozen=True)
class MissingRow:
    organisation: Organisation
    draft: bool
    reminded_at: object

    @property
    def recipients(self) -> list[str]:
        return recipients(self.organisation)


def missing_accounts(year: int) -> list[MissingRow]:
    """Partners whose active agreement covered the year and who have not submitted its account (one query).

    A partner whose agreement starts after the year, or ended before it, owes no account for it.
    """
    accounts = YearAccount.objects.filter(organisation=OuterRef("pk"), year=year)
    covering = Agreement.objects.filter(organisation=OuterRef("pk"), status=AgreementStatus.ACTIVE,
                                        starts_on__lte=date(year, 12, 31)).filter(
        Q(ends_on=None) | Q(ends_on__gte=date(year, 1, 1)))
    organisations = Organisation.objects.filter(Exists(covering)).annotate(
        submitted=Exists(accounts.exclude(status=AccountStatus.DRAFT)),
        draft=Exists(accounts.filter(status=AccountStatus.DRAFT)),
        reminded_at=Subquery(ReminderSent.objects.filter(organisation=OuterRef("pk"), year=year).values("sent_at")[:1]),
    ).filter(submitted=False).prefetch_related("memberships__user", "contacts").order_by("name")
    return [MissingRow(o, o.draft, o.reminded_at) for o in organisations]
