"""The coordinator's CO2 pages: the programme's totals and path, missing accounts, factor sets, reminders."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from klimapartner.accounting.factors import default_factor_set
from klimapartner.climate import reports
from klimapartner.climate.accounts import factor_set_for, import_factor_set
from klimapartner.climate.forms import FactorSetImportForm, ReminderDateForm
from klimapartner.climate.models import ReminderDate, StoredFactorSet
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
    year = _int(request.GET.get("year"), timezone.localdate().year - 1)
    return render(request, "climate/staff/missing.html", {
        "section": "climate", "year": year, "rows": missing_accounts(year),
        "reminder": ReminderDate.objects.filter(year=year).first(),
    })


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
    form = FactorSetImportForm(request.POST or None, request.FILES or None)
    errors = ()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored, errors = import_factor_set(upload.read(), upload.name, user=request.user)
        if stored is not None:
            messages.success(request, _("The factor set %(name)s is imported: %(count)s factors, %(provisional)s "
                                        "provisional.") % {"name": stored, "count": stored.factor_count,
                                                           "provisional": stored.provisional_count})
            return redirect("climate:factor_set", pk=stored.pk)
    return render(request, "climate/staff/import_factors.html", {"section": "climate", "form": form, "errors": errors})


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
