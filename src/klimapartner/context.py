from django.conf import settings
from django.urls import translate_url

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator

# Each language is named in its own language, as users look for their own word.
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def site(request):
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    return {
        "is_coordinator": is_coordinator(request.user),
        "is_editor": bool(edited_organisation_ids(request.user)),
        "programme_name": settings.PROGRAMME_NAME,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "language_links": [
            {"code": code, "name": LANGUAGE_NAMES[code], "url": translate_url(path, code), "current": code == current}
            for code, _name in settings.LANGUAGES
        ],
    }
