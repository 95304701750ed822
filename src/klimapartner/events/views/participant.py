"""A participant's pages, reached through their personal link: registration, agenda, feedback, ideas."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from klimapartner.accounts import throttle
from klimapartner.collaborations.changes import register_idea_from_registration
from klimapartner.collaborations.forms import ParticipantIdeaForm
from klimapartner.events import changes, documents, planning
from klimapartner.events.access import (
    get_invitation_by_token,
    get_registration_by_token,
    registrations_for_user,
)
from klimapartner.events.forms import FeedbackForm, RegistrationForm
from klimapartner.events.models import Feedback, ItemKind, Meeting, Registration, RegistrationStatus
from klimapartner.forms import Form
from klimapartner.partners.access import public_version


def _personal(registration):
    return redirect("events:personal", token=registration.token)


def register(request, token):
    """The registration form behind an invitation's personal link. The link registers one person: once it
    has, it leads to that person's page."""
    invitation = get_invitation_by_token(token)
    if registration := Registration.objects.filter(invitation=invitation).first():
        return _already_registered(request, registration)
    event = invitation.event
    if not event.registration_open:
        return render(request, "events/closed.html", {"event": event}, status=410)
    form = RegistrationForm(request.POST or None, event=event, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        registration = form.save(commit=False)
        registration.language = get_language() or "da"
        saved = changes.register(registration=registration, invitation=invitation)
        if saved.pk != registration.pk:  # a parallel request with the same link was first
            return _already_registered(request, saved)
        form.save_m2m()
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(request, _("The day is full: you are on the waiting list."))
        else:
            messages.success(request, _("You are registered. We have emailed you the link to this page."))
        return _personal(registration)
    return render(request, "events/registration_form.html", {"event": event, "form": form,
                                                              "title": _("Register for %(event)s") % {"event": event}})


def _already_registered(request, registration):
    messages.info(request, _("This invitation has been used to register. To register a colleague, use "
                             "“Register a colleague” on this page."))
    return _personal(registration)


def personal(request, token):
    registration = get_registration_by_token(token)
    event = registration.event
    agenda = planning.agenda(registration=registration) if event.published_at else []
    feedback = {f.meeting_id: f for f in registration.feedback.all()}
    now = timezone.now()
    programme = list(event.programme.all())
    rounds = [item for item in programme if item.kind == ItemKind.ROUND]
    feedback_open = False
    for row in agenda:
        row["feedback"] = feedback.get(row["meeting"].pk)
        row["meeting"].event = event
        took_place = changes.meeting_took_place(row["meeting"], now=now, rounds=rounds)
        feedback_open |= took_place
        row["form"] = FeedbackForm(instance=row["feedback"], prefix=f"m{row['meeting'].pk}") if took_place else None
    return render(request, "events/personal.html", {
        "registration": registration, "event": event, "agenda": agenda, "feedback_open": feedback_open,
        # Built only when its cached rendering has expired: its list of partners costs a query and a loop.
        "programme": programme, "idea_form": SimpleLazyObject(lambda: ParticipantIdeaForm(prefix="idea")),
        "ideas": registration.ideas.all(), "partners_version": public_version(),
    })


def edit_registration(request, token):
    registration = get_registration_by_token(token)
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED:
        raise Http404
    if not event.registration_open:
        messages.error(request, _("The registration deadline has passed; ask the coordinator for changes."))
        return _personal(registration)
    form = RegistrationForm(request.POST or None, instance=registration, event=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your registration is saved."))
        return _personal(registration)
    return render(request, "events/registration_form.html", {"event": event, "form": form,
                                                              "registration": registration,
                                                              "title": _("Your registration")})


def cancel(request, token):
    """Cancelling is asked once more: the person's meetings are given to others, and the place may go to the
    waiting list."""
    registration = get_registration_by_token(token)
    if registration.status == RegistrationStatus.CANCELLED:
        return _personal(registration)
    if request.method == "POST":
        changes.cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        return _personal(registration)
    return render(request, "events/cancel.html", {"registration": registration, "event": registration.event,
                                                  "meetings": registration.seats.count()})


@require_POST
def withdraw(request, token):
    registration = get_registration_by_token(token)
    changes.withdraw_consent(registration=registration)
    messages.success(request, _("Your consent is withdrawn: your registration is cancelled and what you told us "
                                "about your offers, needs and wishes is deleted."))
    return _personal(registration)


def agenda_pdf(request, token):
    registration = get_registration_by_token(token)
    if not registration.event.published_at:
        raise Http404
    response = HttpResponse(documents.agenda_pdf(registration=registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{registration.event_id}.pdf"'
    return response


def agenda_ics(request, token):
    registration = get_registration_by_token(token)
    if not registration.event.published_at:
        raise Http404
    response = HttpResponse(documents.agenda_ics(registration=registration), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{registration.event_id}.ics"'
    return response


@require_POST
def feedback(request, token, meeting):
    registration = get_registration_by_token(token)
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=meeting, seats__registration=registration)
    existing = Feedback.objects.filter(meeting=meeting, registration=registration).first()
    form = FeedbackForm(request.POST, instance=existing, prefix=f"m{meeting.pk}")
    if not changes.meeting_took_place(meeting):
        messages.error(request, _("You can give feedback on a meeting once it has taken place."))
    elif form.is_valid():
        changes.save_feedback(registration=registration, meeting=meeting, useful=form.cleaned_data["useful"],
                              follow_up=form.cleaned_data["follow_up"])
        messages.success(request, _("Thank you for your feedback."))
    else:
        messages.error(request, _("Choose how useful the meeting was, from 1 to 5."))
    return redirect(f"{_personal(registration).url}#meeting-{meeting.pk}")


@require_POST
def new_idea(request, token):
    registration = get_registration_by_token(token)
    form = ParticipantIdeaForm(request.POST, prefix="idea")
    if form.is_valid():
        register_idea_from_registration(registration=registration, **form.cleaned_data)
        messages.success(request, _("Thank you: the idea is registered, and the coordinator will follow it up."))
    else:
        messages.error(request, _("An idea needs a title."))
    return redirect(f"{_personal(registration).url}#ideas")


class ColleagueForm(Form):
    email = forms.EmailField(label=gettext_lazy("Your colleague's email"))


def colleague(request, token):
    """Register a colleague: an explicit choice, and the colleague confirms their own address."""
    registration = get_registration_by_token(token)
    if registration.status == RegistrationStatus.CANCELLED or not registration.event.registration_open:
        raise Http404
    form = ColleagueForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        if throttle.is_throttled("colleague-registration", registration.token) or throttle.is_throttled(
                "colleague-address", address):
            form.add_error(None, _("You have invited many colleagues today. Ask the coordinator to invite more."))
            status = 429
        else:
            throttle.record("colleague-registration", registration.token)
            throttle.record("colleague-address", address)
            changes.invite_colleague(registration=registration, email=form.cleaned_data["email"])
            messages.success(request, _("We have emailed %(email)s a personal link to register.") % form.cleaned_data)
            return _personal(registration)
    return render(request, "events/colleague.html", {"registration": registration, "event": registration.event,
                                                      "form": form}, status=status)


@login_required
def mine(request):
    """The signed-in person's own registrations, with links to their personal pages."""
    return render(request, "events/mine.html", {"registrations": registrations_for_user(request.user)})
