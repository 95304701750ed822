"""The coordinator's pages: the register, new partners, agreements, invitations, import and export."""

from smtplib import SMTPException

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import coordinator_required
from klimapartner.partners import transfer
from klimapartner.partners.access import get_organisation_for_staff
from klimapartner.partners.changes import invite_editor, renewal_initial
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import start_job
from klimapartner.partners.forms import FocusAreaForm, ImportForm, InviteForm, OrganisationForm
from klimapartner.partners.models import Agreement, AgreementStatus, FocusArea, Membership, Organisation, Upload
from klimapartner.partners.views.manage import agreement_form_page


@coordinator_required
def dashboard(request):
    q = request.GET.get("q", "").strip()
    organisations = Organisation.objects.annotate(
        active_agreements=Count("agreements", filter=Q(agreements__status=AgreementStatus.ACTIVE)),
        editors=Count("memberships", distinct=True),
    ).order_by("name")
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(cvr__startswith=q) | Q(town__icontains=q))
    return render(request, "partners/staff/dashboard.html", {
        "section": "work", "organisations": organisations, "q": q,
        "total": Organisation.objects.count(),
    })


@coordinator_required
def new_organisation(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("%(name)s is registered. Next: record the agreement.") % {"name": organisation.name})
        return redirect("manage:organisation", slug=organisation.slug)
    return render(request, "partners/manage/form.html", {
        "section": "work", "form": form, "title": _("Register a partner"), "multipart": True,
    })


@coordinator_required
def new_agreement(request, slug):
    """Record a new agreement, or renew one (?renews=<id>), carrying over what continues."""
    organisation = get_organisation_for_staff(request, slug)
    renews = None
    initial = {"status": AgreementStatus.DRAFT, "starts_on": timezone.localdate()}
    if request.GET.get("renews", "").isdigit():
        renews = get_object_or_404(Agreement, pk=request.GET["renews"], organisation=organisation)
        initial = renewal_initial(renews)
    return agreement_form_page(request, organisation, Agreement(organisation=organisation), initial=initial, renews=renews)


@coordinator_required
def editors(request, slug):
    organisation = get_organisation_for_staff(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _membership, created = invite_editor(
                organisation, email=form.cleaned_data["email"], name=form.cleaned_data["name"], language=get_language()
            )
        except (SMTPException, OSError) as error:
            form.add_error(None, _("The invitation could not be sent, and nothing was saved: %(error)s") % {"error": error})
        else:
            messages.success(request, _("An invitation with a sign-in link was sent to %(email)s.") % form.cleaned_data)
            return redirect("staff:editors", slug=organisation.slug)
    return render(request, "partners/staff/editors.html", {
        "section": "work", "organisation": organisation, "form": form,
        "memberships": organisation.memberships.select_related("user"),
    })


@coordinator_required
@require_POST
def remove_editor(request, slug, pk):
    organisation = get_organisation_for_staff(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    membership.delete()
    messages.success(request, _("%(email)s can no longer edit %(name)s.") % {"email": membership.user.email, "name": organisation.name})
    return redirect("staff:editors", slug=organisation.slug)


@coordinator_required
def focus_areas(request):
    form = FocusAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The focus area is added."))
        return redirect("staff:focus_areas")
    return render(request, "partners/staff/focus_areas.html", {
        "section": "work", "form": form, "focus_areas": FocusArea.objects.annotate(n=Count("agreements")),
    })


@coordinator_required
def import_partners(request):
    """Upload a file; a background job imports it (all or nothing) and this page lists every bad row."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        stored = Upload.objects.create(kind="partners", filename=upload.name[:255], data=data, size=len(data),
                                       user=request.user)
        start_job("partners.import", user=request.user, subject=stored, upload_id=stored.pk)
        return redirect(f"{request.path}?upload={stored.pk}")
    upload = job = None
    if (pk := request.GET.get("upload", "")).isdigit():
        upload = Upload.objects.filter(pk=int(pk), kind="partners").first()
        job = Job.objects.filter(subject=f"partners.upload:{pk}", name="partners.import").first()
    return render(request, "partners/staff/import.html", {
        "section": "work", "form": form, "job": job, "errors": upload.findings if upload else ()})


@coordinator_required
def export_partners(request, fmt):
    organisations = Organisation.objects.all()
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            transfer.export_xlsx(organisations),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(transfer.export_csv(organisations), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klimapartnere-{stamp}.{fmt}"'
    return response
