"""A partner's year counted against what it is expected to do: met, on its way or missing.

Nothing here is typed by anyone: attendance comes from the activities' check-ins, held activities
from the partner's own activities the coordinator approved, stories from the published ones, the
CO2 account from the submitted account for the year before. `trackers()` answers for any number
of partners with the same handful of queries.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimapartner.activities.models import CITIZEN_KINDS, Activity, ActivityStatus, SignUp, SignUpStatus
from klimapartner.climate.models import AccountStatus, YearAccount
from klimapartner.expectations.models import ProgrammeExpectations
from klimapartner.partners.models import Agreement, AgreementStatus, Organisation
from klimapartner.stories.models import Story, StoryStatus

MET, ON_ITS_WAY, MISSING = "met", "on_its_way", "missing"
STATUS_LABELS = {MET: _("Met"), ON_ITS_WAY: _("On its way"), MISSING: _("Missing")}
CODES = ("activities", "citizen_activities", "stories", "account")
LABELS = {
    "activities": _("Take part in the programme's activities"),
    "citizen_activities": _("Hold an activity for citizens"),
    "stories": _("Publish a climate story"),
    "account": _("Submit the CO2 account for last year"),
}


@dataclass(frozen=True)
class Line:
    code: str
    target: int
    done: int
    pending: int  # on the way: places at coming activities, activities waiting or ahead, stories in the works
    status: str
    due: date | None = None

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Tracker:
    organisation: Organisation
    year: int
    lines: tuple[Line, ...]

    @property
    def passive(self) -> bool:
        """Nothing in the partnership this year: no activity attended or held, no story, nothing on the way.
        (Submitting the CO2 account alone does not make a partner active: it is bookkeeping, not taking part.)"""
        return all(line.done == 0 and line.pending == 0 for line in self.lines if line.code != "account")

    @property
    def met(self) -> int:
        return sum(line.status == MET for line in self.lines)

    def line(self, code) -> Line:
        return next(line for line in self.lines if line.code == code)


def _status(target, done, pending) -> str:
    if done >= target:
        return MET
    return ON_ITS_WAY if done + pending > 0 else MISSING


def programme_partners(year: int):
    """The partners whose agreement (active or since ended) covered some of the year."""
    agreements = Agreement.objects.filter(status__in=[AgreementStatus.ACTIVE, AgreementStatus.ENDED],
                                          starts_on__year__lte=year).filter(
        Q(ends_on__isnull=True) | Q(ends_on__year__gte=year))
    return Organisation.objects.filter(pk__in=agreements.values("organisation")).order_by("name")


def targets_for(organisations, year: int) -> dict[int, dict[str, int]]:
    """{organisation id: {code: target}}: the programme's defaults, or what the agreement says (2 queries)."""
    defaults = ProgrammeExpectations.for_year(year)
    base = {"activities": defaults.activities, "citizen_activities": defaults.citizen_activities,
            "stories": defaults.stories, "account": 1}
    out = {o.pk: dict(base) for o in organisations}
    agreements = (Agreement.objects.filter(organisation__in=out, status__in=[AgreementStatus.ACTIVE,
                                                                             AgreementStatus.ENDED],
                                           starts_on__year__lte=year, expectations__isnull=False)
                  .select_related("expectations").order_by("starts_on", "pk"))
    for agreement in agreements:  # the newest agreement that started by the year wins
        own = agreement.expectations
        for code in ("activities", "citizen_activities", "stories"):
            if getattr(own, code) is not None:
                out[agreement.organisation_id][code] = getattr(own, code)
    return out, defaults


def trackers(organisations, year: int, *, today: date | None = None) -> list[Tracker]:
    """One tracker per organisation (in the given order), counted from the data in seven queries."""
    organisations = list(organisations)
    today = today or timezone.localdate()
    ids = [o.pk for o in organisations]
    targets, defaults = targets_for(organisations, year)

    in_year = {"organisation_id__in": ids, "activity__date__year": year}
    not_own = ~Q(activity__organiser_id=F("organisation_id")) | Q(activity__organiser__isnull=True)
    attended = dict(SignUp.objects.filter(not_own, checked_in_at__isnull=False, **in_year)
                    .exclude(activity__status=ActivityStatus.CANCELLED)
                    .values_list("organisation_id").annotate(n=Count("activity_id", distinct=True)))
    coming = dict(SignUp.objects.filter(not_own, status=SignUpStatus.REGISTERED, checked_in_at__isnull=True,
                                        activity__date__gte=today, activity__status=ActivityStatus.APPROVED,
                                        **in_year)
                  .values_list("organisation_id").annotate(n=Count("activity_id", distinct=True)))

    held, planned = Counter(), Counter()
    for organiser, status, day in Activity.objects.filter(organiser_id__in=ids, kind__in=CITIZEN_KINDS,
                                                          date__year=year).values_list("organiser_id", "status",
                                                                                       "date"):
        if status == ActivityStatus.APPROVED and day <= today:
            held[organiser] += 1
        elif status in (ActivityStatus.APPROVED, ActivityStatus.SUBMITTED):
            planned[organiser] += 1

    published, writing = Counter(), Counter()
    for organisation, status in Story.objects.filter(organisation_id__in=ids).filter(
            Q(status=StoryStatus.PUBLISHED, published_at__year=year)
            | Q(status__in=[StoryStatus.DRAFT, StoryStatus.SUBMITTED, StoryStatus.CHANGES_REQUESTED],
                created__year=year)).values_list("organisation_id", "status"):
        (published if status == StoryStatus.PUBLISHED else writing)[organisation] += 1

    accounts = dict(YearAccount.objects.filter(organisation_id__in=ids, year=year - 1)
                    .values_list("organisation_id", "status"))

    out = []
    for organisation in organisations:
        pk, target = organisation.pk, targets[organisation.pk]
        submitted = accounts.get(pk) == AccountStatus.SUBMITTED
        draft = accounts.get(pk) == AccountStatus.DRAFT
        if submitted:
            account_status = MET
        elif draft or today <= defaults.account_due:
            account_status = ON_ITS_WAY
        else:
            account_status = MISSING
        lines = (
            Line("activities", target["activities"], attended.get(pk, 0), coming.get(pk, 0),
                 _status(target["activities"], attended.get(pk, 0), coming.get(pk, 0))),
            Line("citizen_activities", target["citizen_activities"], held[pk], planned[pk],
                 _status(target["citizen_activities"], held[pk], planned[pk])),
            Line("stories", target["stories"], published[pk], writing[pk],
                 _status(target["stories"], published[pk], writing[pk])),
            Line("account", 1, int(submitted), int(draft), account_status, due=defaults.account_due),
        )
        out.append(Tracker(organisation, year, lines))
    return out


def summary(rows: list[Tracker]) -> list[dict]:
    """For each expectation: how many partners have met it, are on their way, or have nothing yet."""
    out = []
    for code in CODES:
        counts = Counter(t.line(code).status for t in rows)
        out.append({"code": code, "label": LABELS[code], MET: counts[MET], ON_ITS_WAY: counts[ON_ITS_WAY],
                    MISSING: counts[MISSING]})
    return out


def trend(years, *, today: date | None = None) -> list[dict]:
    """Per year: partners in the programme, how many were active (not passive) and how many met everything."""
    out = []
    for year in years:
        rows = trackers(programme_partners(year), year, today=today)
        out.append({"year": year, "partners": len(rows), "active": sum(not t.passive for t in rows),
                    "all_met": sum(t.met == len(t.lines) for t in rows)})
    return out
