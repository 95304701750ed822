"""Mail the accounts app sends: sign-in links and invitations."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from klimapartner.accounts.tokens import sign_in_url


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
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
