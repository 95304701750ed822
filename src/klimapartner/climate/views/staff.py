"""The coordinator's CO2 pages: the programme's totals and path, missing accounts, factor sets, reminders."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.accounting.factors import default_factor_set
from klimapartner.climate import reports
from klimapartner.climate.accounts import factor_set_for
from klimapartner.climate.forms import FactorSetImportForm, ReminderDateForm, RemindNowForm
from klimapartner.climate.models import AccountStatus, ReminderDate, StoredFactorSet, YearAccount
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import active_job, start_job
from klimapartner.partners.models import Action, Upload
from klimapartner.climate.programme import missing_accounts, programme_overview
from klimapartner.accounts.roles import coordinator_required


def _int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 1990 <= number <= 2100 else default


@coordinator_required
def programme(request):
    last_year = timezone.localdate().year - 1
    context = programme_overview(year=_int(request.GET.get("year"), last_year),
                                 base_year=_int(request.GET.get("base"), None))
    context["section"] = "work"
    return render(request, "climate/staff/programme.html", context)


@coordinator_required
def missing(request):
    """Who has not submitted the year's account; "send reminders now" emails them in a background job."""
    year = _int(request.POST.get("year") or request.GET.get("year"), timezone.localdate().year - 1)
    rows = missing_accounts(year)
    job = active_job("climate.remind_now", f"climate-reminders:{year}")
    form = RemindNowForm(request.POST or None, count=sum(1 for r in rows if r.recipients))
    if request.method == "POST" and form.is_valid():
        job = start_job("climate.remind_now", user=request.user, subject=f"climate-reminders:{year}", year=year)
    return render(request, "climate/staff/missing.html", {
        "section": "climate", "year": year, "rows": rows, "form": form, "job": job,
        "reminder": ReminderDate.objects.filter(year=year).first(),
    })


@coordinator_required
def review(request):
    """Accounts and action effects waiting for the coordinator before they count, with the warnings confirmed."""
    if request.method == "POST":
        return _approve(request)
    accounts = YearAccount.objects.filter(status=AccountStatus.SUBMITTED).select_related("organisation").order_by(
        "organisation__name", "year")
    actions = Action.objects.filter(effect_approved=False).exclude(expected_effect=None, realised_effect=None) \
        .select_related("agreement__organisation").order_by("agreement__organisation__name", "title")
    return render(request, "climate/staff/review.html", {"section": "climate", "accounts": accounts,
                                                         "actions": actions})


def _approve(request):
    kind, pk = request.POST.get("approve", ""), _int_or_none(request.POST.get("pk"))
    if kind == "account" and pk:
        account = get_object_or_404(YearAccount, pk=pk, status=AccountStatus.SUBMITTED)
        account.status, account.reviewed_at, account.reviewed_by = AccountStatus.APPROVED, timezone.now(), request.user
        account.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        messages.success(request, _("The account %(account)s is approved and counts now.") % {"account": account})
    elif kind == "action" and pk:
        action = get_object_or_404(Action, pk=pk)
        action.effect_approved = True
        action.save(update_fields=["effect_approved"])
        messages.success(request, _("The effect of %(action)s is approved and counts now.") % {"action": action})
    return redirect("climate:review")


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@coordinator_required
def factor_sets(request):
    default = default_factor_set()
    return render(request, "climate/staff/factor_sets.html", {
        "section": "climate", "default": default, "default_provisional": len(default.provisional()),
        "sets": StoredFactorSet.objects.all(),
    })


@coordinator_required
def factor_set(request, pk=None):
    stored = None if pk is None else get_object_or_404(StoredFactorSet, pk=pk)
    factors = factor_set_for(stored)
    return render(request, "climate/staff/factor_set.html", {
        "section": "climate", "stored": stored, "factors": factors,
        "provisional": len(factors.provisional()),
    })


@coordinator_required
def import_factors(request):
    """Upload a factor file; a background job checks and stores it, and every bad row is listed here."""
    form = FactorSetImportForm(request.POST or None, request.FILES or None)
    job = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        stored = Upload.objects.create(kind="factor_set", filename=upload.name[:255], data=data, size=len(data),
                                       user=request.user)
        job = start_job("climate.import_factor_set", user=request.user, subject=stored, upload_id=stored.pk)
        return redirect(f"{request.path}?upload={stored.pk}")
    upload = None
    if (pk := _int_or_none(request.GET.get("upload"))) is not None:
        upload = Upload.objects.filter(pk=pk, kind="factor_set").first()
        job = Job.objects.filter(subject=f"partners.upload:{pk}", name="climate.import_factor_set").first()
    return render(request, "climate/staff/import_factors.html", {
        "section": "climate", "form": form, "job": job, "errors": upload.findings if upload else ()})


@coordinator_required
def reminders(request):
    year = _int(request.POST.get("year"), None) if request.method == "POST" else None
    instance = ReminderDate.objects.filter(year=year).first() if year else None
    form = ReminderDateForm(request.POST or None, instance=instance,
                            initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Reminders for %(year)s go out from %(date)s.") % {
            "year": saved.year, "date": saved.remind_on})
        return redirect("climate:reminders")
    return render(request, "climate/staff/reminders.html", {
        "section": "climate", "form": form, "dates": ReminderDate.objects.all(),
    })


@coordinator_required
def programme_report(request, fmt):
    year = _int(request.GET.get("year"), timezone.localdate().year - 1)
    if fmt == "pdf":
        body, content_type = reports.programme_pdf(year), "application/pdf"
    else:
        body = reports.programme_xlsx(year)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="klimapartnerskaber-status-{year}.{fmt}"'
    return response
