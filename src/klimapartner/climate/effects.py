"""The plausibility of an action's effect, checked against the partner's own CO2 account (a hook partners calls)."""

from decimal import Decimal

from klimapartner.accounting.targets import check_action_effect
from klimapartner.climate.accounts import finding_dict
from klimapartner.climate.findings import describe
from klimapartner.partners.models import SizeBand

# Without an account: more than this many tonnes a year from one action is worth a second look.
CEILING_BY_SIZE = {SizeBand.MICRO: 50, SizeBand.SMALL: 250, SizeBand.MEDIUM: 2500, SizeBand.LARGE: 25000}


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
