"""Signing in (password or one-time link sent by email), out, and where to go after."""

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimapartner.accounts import throttle
from klimapartner.accounts.emails import send_sign_in_link
from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator
from klimapartner.accounts.tokens import sign_in_tokens
from klimapartner.forms import Form
from klimapartner.partners.models import Organisation


class PasswordForm(Form):
    email = forms.EmailField(label=gettext_lazy("Email"))
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


class LinkForm(Form):
    email = forms.EmailField(label=gettext_lazy("Email"))


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return None


def login_view(request):
    password_form = PasswordForm(prefix="pw")
    link_form = LinkForm(prefix="link")
    status = 200
    if request.method == "POST" and "pw-email" in request.POST:
        password_form = PasswordForm(request.POST, prefix="pw")
        if password_form.is_valid():
            user = authenticate(
                request, username=password_form.cleaned_data["email"], password=password_form.cleaned_data["password"]
            )
            if user:
                login(request, user)
                return redirect(_next_url(request) or "accounts:home")
            if getattr(request, "sign_in_throttled", False):
                password_form.add_error(None, throttled_message("sign-in-account"))
                status = 429
            else:
                password_form.add_error(None, _("The email or the password is not right."))
    elif request.method == "POST":
        link_form = LinkForm(request.POST, prefix="link")
        if link_form.is_valid():
            email = link_form.cleaned_data["email"]
            address = throttle.client_address(request)
            # Counted for every address asked for, known or not, so being throttled reveals nothing either.
            if throttle.is_throttled("sign-in-link-account", email) or throttle.is_throttled(
                    "sign-in-link-address", address):
                link_form.add_error(None, _("Too many sign-in links asked for. Try again in %(minutes)d minutes.")
                                    % {"minutes": throttle.minutes("sign-in-link-account")})
                status = 429
            else:
                throttle.record("sign-in-link-account", email)
                throttle.record("sign-in-link-address", address)
                user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
                if user:
                    send_sign_in_link(user)
                # Same answer either way, so the form does not reveal who has an account.
                return render(request, "accounts/link_sent.html", {"email": email})
    return render(
        request,
        "accounts/login.html",
        {"password_form": password_form, "link_form": link_form, "next": _next_url(request) or ""},
        status=status,
    )


def throttled_message(scope):
    return _("Too many wrong attempts. Try again in %(minutes)d minutes, or ask for a sign-in link by email.") % {
        "minutes": throttle.minutes(scope)}


def link_view(request, uid, token):
    """Sign in with a one-time link. GET shows a button, so mail scanners that follow links don't use it up."""
    try:
        user = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uid)), is_active=True)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not sign_in_tokens.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    if request.method == "POST":
        login(request, user, backend="klimapartner.accounts.backends.EmailBackend")
        messages.success(request, _("You are signed in."))
        return redirect("accounts:home")
    return render(request, "accounts/link_confirm.html", {"link_user": user})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("public:front")


@login_required
def home(request):
    """Where a signed-in user starts: the coordinator's overview, or the editor's organisation."""
    if is_coordinator(request.user):
        return redirect("staff:dashboard")
    organisation_ids = edited_organisation_ids(request.user)
    if len(organisation_ids) == 1:
        return redirect("manage:organisation", slug=Organisation.objects.get(pk=next(iter(organisation_ids))).slug)
    return render(request, "accounts/home.html", {"organisations": request.user.memberships.select_related("organisation")})
