"""Changes to the partner register that do more than save a form: renewals and invitations."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from klimapartner.accounts.emails import send_sign_in_link
from klimapartner.partners.models import Action, ActionStatus, Agreement, AgreementStatus, Membership


def renewal_initial(previous: Agreement) -> dict:
    """Form values for a new agreement that continues the previous one."""
    starts_on = previous.ends_on + timedelta(days=1) if previous.ends_on else None
    ends_on = starts_on.replace(year=starts_on.year + 3) - timedelta(days=1) if starts_on else None
    return {
        "status": AgreementStatus.DRAFT,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "baseline_year": previous.baseline_year,
        "focus_areas": list(previous.focus_areas.all()),
        "communication": previous.communication,
        "collaboration": previous.collaboration,
    }


@transaction.atomic
def agreement_saved(agreement: Agreement, *, renews: Agreement | None = None) -> int:
    """Keep the register consistent after an agreement was recorded, renewed or edited.

    A partner has one active agreement at a time, so activating one ends the others. A
    renewal takes over the previous agreement's unfinished actions, so work in progress
    isn't lost between agreement periods. Returns the number of actions moved.
    """
    if agreement.status == AgreementStatus.ACTIVE:
        Agreement.objects.filter(organisation=agreement.organisation, status=AgreementStatus.ACTIVE).exclude(
            pk=agreement.pk
        ).update(status=AgreementStatus.ENDED)
    if renews is None:
        return 0
    return Action.objects.filter(
        agreement=renews, status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]
    ).update(agreement=agreement)


@transaction.atomic
def invite_editor(organisation, *, email, name, language=None):
    """Make the person an editor of the organisation and mail them a one-time sign-in link."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _sep, last = name.strip().partition(" ")
        user = User(username=email.lower(), email=email.lower(), first_name=first, last_name=last)
        user.set_unusable_password()
        user.save()
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation)
    # Sent inside the transaction: if the mail server refuses, nothing is saved and the coordinator is told.
    send_sign_in_link(user, organisation=organisation, language=language)
    return membership, created
