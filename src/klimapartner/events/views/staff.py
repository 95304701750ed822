"""The coordinator's (and facilitator's) pages: events, invitations, scheduling, the day itself, ideas, reports."""

import uuid

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from klimapartner import matching
from klimapartner.events import adjust as adjusting
from klimapartner.events import changes, documents, planning, report
from klimapartner.events.access import get_event_for_staff
from klimapartner.events.jobs import EVENT_JOBS
from klimapartner.events.names import label, person_labels
from klimapartner.jobs.models import Job
from klimapartner.jobs.runner import active_job, job_label, start_job, subject_key
from klimapartner.events.forms import (
    EventForm,
    InviteForm,
    MoveForm,
    NewEventForm,
    ProgrammeItemForm,
    RegistrationForm,
    ReplanForm,
    SwapForm,
    WalkInForm,
)
from klimapartner.events.models import (
    Event,
    EventFormat,
    RegistrationStatus,
)
from klimapartner.accounts.roles import coordinator_required


def _event_page(event):
    return redirect("events:event", pk=event.pk)


def _file(content, content_type, filename, *, inline=False):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


@coordinator_required
def event_list(request):
    events = Event.objects.annotate(
        registered=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
    )
    return render(request, "events/staff/list.html", {"section": "events", "events": events})


@coordinator_required
def new_event(request):
    form = NewEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            event = form.save()
            changes.add_programme(event=event, talk_at=data["talk_at"], talk_minutes=data["talk_minutes"],
                                  first_round_at=data["first_round_at"], rounds=data["rounds"],
                                  minutes=data["minutes"], pause=data["pause"])
            if data["tables"]:
                changes.add_tables(event=event, count=data["tables"], min_seats=data["min_seats"],
                                   max_seats=data["max_seats"])
        messages.success(request, _("The partnership day is created."))
        return _event_page(event)
    return render(request, "events/staff/form.html", {"section": "events", "form": form,
                                                       "title": _("New partnership day")})


