"""The plausibility of an action's effect, checked against the partner's own CO2 account (a hook partners calls)."""

from decimal import Decimal

from klimapartner.accounting.targets import Target, check_action_effect, check_targets
from klimapartner.climate.accounts import finding_dict
from klimapartner.climate.findings import describe
from klimapartner.partners.models import SizeBand

# Without an account: more than this many tonnes a year from one action is worth a second look.
CEILING_BY_SIZE = {SizeBand.MICRO: 50, SizeBand.SMALL: 250, SizeBand.MEDIUM: 2500, SizeBand.LARGE: 25000}


# What an agreement's targets must be together; the form checks each on its own, and a missing base year or
# no targets at all is allowed (the partner page says so).
TOGETHER = ("reduction_decreases", "target_not_after_base", "target_year_twice")


def check_targets_together(base_year, targets) -> list[str]:
    """Messages for targets that together make no path from the base year (a later target allowing more)."""
    if base_year is None or not targets:
        return []
    problems = check_targets(base_year, [Target(year, Decimal(percent) / 100) for year, percent in targets])
    return [describe(p) for p in problems if p.code in TOGETHER]


def check_effect(action, expected, realised, title="") -> list[tuple[str, dict]]:
    """[(message, finding)] for effects hard to believe for this partner."""
    organisation = action.agreement.organisation
    latest = organisation.climate_accounts.exclude(computed_at=None).order_by("-year").first()
    out = []
    for tonnes in (expected, realised):
        if tonnes is None:
            continue
        problems = check_action_effect(
            title or action.title or "", Decimal(tonnes),
            partner_total_kg=latest.total_location if latest else None, partner_year=latest.year if latest else None,
            limit_tonnes=CEILING_BY_SIZE.get(organisation.size, 2500))
        out += [(describe(p), finding_dict(p)) for p in problems]
        if problems:
            break
    return out
