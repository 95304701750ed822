"""One-time sign-in links.

The token hashes the user's last login, so it stops working the moment it is used
(signing in changes last_login), and it expires after SIGN_IN_LINK_HOURS.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class SignInTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "klimapartner.accounts.sign-in"


sign_in_tokens = SignInTokenGenerator()


def sign_in_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:link", kwargs={"uid": uid, "token": sign_in_tokens.make_token(user)})
    return settings.SITE_URL + path
