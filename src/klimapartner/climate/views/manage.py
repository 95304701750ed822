"""A partner's CO2 account, for its editors (their own organisation only) and the coordinator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import is_coordinator
from klimapartner.climate import reports
from klimapartner.climate.accounts import (
    AccountErrors, Recalculation, base_year_of, check, compute, previous_account, save_account, with_grid_area,
)
from klimapartner.climate.findings import describe
from klimapartner.climate.forms import (
    AccountForm, KlimakompassetConfirmForm, KlimakompassetForm, LineFormSet, PublishForm, YearChoiceForm,
    initial_lines, lines_of, problem_message,
)
from klimapartner.climate.labels import OLD_REASON_LABELS
from klimapartner.climate.summary import computed_lines
from klimapartner.climate.models import (
    AccountStatus, ClimateProfile, KlimakompassetReport, RecalculationNote, ReportStatus, StoredFactorSet, YearAccount,
)
from klimapartner.jobs.runner import active_job, start_job
from klimapartner.partners.models import Upload
from klimapartner.climate.summary import account_summary, partner_overview
from klimapartner.partners.access import get_organisation_for_edit


def _year(year):
    if not 1990 <= year <= 2100:
        raise Http404
    return year


def _account_or_404(organisation, year):
    account = organisation.climate_accounts.filter(year=_year(year)).select_related("factor_set").first()
    if account is None:
        raise Http404
    return account


def newest_factor_set():
    """New accounts use the newest imported set, or the shipped default when none is imported."""
    return StoredFactorSet.objects.order_by("-year", "-imported_at").first()


@login_required
def years(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    profile, _created = ClimateProfile.objects.get_or_create(organisation=organisation)
    publish_form = PublishForm(request.POST or None, instance=profile)
    if request.method == "POST" and publish_form.is_valid():
        publish_form.save()
        messages.success(request, _("Your choice about the public progress chart is saved."))
        return redirect("climate:years", slug=organisation.slug)
    year_form = YearChoiceForm(request.GET or None)
    if year_form.is_bound and year_form.is_valid():
        return redirect("climate:edit_account", slug=organisation.slug, year=year_form.cleaned_data["year"])
    context = partner_overview(organisation, include_drafts=True)
    context.update({"section": "work", "organisation": organisation, "publish_form": publish_form,
                    "year_form": year_form})
    return render(request, "climate/manage/years.html", context)


@login_required
def edit_account(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    account = organisation.climate_accounts.filter(year=_year(year)).select_related("factor_set").first()
    is_new = account is None
    if is_new:
        account = YearAccount(organisation=organisation, year=year, factor_set=newest_factor_set())
    previous = previous_account(organisation, year)
    coordinator = is_coordinator(request.user)
    base_year_change = bool(not is_new and account.computed_at and year == base_year_of(organisation))
    # A new year starts from the newest earlier year's sources, even when last year is missing.
    earlier = previous or organisation.climate_accounts.filter(year__lt=year).order_by("-year").first()
    initial, filled = initial_lines(account, earlier)
    post = request.POST if request.method == "POST" else None
    form = AccountForm(post, instance=account, coordinator=coordinator, warnings=True,
                       base_year_change=base_year_change)
    formset = LineFormSet(post, initial=initial, prefix="lines")
    warnings = []
    if post is not None and form.is_valid() and formset.is_valid():
        account = form.save(commit=False)
        account.factor_set = form.chosen_factor_set()
        lines, line_forms = lines_of(formset)
        lines = with_grid_area(lines, organisation)
        problems = check(account, lines, previous)
        errors = [p for p in problems if p.is_error]
        for problem in errors:
            field, message = problem_message(problem)
            (line_forms[problem.line] if problem.line is not None else form).add_error(field, message)
        warnings = [describe(p) for p in problems if p.severity == "warning"]
        if not errors and (not warnings or form.cleaned_data.get("confirm_warnings")):
            recalculation = None
            if base_year_change:
                recalculation = Recalculation(form.cleaned_data.get("change_reason") or "error",
                                              form.cleaned_data.get("change_description") or "")
            approve = coordinator and form.cleaned_data.get("status") == AccountStatus.APPROVED
            try:
                save_account(account, lines, recalculation=recalculation, previous=previous)
            except AccountErrors:  # check() found nothing, so only a factor set changed under us
                messages.error(request, _("The account could not be computed; please try again."))
            else:
                if approve:  # the coordinator's own figures are reviewed by saving them as approved
                    account.status, account.reviewed_at, account.reviewed_by = (
                        AccountStatus.APPROVED, timezone.now(), request.user)
                    account.save(update_fields=["status", "reviewed_at", "reviewed_by"])
                messages.success(request, _("The account for %(year)s is saved.") % {"year": year})
                return redirect("climate:account", slug=organisation.slug, year=year)
        if errors:
            messages.error(request, _("Some lines need correcting; see the messages by the fields."))
    if not warnings and "confirm_warnings" in form.fields:
        del form.fields["confirm_warnings"]
    return render(request, "climate/manage/edit.html", {
        "section": "work", "organisation": organisation, "account": account, "year": year, "form": form,
        "formset": formset, "warnings": warnings, "is_new": is_new, "from_previous": bool(initial) and not filled,
        "previous": earlier,
    })


@login_required
def account(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    account = _account_or_404(organisation, year)
    from klimapartner.climate.klimakompasset import latest_imported

    context = account_summary(account)
    context.update(partner_overview(organisation, include_drafts=True))
    inventory = compute(account)
    context.update({
        "section": "work", "organisation": organisation, "account": account,
        "notes": RecalculationNote.objects.filter(organisation=organisation),
        "reason_labels": OLD_REASON_LABELS, "computed": computed_lines(inventory), "inventory": inventory,
        "klimakompasset": latest_imported(organisation, year), "coordinator": is_coordinator(request.user),
    })
    return render(request, "climate/manage/account.html", context)


@login_required
def import_klimakompasset(request, slug, year):
    """Upload a report; reading it is a background job, then the review page shows what it holds."""
    organisation = get_organisation_for_edit(request, slug)
    _year(year)
    form = KlimakompassetForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        with transaction.atomic():
            stored = Upload.objects.create(kind="klimakompasset", filename=upload.name[:255], data=data,
                                           size=len(data), user=request.user)
            report = KlimakompassetReport.objects.create(organisation=organisation, year=year,
                                                         filename=upload.name[:255], uploaded_by=request.user)
            start_job("climate.read_klimakompasset", user=request.user, subject=report, report_id=report.pk,
                      upload_id=stored.pk)
        return redirect("climate:review_klimakompasset", slug=organisation.slug, year=year, pk=report.pk)
    return render(request, "climate/manage/klimakompasset.html", {
        "section": "work", "organisation": organisation, "year": year, "form": form,
        "reports": organisation.klimakompasset_reports.filter(year=year)[:5],
    })


@login_required
def review_klimakompasset(request, slug, year, pk):
    """What a read report holds, whose it is, what becomes activity and what does not; import it as a draft."""
    from klimapartner.climate import klimakompasset as kk

    organisation = get_organisation_for_edit(request, slug)
    report = get_object_or_404(KlimakompassetReport, pk=pk, organisation=organisation, year=_year(year))
    job = active_job("climate.read_klimakompasset", report) if report.status == ReportStatus.READING else None
    checks = kk.check_report(report, organisation, year) if report.status == ReportStatus.READ else None
    form = KlimakompassetConfirmForm(request.POST if request.method == "POST" else None,
                                     confirmations=checks.confirmations if checks else ())
    if request.method == "POST" and checks is not None and checks.ok and form.is_valid():
        try:
            account, inventory = kk.import_report(report, organisation, year,
                                                  factor_set=newest_factor_set())
        except AccountErrors as error:
            messages.error(request, _("The report's consumption data could not be used: %(problems)s") % {
                "problems": " ".join(describe(p) for p in error.problems)})
        else:
            messages.success(request, _("The Klimakompasset report is imported into %(year)s as a draft. Check it "
                                        "and submit it.") % {"year": year})
            for warning in inventory.warnings:
                messages.warning(request, describe(warning))
            return redirect("climate:account", slug=organisation.slug, year=year)
    return render(request, "climate/manage/klimakompasset_review.html", {
        "section": "work", "organisation": organisation, "year": year, "report": report, "job": job,
        "checks": checks, "form": form, "lines": kk.activity_lines(report) if report.activity else [],
    })


@login_required
def reconciliation(request, slug, year):
    """Our result next to the partner's imported Klimakompasset report, category by category."""
    from klimapartner.climate import klimakompasset as kk

    organisation = get_organisation_for_edit(request, slug)
    account = _account_or_404(organisation, year)
    report = kk.latest_imported(organisation, year)
    if report is None:
        raise Http404
    method = "market" if request.GET.get("method") == "market" else "location"
    entries = kk.entry_reconciliation(account, report, method)
    return render(request, "climate/manage/reconciliation.html", {
        "section": "work", "organisation": organisation, "account": account, "report": report, "method": method,
        "result": kk.reconciliation(account, report, method), "entries": kk.entries_to_show(entries),
        "entry_counts": kk.entry_counts(entries), "entry_total": len(entries),
    })


@login_required
def partner_report(request, slug, fmt):
    organisation = get_organisation_for_edit(request, slug)
    if fmt == "pdf":
        body, content_type = reports.partner_pdf(organisation), "application/pdf"
    else:
        body = reports.partner_xlsx(organisation)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="klimaregnskab-{organisation.slug}.{fmt}"'
    return response


@login_required
@require_POST
def delete_account(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    _account_or_404(organisation, year).delete()
    messages.success(request, _("The account for %(year)s is deleted.") % {"year": year})
    return redirect("climate:years", slug=organisation.slug)
