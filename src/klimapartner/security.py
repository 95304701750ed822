"""Request hygiene and security headers that concern every page."""

from django.conf import settings
from django.shortcuts import render


class RejectNulMiddleware:
    """A NUL character in the address or in submitted form fields is refused with 400.

    No text we store may contain one (PostgreSQL refuses it, with a 500 to the visitor), and no person
    types one; the forms already refuse it in their fields, this covers the address and query string.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET) or (
                request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST)):
            return render(request, "400.html", status=400)
        return self.get_response(request)


def _has_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


class PermissionsPolicyMiddleware:
    """The browser features no page uses are switched off for every page (and anything embedded in it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
