from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from klimapartner.accounts import throttle


class EmailBackend(ModelBackend):
    """Sign in with the email address (any case) and password.

    Wrong passwords are throttled per account and per client address, on every sign-in form (ours and
    the admin's): once throttled, no password is checked at all. An unknown address costs the same
    password hashing as a known one, so the answer's timing does not tell who has an account.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (kwargs.get("email") or username or "").strip()
        if not email or password is None:
            return None
        address = throttle.client_address(request) if request is not None else ""
        if throttle.is_throttled("sign-in-account", email) or (
                address and throttle.is_throttled("sign-in-address", address)):
            if request is not None:
                request.sign_in_throttled = True
            return None
        user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            get_user_model()().set_password(password)  # the work a real check does
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        throttle.record("sign-in-account", email)
        if address:
            throttle.record("sign-in-address", address)
        return None
