"""The coordinator's tour pages: tours, planning a route, publishing, a host cancelling."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimapartner.accounts.roles import coordinator_required
from klimapartner.activities.models import SignUpStatus
from klimapartner.jobs.runner import start_job
from klimapartner.tours import documents, planning, publishing
from klimapartner.tours.adapt import break_id, stop_id, time_of
from klimapartner.tours.forms import BreakFormSet, PlanForm, TourForm
from klimapartner.tours.jobs import host_slots
from klimapartner.tours.models import Site, Tour, TourBreak
from klimapartner.tours.present import group_tables, map_data, timetable_rows
from klimapartner.tours.words import describe


@coordinator_required
def tour_list(request):
    return render(request, "tours/staff/list.html", {
        "section": "tours", "tours": Tour.objects.prefetch_related("stops"),
        "sites": Site.objects.select_related("organisation").filter(is_active=True),
    })


@coordinator_required
def tour_form(request, pk=None):
    tour = get_object_or_404(Tour, pk=pk) if pk else None
    form = TourForm(request.POST or None, instance=tour)
    if request.method == "POST" and form.is_valid():
        tour = form.save()
        if "groups" in form.changed_data and tour.group_plan:
            tour.group_plan = None
            tour.save(update_fields=["group_plan"])
        publishing.sync_if_published(tour)
        messages.success(request, _("The tour is saved."))
        if pk is not None and "groups" in form.changed_data and _groups_to_plan(tour):
            return redirect("jobs:progress", _start_group_planning(request, tour).pk)
        return redirect("tours:plan" if pk is None else "tours:tour", pk=tour.pk)
    return render(request, "tours/staff/tour_form.html", {
        "section": "tours", "form": form, "tour": tour, "title": _("New tour") if pk is None else _("Edit tour")})


def _groups_to_plan(tour) -> bool:
    return tour.groups > 1 and not tour.group_plan and planning.saved_route(tour) is not None


def _start_group_planning(request, tour):
    return start_job("tours.plan_groups", user=request.user, subject=f"tour-{tour.pk}-groups", tour_id=tour.pk)


def _with_slots(tour) -> list:
    """The tour's stops, each with its host's slots (one per group)."""
    stops = list(tour.stops.select_related("site__organisation"))
    for stop in stops:
        stop.slots = host_slots(tour, stop)
    return stops


@coordinator_required
def tour_page(request, pk):
    tour = get_object_or_404(Tour.objects.select_related("activity"), pk=pk)
    route = planning.saved_route(tour)
    draft = planning.saved_draft(tour)
    signups = tour.activity.signups.values_list("status", flat=True) if tour.activity_id else []
    return render(request, "tours/staff/tour.html", {
        "groups": group_tables(tour, draft),
        "taken": sum(s == SignUpStatus.REGISTERED for s in signups), "waiting": sum(s == SignUpStatus.WAITING for s in signups),
        "section": "tours", "tour": tour, "route": route, "rows": timetable_rows(draft, route) if route else [],
        "map": map_data(draft, route) if route else None, "stops": _with_slots(tour),
    })


def _draft_from(request, tour, form, breaks):
    visits = [(site, site.visit_minutes) for site in form.cleaned_data["sites"]]
    pauses = [TourBreak(tour=tour, name=f.cleaned_data["name"], minutes=f.cleaned_data["minutes"],
                        earliest=f.cleaned_data["earliest"], latest=f.cleaned_data["latest"], site=f.cleaned_data["site"])
              for f in breaks.forms if f.is_valid() and f.cleaned_data.get("name")]
    return planning.Draft(tour, visits, pauses)


def _moved(order: list[str], move: str) -> list[str]:
    """`move` is "up:<id>" or "down:<id>": that item one place earlier or later."""
    direction, _sep, item = move.partition(":")
    if item not in order:
        return order
    i = order.index(item)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order


@coordinator_required
def plan_page(request, pk):
    """Pick sites and breaks, plan or arrange the order by hand, see the rules it breaks, save."""
    tour = get_object_or_404(Tour, pk=pk)
    saved = planning.saved_draft(tour)
    route, result, problems, order = None, None, [], []
    if request.method == "POST":
        form = PlanForm(request.POST, tour=tour)
        breaks = BreakFormSet(request.POST, prefix="breaks")
        action = "move" if "move" in request.POST else request.POST.get("action", "plan")
        if form.is_valid() and breaks.is_valid():
            draft = _draft_from(request, tour, form, breaks)
            if action == "suggest":
                chosen = {s.pk for s, _ in draft.visits}
                candidates = [s for s in form.fields["sites"].queryset if s.pk not in chosen]
                added = planning.suggest_sites(draft, candidates)
                data = request.POST.copy()
                data.setlist("sites", [str(s.pk) for s, _ in draft.visits] + [str(s.pk) for s in added])
                data["order"] = ""
                form = PlanForm(data, tour=tour)
                form.is_valid()
                draft = _draft_from(request, tour, form, breaks)
                messages.info(request, _("The planner suggests %(count)d more sites.") % {"count": len(added)})
                action = "plan"
            valid_ids = [stop_id(s) for s, _ in draft.visits] + [break_id(i) for i in range(len(draft.breaks))]
            order = [x for x in form.cleaned_data["order"].split(",") if x in valid_ids]
            if action in ("move", "check", "save") and sorted(order) == sorted(valid_ids) and order:
                if action == "move":
                    order = _moved(order, request.POST.get("move", ""))
                route = planning.check_draft(draft, order)
                problems = [describe(p) for p in route.problems]
            elif draft.visits:
                result = planning.plan_draft(draft)
                route = result.route
                problems = [describe(p) for p in result.problems]
            if action == "save" and route is not None and route.ok:
                best = result or planning.plan_draft(draft)
                value = route.back if tour.objective == "return" else route.driving
                planning.save_route(draft, route, optimal=best.optimal and best.value == value)
                messages.success(request, _("The plan is saved."))
                if _groups_to_plan(tour):
                    return redirect("jobs:progress", _start_group_planning(request, tour).pk)
                return redirect("tours:tour", pk=tour.pk)
            if action == "save":
                problems.insert(0, _("Only a route that keeps every rule can be saved."))
            if route is not None:
                order = list(route.order)
    else:
        draft = saved
        form = PlanForm(tour=tour, initial={"sites": [s for s, _ in saved.visits]})
        breaks = BreakFormSet(prefix="breaks", initial=[
            {"name": b.name, "minutes": b.minutes, "earliest": b.earliest, "latest": b.latest, "site": b.site}
            for b in saved.breaks])
        route = planning.saved_route(tour)
        order = list(route.order) if route else []
    if route is not None:
        data = form.data.copy() if form.is_bound else None
        if data is not None:
            data["order"] = ",".join(order)
            form = PlanForm(data, tour=tour)
            form.is_valid()
        else:
            form.initial["order"] = ",".join(order)
    return render(request, "tours/staff/plan.html", {
        "section": "tours", "tour": tour, "form": form, "breaks": breaks, "route": route, "result": result,
        "problems": problems, "rows": timetable_rows(draft, route) if route else [],
        "back": time_of(route.back) if route else None,
        "map": map_data(draft, route) if route else None,
    })


@coordinator_required
@require_POST
def publish(request, pk):
    tour = get_object_or_404(Tour, pk=pk)
    if planning.saved_route(tour) is None:
        messages.error(request, _("Plan and save the route before publishing the tour."))
        return redirect("tours:tour", pk=tour.pk)
    if tour.groups > 1 and not tour.group_plan:
        messages.error(request, _("Plan the groups before publishing the tour."))
        return redirect("tours:tour", pk=tour.pk)
    publishing.publish(tour=tour)
    job = start_job("tours.notify_hosts", user=request.user, subject=f"tour-{tour.pk}-hosts", tour_id=tour.pk)
    messages.success(request, _("The tour is published: people can sign up on its activity page, and the hosts are "
                                "being told their slots."))
    return redirect("jobs:progress", job.pk)


@coordinator_required
@require_POST
def cancel_stop(request, pk, stop_pk):
    """A host cannot receive the tour after all: re-plan the rest with the fewest changes and tell who moved."""
    tour = get_object_or_404(Tour, pk=pk)
    stop = get_object_or_404(tour.stops.select_related("site"), pk=stop_pk)
    result = planning.cancel_stop(tour, stop)
    if result.route is None:
        messages.error(request, _("Without %(site)s no route fits the day; nothing was changed.") % {"site": stop.site.name})
        return redirect("tours:tour", pk=tour.pk)
    messages.success(request, _("%(site)s is off the tour. %(count)d other hosts get a new time.") % {
        "site": stop.site.name, "count": len(result.changed)})
    if _groups_to_plan(tour):  # the groups again round the sites left; the job tells the hosts
        return redirect("jobs:progress", _start_group_planning(request, tour).pk)
    if tour.is_published and result.changed:
        start_job("tours.notify_hosts", user=request.user, subject=f"tour-{tour.pk}-hosts", tour_id=tour.pk)
    return redirect("tours:tour", pk=tour.pk)


@coordinator_required
@require_POST
def plan_groups(request, pk):
    tour = get_object_or_404(Tour, pk=pk)
    if not _groups_to_plan(tour):
        return redirect("tours:tour", pk=tour.pk)
    return redirect("jobs:progress", _start_group_planning(request, tour).pk)


def _download(content: bytes, content_type: str, filename: str):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@coordinator_required
def itinerary_pdf(request, pk):
    tour = get_object_or_404(Tour, pk=pk, planned_back__isnull=False)
    return _download(documents.itinerary_pdf(tour), "application/pdf", f"rundtur-{tour.pk}.pdf")


@coordinator_required
def itinerary_ics(request, pk):
    tour = get_object_or_404(Tour, pk=pk, planned_back__isnull=False)
    return _download(documents.itinerary_ics(tour), "text/calendar; charset=utf-8", f"rundtur-{tour.pk}.ics")
