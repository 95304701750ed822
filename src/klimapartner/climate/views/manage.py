"""A partner's CO2 account, for its editors (their own organisation only) and the coordinator."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounting.klimakompasset import read_klimakompasset
from klimapartner.accounts.roles import is_coordinator
from klimapartner.climate import reports
from klimapartner.climate.accounts import (
    AccountErrors, Recalculation, base_year_of, check, previous_account, save_account, upload_limits, with_grid_area,
)
from klimapartner.climate.findings import describe, number
from klimapartner.climate.forms import (
    AccountForm, KlimakompassetForm, canonical_unit, LineFormSet, PublishForm, YearChoiceForm, initial_lines, lines_of,
    problem_message,
)
from klimapartner.climate.labels import REASON_LABELS
from klimapartner.climate.models import ClimateProfile, RecalculationNote, StoredFactorSet, YearAccount
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
            try:
                save_account(account, lines, recalculation=recalculation, previous=previous)
            except AccountErrors:  # check() found nothing, so only a factor set changed under us
                messages.error(request, _("The account could not be computed; please try again."))
            else:
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
    context = account_summary(account)
    context.update(partner_overview(organisation, include_drafts=True))
    context.update({
        "section": "work", "organisation": organisation, "account": account,
        "notes": RecalculationNote.objects.filter(organisation=organisation),
        "reason_labels": REASON_LABELS,
    })
    return render(request, "climate/manage/account.html", context)


@login_required
def import_klimakompasset(request, slug, year):
    organisation = get_organisation_for_edit(request, slug)
    _year(year)
    form = KlimakompassetForm(request.POST or None, request.FILES or None)
    problem, missing = "", ()
    if request.method == "POST" and form.is_valid():
        report = read_klimakompasset(form.cleaned_data["file"], limits=upload_limits())
        if not report.ok:
            problem = " ".join(describe(p) for p in report.errors)
        else:
            problem = _store_klimakompasset(request, organisation, year, report)
            if not problem:
                return redirect("climate:account", slug=organisation.slug, year=year)
    return render(request, "climate/manage/klimakompasset.html", {
        "section": "work", "organisation": organisation, "year": year, "form": form, "problem": problem,
        "missing": missing,
    })


def _store_klimakompasset(request, organisation, year, report) -> str:
    """Save the report's activity into the year as a draft; a problem to show, or "" when saved."""
    if report.year != year:
        return _("The report covers %(report)s, not %(year)s. Upload it into %(report)s instead.") % {
            "report": report.year, "year": year}
    lines = [replace(line, unit=canonical_unit(line.unit)) for line in report.activity_lines]
    if not lines:
        return _("The report has no entries we can use as activity data: the sheet 'Data (alle poster)' is "
                 "missing or none of its entries is electricity, heat or fuel.")
    account = organisation.climate_accounts.filter(year=year).first() or YearAccount(
        organisation=organisation, year=year, factor_set=newest_factor_set())
    if report.employees is not None:
        account.employees = report.employees
    reported = sum(r.kg_co2e for r in report.reported if r.method != "market") / 1000
    note = _("Imported from Klimakompasset: %(lines)s lines. Klimakompasset reported %(tonnes)s t CO2e.") % {
        "lines": len(lines), "tonnes": f"{reported:.2f}"}
    account.notes = (account.notes + "\n" if account.notes else "") + note
    try:
        inventory = save_account(account, lines, previous=previous_account(organisation, year))
    except AccountErrors as error:
        return _("The report's activity data could not be used: %(problems)s") % {
            "problems": " ".join(describe(p) for p in error.problems)}
    messages.success(request, _("The Klimakompasset report is imported into %(year)s as a draft. Check it and "
                                "submit it.") % {"year": year})
    for warning in list(report.warnings) + list(inventory.warnings):
        messages.warning(request, describe(warning))
    return ""


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
