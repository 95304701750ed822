from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import gettext_lazy as _

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator

# Each language is named in its own language, as users look for their own word.
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def main_menu(request, is_coordinator_, is_editor):
    """The main menu's links; `section` in a view's context marks the current one."""
    items = [("front", reverse("public:front"), _("Front page")), ("directory", reverse("public:directory"), _("Partners"))]
    items.append(("activities", reverse("activities:list"), _("Activities")))
    items.append(("stories", reverse("stories:list"), _("Climate stories")))
    items.append(("network", reverse("network:network"), _("Network")))
    items.append(("progress", reverse("progress"), _("Progress")))
    if is_coordinator_:
        # The coordinator's own page first: what doesn't fit goes behind "Mere" on a narrower screen.
        items.append(("work", reverse("staff:dashboard"), _("Coordinator")))
        items.append(("climate", reverse("climate:programme"), _("CO2 accounts")))
        items.append(("events", reverse("events:list"), _("Partnership days")))
        items.append(("collaborations", reverse("collaborations:ideas"), _("Ideas")))
        items.append(("year", reverse("expectations:this_year"), _("The partners' year")))
        items.append(("tours", reverse("tours:list"), _("Tours")))
    elif is_editor:
        items.append(("work", reverse("accounts:home"), _("My organisation")))
    return items


def site(request):
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    coordinator = is_coordinator(request.user)
    editor = bool(edited_organisation_ids(request.user))
    return {
        "is_coordinator": coordinator,
        "is_editor": editor,
        "main_menu": [
            {"section": section, "url": url, "label": label}
            for section, url, label in main_menu(request, coordinator, editor)
        ],
        "programme_name": settings.PROGRAMME_NAME,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "language_links": [
            {"code": code, "name": LANGUAGE_NAMES[code], "url": translate_url(path, code), "current": code == current}
            for code, _name in settings.LANGUAGES
        ],
    }
