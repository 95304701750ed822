"""The coordinator's follow-up of the year (expectations, passive partners, reminders) and the annual status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.accounts.roles import coordinator_required
from klimapartner.expectations import annual, reminders, tracker
from klimapartner.expectations.forms import AgreementExpectationsForm, ProgrammeExpectationsForm, ReminderForm
from klimapartner.expectations.models import AgreementExpectations, ProgrammeExpectations
from klimapartner.jobs.runner import start_job
from klimapartner.partners.access import get_organisation_for_edit
from klimapartner.partners.models import Agreement, Organisation

FIRST_YEAR = 2020


def _years(year):
    return range(max(FIRST_YEAR, year - 5), year + 1)


@coordinator_required
def this_year(request):
    return redirect("expectations:overview", year=timezone.localdate().year)


@coordinator_required
def overview(request, year):
    rows = tracker.trackers(tracker.programme_partners(year), year)
    passive = [t for t in rows if t.passive]
    reminded = reminders.recently_reminded([t.organisation.pk for t in passive])
    return render(request, "expectations/overview.html", {
        "section": "year", "year": year, "rows": rows, "summary": tracker.summary(rows), "passive": passive,
        "reminded": reminded, "defaults": ProgrammeExpectations.for_year(year),
        "trend": tracker.trend(_years(year)), "years": _years(year), "status_labels": tracker.STATUS_LABELS,
        "active_count": len(rows) - len(passive),
    })


@coordinator_required
def settings_page(request, year):
    instance = ProgrammeExpectations.for_year(year)
    form = ProgrammeExpectationsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        expectations = form.save(commit=False)
        expectations.year = year
        expectations.save()
        messages.success(request, _("The expectations for %(year)s are saved.") % {"year": year})
        return redirect("expectations:overview", year=year)
    return render(request, "expectations/form.html", {"section": "work", "form": form, "year": year,
                                                      "title": _("Expectations for %(year)s") % {"year": year}})


@coordinator_required
def agreement_page(request, pk):
    agreement = get_object_or_404(Agreement.objects.select_related("organisation"), pk=pk)
    instance = AgreementExpectations.objects.filter(agreement=agreement).first() or AgreementExpectations(
        agreement=agreement)
    form = AgreementExpectationsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The agreement's expectations are saved."))
        return redirect("manage:organisation", slug=agreement.organisation.slug)
    return render(request, "expectations/form.html", {
        "section": "work", "form": form, "agreement": agreement, "year": timezone.localdate().year,
        "title": _("Expectations in the agreement with %(name)s") % {"name": agreement.organisation.name}})


@coordinator_required
def remind(request, year):
    """Choose the passive partners, edit the text, preview one email, then send them all as a background job."""
    rows = tracker.trackers(tracker.programme_partners(year), year)
    passive_ids = [t.organisation.pk for t in rows if t.passive]
    reminded = reminders.recently_reminded(passive_ids)
    eligible = Organisation.objects.filter(pk__in=[pk for pk in passive_ids if pk not in reminded]).order_by("name")
    subject, body = reminders.default_text(year)
    form = ReminderForm(request.POST or None, passive=eligible,
                        initial={"organisations": list(eligible), "subject": subject, "body": body})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "send" in request.POST:
            job = start_job("expectations.remind", user=request.user, subject=f"remind-{year}", year=year,
                            organisation_ids=[o.pk for o in data["organisations"]],
                            email_subject=data["subject"], email_body=data["body"], user_id=request.user.pk)
            return redirect("jobs:progress", job.pk)
        first = data["organisations"][0]
        preview = {"organisation": first, "to": reminders.recipients(first),
                   "subject": reminders.render(data["subject"], organisation=first, year=year),
                   "body": reminders.render(data["body"], organisation=first, year=year),
                   "count": len(data["organisations"])}
    return render(request, "expectations/remind.html", {
        "section": "year", "year": year, "form": form, "preview": preview,
        "skipped": Organisation.objects.filter(pk__in=reminded).order_by("name"), "reminded": reminded,
        "pause_days": reminders.PAUSE.days,
    })


@login_required
def partner_status(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    return render(request, "expectations/partner_status.html", {
        "section": "work", "organisation": organisation, "year": year,
        **annual.partner_year(organisation, year),
    })


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def partner_status_pdf(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    return _download(annual.partner_pdf(organisation, year), "application/pdf",
                     f"aarsstatus-{organisation.slug}-{year}.pdf")


@coordinator_required
def programme_status(request, year, fmt):
    if fmt == "pdf":
        return _download(annual.programme_pdf(year), "application/pdf", f"aarsstatus-{year}.pdf")
    return _download(annual.programme_xlsx(year),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"aarsstatus-{year}.xlsx")