@coordinator_required
def edit_event(request, pk):
    event = get_event_for_staff(request, pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The partnership day is saved."))
        return _event_page(event)
    return render(request, "events/staff/form.html", {"section": "events", "form": form, "event": event,
                                                       "title": _("Edit partnership day")})


@coordinator_required
def event(request, pk):
    event = get_event_for_staff(request, pk)
    registrations = event.registrations.all()
    counts = {s: 0 for s in RegistrationStatus.values}
    for status, n in registrations.values_list("status").annotate(n=Count("pk")):
        counts[status] = n
    quality = planning.quality(event=event) if event.scheduled_at else None
    meetings = None
    if quality and request.GET.get("meetings"):
        meetings = schedule_rows(event)
    return render(request, "events/staff/event.html", {
        "section": "events", "event": event, "counts": counts, "quality": quality, "meetings": meetings,
        "programme": event.programme.all(), "tables": event.tables.all(),
        "invitations": event.invitations.count(),
        "checked_in": registrations.filter(checked_in_at__isnull=False).count(),
        "jobs": _event_jobs(request, event), "out_of_date": out_of_date(event), "day": day_state(event),
    })


def _event_jobs(request, event):
    """The event's jobs to show: those under way, and the one the page was sent back with (?job=)."""
    jobs = [job for name in EVENT_JOBS if (job := active_job(name, event))]
    try:
        shown = uuid.UUID(request.GET.get("job", ""))
    except ValueError:
        shown = None
    if shown and not any(job.pk == shown for job in jobs):
        job = Job.objects.filter(pk=shown, subject=subject_key(event)).first()
        if job:
            jobs.append(job)
    return [{"job": job, "label": job_label(job.name)} for job in jobs]


def _started(event, job, anchor="#schedule"):
    """Back to the event's page, which shows the job's progress."""
    return redirect(f"{event_url(event)}?job={job.pk}{anchor}")


def day_state(event, *, today=None):
    """Which of the day's actions make sense today: check-in on the day itself, feedback from the day on."""
    today = today or timezone.localdate()
    return {"today": today, "before": today < event.date, "is_today": today == event.date, "after": today > event.date,
            "days_to_go": (event.date - today).days, "registration_open": event.registration_open}


def out_of_date(event):
    """What the saved schedule no longer matches: people who cancelled but still have meetings to come, and
    registered people who have none (registered after scheduling, or moved up from the waiting list)."""
    if not event.scheduled_at:
        return None
    held = planning.rounds_held(event)
    cancelled = list(event.registrations.filter(status=RegistrationStatus.CANCELLED, seats__meeting__round__gt=held)
                     .distinct().select_related("organisation"))
    unplanned = list(event.registrations.filter(status=RegistrationStatus.REGISTERED, seats__isnull=True,
                                                checked_in_at__isnull=True, walk_in=False)
                     .select_related("organisation"))
    if not cancelled and not unplanned:
        return None
    return {"cancelled": cancelled, "unplanned": unplanned}


def schedule_rows(event):
    """Every meeting with its people and their reasons, for the coordinator."""
    names = planning.table_names(event)
    labels = person_labels(event)
    rows = []
    for meeting in event.meetings.prefetch_related("seats__registration__organisation"):
        seats = list(meeting.seats.all())
        label([s.registration for s in seats], labels)
        rows.append({"meeting": meeting, "table": names.get(meeting.table, meeting.table), "seats": seats})
    return rows


@coordinator_required
def programme(request, pk):
    event = get_event_for_staff(request, pk)
    form = ProgrammeItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.event = event
        item.save()
        messages.success(request, _("The programme item is added."))
        return redirect("events:programme", pk=event.pk)
    return render(request, "events/staff/programme.html", {
        "section": "events", "event": event, "form": form, "programme": event.programme.all(),
    })


@coordinator_required
@require_POST
def delete_item(request, pk, item):
    event = get_event_for_staff(request, pk)
    get_object_or_404(event.programme, pk=item).delete()
    messages.success(request, _("The programme item is deleted."))
    return redirect("events:programme", pk=event.pk)


@coordinator_required
def invite(request, pk):
    event = get_event_for_staff(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guests = form.cleaned_data["guests"]
        recipients = changes.invitation_recipients(event=event, guests=guests)
        if request.POST.get("confirm") and recipients:
            job = start_job("events.invite", user=request.user, subject=event, event_id=event.pk, guests=guests)
            return _started(event, job, "")
        return _confirm(request, event, title=_("Send invitations"), recipients=recipients,
                        lead=_("Each gets an email with a personal link to the registration form."),
                        fields={"guests": request.POST.get("guests", "")}, button=ngettext(
                            "Send %(n)d invitation", "Send %(n)d invitations", len(recipients)) % {
                            "n": len(recipients)},
                        back=reverse("events:invite", args=[event.pk]), warnings=_invite_warnings(event))
    return render(request, "events/staff/invite.html", {
        "section": "events", "event": event, "form": form,
        "organisations": changes.invited_organisations(event).count(),
        "invitations": event.invitations.order_by("email"),
    })


@coordinator_required
def registrations(request, pk):
    event = get_event_for_staff(request, pk)
    rows = event.registrations.select_related("organisation").annotate(meetings=Count("seats"))
    return render(request, "events/staff/registrations.html", {"section": "events", "event": event,
                                                                "registrations": rows})


def _seconds(value, default=3.0, most=120.0) -> float:
    """The time limit a form asked for, within reason; anything else (`abc`, `nan`, -1) is the default."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return default
    return min(seconds, most) if seconds > 0 else default


@coordinator_required
def add_registration(request, pk):
    event = get_event_for_staff(request, pk)
    form = RegistrationForm(request.POST or None, event=event, staff=True)
    if request.method == "POST" and form.is_valid():
        registration = form.save(commit=False)
        changes.register(registration=registration, notify=False)
        form.save_m2m()
        messages.success(request, _("The registration is saved."))
        return redirect("events:registrations", pk=event.pk)
    return render(request, "events/registration_form.html", {"section": "events", "event": event, "form": form,
                                                              "title": _("Add a participant")})


@coordinator_required
@require_POST
def schedule(request, pk):
    event = get_event_for_staff(request, pk)
    seconds = _seconds(request.POST.get("seconds"), most=60.0)
    job = start_job("events.schedule", user=request.user, subject=event, event_id=event.pk, seconds=seconds)
    return _started(event, job)


def event_url(event):
    return reverse("events:event", args=[event.pk])


@coordinator_required
def publish(request, pk):
    """Publishing emails every participant: first the count and what to know, then the job."""
    event = get_event_for_staff(request, pk)
    if not event.scheduled_at:
        messages.error(request, _("Schedule the day before publishing it."))
        return _event_page(event)
    if request.method == "POST" and request.POST.get("confirm"):
        job = start_job("events.publish", user=request.user, subject=event, event_id=event.pk)
        return _started(event, job)
    recipients = [f"{r.name} ({r.organisation_name})" if r.organisation_name else r.name
                  for r in changes.agenda_recipients(event).select_related("organisation")]
    return _confirm(request, event, title=_("Publish the schedule"), recipients=recipients,
                    lead=_("Each participant with a meeting gets their agenda by email, with a link to their page."),
                    button=ngettext("Publish and send %(n)d agenda", "Publish and send %(n)d agendas",
                                    len(recipients)) % {"n": len(recipients)}, warnings=_publish_warnings(event))


def _publish_warnings(event):
    warnings = []
    if event.registration_open:
        warnings.append(_("Registration is still open until %(deadline)s. People who register after you publish get "
                          "no meetings until you schedule the day again and publish once more.") % {
            "deadline": date_format(timezone.localtime(event.registration_deadline), "DATETIME_FORMAT")})
    days = (event.date - timezone.localdate()).days
    if days > 14:
        warnings.append(ngettext("The day is %(n)d day away; plans often change before then.",
                                 "The day is %(n)d days away; plans often change before then.", days) % {"n": days})
    if event.published_at:
        warnings.append(_("The schedule was published %(when)s: everyone gets their agenda again, also those whose "
                          "meetings have not changed.") % {
            "when": date_format(timezone.localtime(event.published_at), "DATETIME_FORMAT")})
    stale = out_of_date(event)
    if stale and stale["cancelled"]:
        warnings.append(ngettext("%(n)d person in the schedule has cancelled; schedule the day again first.",
                                 "%(n)d people in the schedule have cancelled; schedule the day again first.",
                                 len(stale["cancelled"])) % {"n": len(stale["cancelled"])})
    return warnings


def _invite_warnings(event):
    if event.registration_open:
        return []
    return [_("The registration deadline has passed (%(deadline)s): the invited cannot register.") % {
        "deadline": date_format(timezone.localtime(event.registration_deadline), "DATETIME_FORMAT")}]


def _confirm(request, event, *, title, lead, recipients, button, warnings=(), fields=None, back=None):
    """The page before an email to many: how many get it, and anything to know first."""
    return render(request, "events/staff/confirm.html", {
        "section": "events", "event": event, "title": title, "lead": lead, "recipients": recipients,
        "button": button, "warnings": warnings, "fields": fields or {}, "back": back or event_url(event),
    })


@coordinator_required
def checkin(request, pk):
    event = get_event_for_staff(request, pk)
    q = request.GET.get("q", "").strip()
    people = event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("organisation")
    if q:
        people = people.filter(Q(name__icontains=q) | Q(organisation__name__icontains=q)
                               | Q(guest_organisation__icontains=q))
    context = {"section": "events", "event": event, "people": people[:50], "q": q, "day": day_state(event),
               **_checkin_counts(event)}
    if request.headers.get("HX-Request"):
        return render(request, "events/staff/checkin_results.html", context)
    return render(request, "events/staff/checkin.html", context)


@coordinator_required
@require_POST
def check_in(request, pk, registration):
    event = get_event_for_staff(request, pk)
    person = get_object_or_404(event.registrations.select_related("organisation"), pk=registration)
    if not day_state(event)["is_today"]:
        messages.error(request, _("Check-in opens on the day itself, %(date)s.") % {"date": date_format(event.date)})
        return redirect("events:checkin", pk=event.pk)
    if request.POST.get("undo"):
        changes.undo_check_in(registration=person)
    else:
        changes.check_in(registration=person)
    if request.headers.get("HX-Request"):
        # The row, and the count above the list out of band, so the count is right without a reload.
        return render(request, "events/staff/checkin_row.html", {"event": event, "person": person, "oob": True,
                                                                 "day": day_state(event), **_checkin_counts(event)})
    return redirect("events:checkin", pk=event.pk)


def _checkin_counts(event):
    return {"checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
            "registered": event.registrations.filter(status=RegistrationStatus.REGISTERED).count()}


@coordinator_required
def walk_in(request, pk):
    event = get_event_for_staff(request, pk)
    if not day_state(event)["is_today"]:
        messages.error(request, _("Check-in opens on the day itself, %(date)s.") % {"date": date_format(event.date)})
        return redirect("events:checkin", pk=event.pk)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration = form.save(commit=False)
        registration.event = event
        changes.walk_in(registration=registration)
        messages.success(request, _("%(name)s is registered and checked in.") % {"name": registration.name})
        return redirect("events:checkin", pk=event.pk)
    return render(request, "events/staff/form.html", {"section": "events", "event": event, "form": form,
                                                       "title": _("Walk-in")})


def _late_arrivals(event, held):
    """Checked-in people who came after the start of a round after `held`: they join from the next round."""
    rounds = event.rounds
    late = {}
    for person in event.registrations.filter(checked_in_at__isnull=False, seats__isnull=False).distinct():
        first = next((n for n, item in enumerate(rounds, start=1) if item.start >= person.checked_in_at),
                     len(rounds) + 1)
        if first > held + 1:
            late[person] = first
    return late


@coordinator_required
def replan(request, pk):
    event = get_event_for_staff(request, pk)
    if not event.published_at:
        messages.error(request, _("Only a published schedule can be re-planned."))
        return _event_page(event)
    held = planning.rounds_held(event)
    initial = {"held_rounds": held}
    form = ReplanForm(request.POST or None, event=event, initial=initial)
    if request.method == "GET":
        form.initial["no_shows"] = list(form.fields["no_shows"].queryset.values_list("pk", flat=True))
    result = changed = None
    if request.method == "POST" and form.is_valid():
        held = form.cleaned_data["held_rounds"]
        no_shows = list(form.cleaned_data["no_shows"])
        late = _late_arrivals(event, held)
        if request.POST.get("apply"):
            job = start_job("events.replan", user=request.user, subject=event, event_id=event.pk, held_rounds=held,
                            no_shows=[r.pk for r in no_shows], late={str(r.pk): n for r, n in late.items()})
            return _started(event, job)
        try:
            result = planning.replan_event(event=event, held_rounds=held, no_shows=no_shows, late_arrivals=late)
        except matching.Infeasible as error:
            for reason in planning.describe_all(error.findings, event=event):
                messages.error(request, reason)
        else:
            changed = _describe_changes(event, result, no_shows)
    return render(request, "events/staff/replan.html", {
        "section": "events", "event": event, "form": form, "result": result, "changed": changed,
    })


def _describe_changes(event, result, no_shows):
    names = planning.table_names(event)
    people = {r.pk: r for r in label(list(event.registrations.all()), person_labels(event))}

    def rows(meetings):
        return [{"round": m.round, "table": names.get(m.table, m.table),
                 "people": [people[planning.registration_pk(p)] for p in m.participants]}
                for m in sorted(meetings, key=lambda m: (m.round, m.table))]

    return {"removed": rows(result.removed), "added": rows(result.added), "kept": result.kept,
            "notified": sorted((people[pk] for pk in changes.changed_people(result, no_shows=no_shows)
                                if people[pk].status == RegistrationStatus.REGISTERED), key=lambda r: r.name)}


def _table_choices(event):
    """Where a person can be moved: the event's tables, or in 1:1 mode without named tables every table in use and one more."""
    names = planning.table_names(event)
    if event.format == EventFormat.TABLES or event.tables.exists():
        return list(names.items())
    used = {int(t) for t in event.meetings.values_list("table", flat=True) if t.isdigit()}
    return [(str(n), _("Table %(name)s") % {"name": n}) for n in range(1, max(used, default=0) + 2)]


def _change_from(kind, data):
    if kind == "swap":
        return adjusting.Swap(first=f"r{data['first']}", second=f"r{data['second']}", round=data["round"])
    return adjusting.Move(participant=f"r{data['person']}", round=data["round"], table=data["table"] or None)


def _effect_rows(event, effect):
    """The effect's cancelled and new meetings with people and reasons, for the template."""
    names = planning.table_names(event)
    people = {r.pk: r for r in event.registrations.select_related("organisation")}
    english = (translation.get_language() or "da").startswith("en")

    def rows(meetings):
        out = []
        for m in sorted(meetings, key=lambda m: (m.round, len(m.table), m.table)):
            seats = []
            for pid in m.participants:
                reason = m.reason_for(pid)
                seats.append({"registration": people[planning.registration_pk(pid)],
                              "reason": (reason.en if english else reason.da) if reason else ""})
            out.append({"round": m.round, "table": names.get(m.table, m.table), "score": m.score, "seats": seats})
        return out

    return {"removed": rows(effect.removed), "added": rows(effect.added)}


def _round_rows(event, round_):
    """The meetings of one round, and who sits it out."""
    names = planning.table_names(event)
    labels = person_labels(event)
    meetings = [{"meeting": m, "table": names.get(m.table, m.table), "seats": list(m.seats.all()),
                 "pinned": all(s.pinned for s in m.seats.all())}
                for m in event.meetings.filter(round=round_).prefetch_related("seats__registration__organisation")]
    for row in meetings:
        label([s.registration for s in row["seats"]], labels)
    meetings.sort(key=lambda row: (len(row["meeting"].table), row["meeting"].table))
    seated = {s.registration_id for row in meetings for s in row["seats"]}
    out = label([r for r in event.registrations.filter(status=RegistrationStatus.REGISTERED, no_show=False)
                 .select_related("organisation") if r.pk not in seated], labels)
    return meetings, out


@coordinator_required
def adjust(request, pk):
    event = get_event_for_staff(request, pk)
    if not event.scheduled_at:
        messages.error(request, _("Schedule the day before changing it by hand."))
        return _event_page(event)
    people = sorted(planning.scheduled_registrations(event).exclude(status=RegistrationStatus.CANCELLED),
                    key=lambda r: (r.name, r.pk))
    kind = request.POST.get("kind") if request.method == "POST" else None
    data = request.POST if kind else None
    forms = {
        "swap": SwapForm(data if kind == "swap" else None, event=event, people=people, prefix="swap"),
        "move": MoveForm(data if kind == "move" else None, event=event, people=people, prefix="move",
                         tables=_table_choices(event)),
    }
    form = forms.get(kind)
    effect = change = None
    if form is not None and form.is_valid():
        change = _change_from(kind, form.cleaned_data)
        if request.POST.get("apply"):
            try:
                _effect, sent = changes.apply_change(event=event, change=change)
            except changes.Refused as refused:
                for reason in refused.reasons:
                    messages.error(request, reason)
            else:
                messages.success(request, _("The change is saved.") + (" " + ngettext(
                    "%(n)d person is notified.", "%(n)d people are notified.", sent) % {"n": sent}
                    if event.published_at else ""))
            return redirect(f"{reverse('events:adjust', args=[event.pk])}?round={change.round}#round")
        effect = planning.preview_change(event=event, change=change)
    rounds = range(1, len(event.rounds) + 1)
    try:
        round_ = int(request.GET.get("round") or (change.round if change else 1))
    except ValueError:
        round_ = 1
    round_ = min(max(round_, 1), max(len(rounds), 1))
    meetings, sitting_out = _round_rows(event, round_)
    context = {
        "section": "events", "event": event, "swap_form": forms["swap"], "move_form": forms["move"],
        "kind": kind, "form": form, "effect": effect, "rows": _effect_rows(event, effect) if effect else None,
        "rounds": rounds, "round": round_, "meetings": meetings, "sitting_out": sitting_out,
        "held": planning.rounds_held(event), "pairs": event.format == EventFormat.PAIRS,
    }
    if request.headers.get("HX-Request") and form is not None:
        return render(request, "events/staff/adjust_effect.html", context)
    return render(request, "events/staff/adjust.html", context)


@coordinator_required
@require_POST
def pin(request, pk, meeting):
    event = get_event_for_staff(request, pk)
    row = get_object_or_404(event.meetings, pk=meeting)
    person = None
    if request.POST.get("registration"):
        person = get_object_or_404(event.registrations, pk=request.POST["registration"])
    changes.pin(meeting=row, registration=person, pinned=request.POST.get("pinned") == "1")
    return redirect(f"{reverse('events:adjust', args=[event.pk])}?round={row.round}#round")


@coordinator_required
def projector(request, pk):
    event = get_event_for_staff(request, pk)
    return render(request, "events/staff/projector.html", {"event": event, **_projector_context(event)})


@coordinator_required
def projector_rounds(request, pk):
    event = get_event_for_staff(request, pk)
    return render(request, "events/staff/projector_rounds.html", {"event": event, **_projector_context(event)})


def _projector_context(event):
    by_round = {}
    for row in schedule_rows(event):
        by_round.setdefault(row["meeting"].round, []).append(row)
    items = []
    round_number = 0
    for item in event.programme.all():
        if item.kind == "round":
            round_number += 1
        title = _("Round %(n)d") % {"n": round_number} if item.kind == "round" else str(item)
        items.append({"title": title, "round": round_number if item.kind == "round" else None,
                      "start": item.start.isoformat(), "end": item.end.isoformat(),
                      "when": date_format(timezone.localtime(item.start), "DATETIME_FORMAT")})
    rounds = [{"number": n, "tables": sorted(by_round.get(n, []), key=lambda r: (len(r["table"]), r["table"]))}
              for n in range(1, round_number + 1)]
    return {"items_json": items, "rounds": rounds, "scheduled": bool(by_round)}


@coordinator_required
def table_cards(request, pk):
    event = get_event_for_staff(request, pk)
    return _file(documents.table_cards_pdf(event=event), "application/pdf", f"bordkort-{event.pk}.pdf")


@coordinator_required
def overview(request, pk):
    event = get_event_for_staff(request, pk)
    return _file(documents.overview_pdf(event=event), "application/pdf", f"oversigt-{event.pk}.pdf")


@coordinator_required
def request_feedback(request, pk):
    """"Thank you for coming" goes out from the day itself, and only to those who came."""
    event = get_event_for_staff(request, pk)
    if not event.published_at or day_state(event)["before"]:
        messages.error(request, _("Feedback can be asked for from the day itself, %(date)s, once the schedule is "
                                  "published.") % {"date": date_format(event.date)})
        return _event_page(event)
    if request.method == "POST" and request.POST.get("confirm"):
        job = start_job("events.feedback", user=request.user, subject=event, event_id=event.pk)
        return _started(event, job, "")
    recipients = [r.name for r in changes.feedback_recipients(event)]
    return _confirm(request, event, title=_("Ask for feedback"), recipients=recipients,
                    lead=_("Everyone who came and had meetings is thanked for coming and asked how useful each meeting "
                           "was."), button=ngettext("Send %(n)d request", "Send %(n)d requests", len(recipients)) % {
                        "n": len(recipients)})


@coordinator_required
def event_report(request, pk):
    event = get_event_for_staff(request, pk)
    return render(request, "events/staff/report.html", {
        "section": "events", "event": event, "report": report.event_report(event=event),
        "ideas": event.ideas.prefetch_related("partners"),
    })


@coordinator_required
def report_csv(request, pk):
    event = get_event_for_staff(request, pk)
    return _file(report.report_csv(event=event), "text/csv; charset=utf-8", f"partnerskabsdag-{event.pk}.csv")


@coordinator_required
def report_xlsx(request, pk):
    event = get_event_for_staff(request, pk)
    return _file(report.report_xlsx(event=event),
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"partnerskabsdag-{event.pk}.xlsx")
