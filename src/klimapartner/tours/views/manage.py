"""A partner's own sites, kept by its editors (or the coordinator)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.partners.access import get_organisation_for_edit
from klimapartner.tours.access import get_site_for_edit
from klimapartner.tours.forms import SiteForm
from klimapartner.tours.models import Site


@login_required
def sites(request, slug):
    organisation = get_organisation_for_edit(request, slug)
    return render(request, "tours/manage/sites.html", {
        "section": "work", "organisation": organisation,
        "sites": organisation.sites.prefetch_related("focus_areas"),
    })


@login_required
def site(request, slug, pk=None):
    if pk is None:
        organisation = get_organisation_for_edit(request, slug)
        instance = Site(organisation=organisation, address=organisation.address, town=organisation.town,
                        latitude=organisation.latitude, longitude=organisation.longitude)
    else:
        organisation, instance = get_site_for_edit(request, slug, pk)
    form = SiteForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The site is saved."))
        return redirect("tours:sites", slug=organisation.slug)
    return render(request, "tours/manage/site_form.html", {
        "section": "work", "organisation": organisation, "form": form, "object": instance if pk else None,
        "title": _("New site") if pk is None else _("Edit site"),
    })


@login_required
@require_POST
def delete_site(request, slug, pk):
    organisation, instance = get_site_for_edit(request, slug, pk)
    if instance.tour_stops.filter(tour__date__gte=timezone.localdate()).exists():
        messages.error(request, _("The site is on a tour that has not been yet; the coordinator can take it off."))
        return redirect("tours:site", slug=organisation.slug, pk=instance.pk)
    instance.delete()
    messages.success(request, _("The site is deleted."))
    return redirect("tours:sites", slug=organisation.slug)
