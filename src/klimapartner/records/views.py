"""The coordinator's pages for personal data (a person's data, forgetting a person) and the audit log.

The email address is sent in the body of a POST, never in the address: addresses end up in access logs.
"""

import json

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import BooleanField
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import coordinator_required
from klimapartner.records import privacy
from klimapartner.records.forms import EraseForm, PersonForm
from klimapartner.records.models import AuditArea, AuditEntry

PAGE_SIZE = 100

# The sections of a person's data, in the order the page shows them.
SECTIONS = {
    "users": gettext_lazy("Sign-in accounts"),
    "memberships": gettext_lazy("Editor of"),
    "contact_persons": gettext_lazy("Contact person at"),
    "sign_ups": gettext_lazy("Sign-ups for activities"),
    "registrations": gettext_lazy("Registrations for partnership days"),
    "seats": gettext_lazy("Meetings at partnership days"),
    "feedback": gettext_lazy("Feedback on meetings"),
    "invitations": gettext_lazy("Invitations"),
    "ideas": gettext_lazy("Ideas"),
    "log_entries": gettext_lazy("Collaboration log entries"),
    "follow_ups": gettext_lazy("Follow-ups on collaborations"),
    "collaboration_confirmations": gettext_lazy("Collaborations confirmed"),
    "stories": gettext_lazy("Climate stories written"),
    "sites": gettext_lazy("Tour sites hosted"),
    "reminders": gettext_lazy("Reminders sent"),
    "outbox": gettext_lazy("Emails waiting to be sent"),
    "uploads": gettext_lazy("Files uploaded for import"),
    "klimakompasset_reports": gettext_lazy("Klimakompasset reports uploaded"),
    "jobs": gettext_lazy("Background jobs started"),
    "audit_entries": gettext_lazy("Changes made (audit log)"),
}


def _changes(entry) -> list[tuple[str, str, str]]:
    """An entry's changes as the coordinator reads them: each field's name, and a choice's label, in their language."""
    try:
        meta = apps.get_model(entry.model)._meta
    except LookupError:
        meta = None
    shown = []
    for name, (before, after) in entry.changes.items():
        try:
            field = meta.get_field(name) if meta else None
        except FieldDoesNotExist:
            field = None
        labels = dict(field.flatchoices) if field is not None and field.choices else {}
        if isinstance(field, BooleanField):
            labels = {"True": _("Yes"), "False": _("No")}
        shown.append((str(privacy.UNNAMED.get(name, field.verbose_name)) if field is not None else name,
                      *(str(labels.get(v, v)) if v not in (None, "") else "—" for v in (before, after))))
    return shown


@coordinator_required
def audit_log(request):
    area = request.GET.get("omraade", "")
    entries = AuditEntry.objects.all()
    if area in AuditArea.values:
        entries = entries.filter(area=area)
    else:
        area = ""
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
    for entry in page.object_list:
        entry.shown = _changes(entry)
    return render(request, "records/audit_log.html", {
        "section": "work", "page": page, "area": area, "areas": AuditArea.choices,
    })


def _person_page(request, context, status=200):
    return render(request, "records/person.html", {"section": "work",
                                                   "retention_years": settings.PERSONAL_DATA_YEARS, **context},
                  status=status)


@coordinator_required
def person(request):
    """Look a person up by email address; show everything about them, or give it as a JSON file."""
    form = PersonForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return _person_page(request, {"form": form})
    email = form.cleaned_data["email"]
    if request.POST.get("format") == "json":
        data = privacy.export(email)
        response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="persondata.json"'
        return response
    found = privacy.records(email)
    sections = [{"key": key, "label": label, "rows": [privacy.readable(i) for i in found[key]]}
                for key, label in SECTIONS.items()]
    return _person_page(request, {
        "form": form, "email": email, "sections": sections,
        "found": sum(len(s["rows"]) for s in sections), "erase_form": EraseForm(initial={"email": email}),
    })


@coordinator_required
@require_POST
def erase_person(request):
    form = EraseForm(request.POST)
    if not form.is_valid():
        return _person_page(request, {"form": PersonForm(request.POST), "erase_form": form}, status=400)
    erased = privacy.erase(form.cleaned_data["email"])
    if erased.total:
        messages.success(request, ngettext("The person is forgotten: %(n)s record was deleted or anonymised.",
                                           "The person is forgotten: %(n)s records were deleted or anonymised.",
                                           erased.total) % {"n": number_format(erased.total)})
    else:
        messages.info(request, _("Nothing was stored about this email address."))
    return redirect("records:person")
