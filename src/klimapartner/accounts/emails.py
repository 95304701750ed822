"""Mail the accounts app sends: sign-in links and invitations."""

from django.conf import settings
from django.utils import translation

from klimapartner.accounts.tokens import sign_in_url
from klimapartner.mail import delivery


def send_sign_in_link(user, *, organisation=None, language=None):
    """Mail the user a one-time sign-in link; with an organisation, as an invitation to edit it."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "organisation": organisation,
            "url": sign_in_url(user),
            "hours": settings.SIGN_IN_LINK_HOURS,
            "programme_name": settings.PROGRAMME_NAME,
            "municipality_name": settings.MUNICIPALITY_NAME,
        }
        template = "accounts/email_invitation" if organisation else "accounts/email_sign_in"
        message = delivery.message(to=user.email, subject_template=f"{template}_subject.txt",
                                   body_template=f"{template}.txt", context=context)
    if organisation:
        # The coordinator is waiting for the answer: an invitation that fails is reported to them, and undone.
        message.send()
    else:
        delivery.send([message])
