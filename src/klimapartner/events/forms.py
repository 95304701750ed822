from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from klimapartner.events.models import (
    MAX_SEATS,
    MAX_TABLES,
    Event,
    EventFormat,
    Feedback,
    ProgrammeItem,
    Registration,
)
from klimapartner.forms import Form, ModelForm, PickerSelectMultiple
from klimapartner.partners.access import public_organisations
from klimapartner.partners.models import FocusArea, Organisation


class DateInput(forms.DateInput):
    """A date picker; it reads and writes ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class EventForm(ModelForm):
    class Meta:
        model = Event
        fields = ["title", "date", "venue", "description", "capacity", "registration_deadline", "format",
                  "minimum_meetings", "invite_all", "invited"]
        widgets = {"date": DateInput, "registration_deadline": DateTimeInput(), "invited": PickerSelectMultiple}
        help_texts = {"invited": _("Only used when not all partners are invited.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration_deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["invited"].queryset = Organisation.objects.order_by("name")
        self.fields["minimum_meetings"].required = False  # empty means no minimum

    def clean_minimum_meetings(self):
        return self.cleaned_data.get("minimum_meetings") or 0

    def clean(self):
        data = super().clean()
        day, deadline = data.get("date"), data.get("registration_deadline")
        if day and deadline and timezone.localtime(deadline).date() > day:
            self.add_error("registration_deadline", ValidationError(
                _("The registration deadline (%(deadline)s) is after the day itself (%(day)s)."),
                params={"deadline": date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
                        "day": date_format(day)}))
        return data


class NewEventForm(EventForm):
    """A new event also gets its programme and tables in one go; both can be changed afterwards."""

    talk_at = forms.TimeField(label=_("Talk starts"), initial=time(13, 0), widget=TimeInput)
    talk_minutes = forms.IntegerField(label=_("Talk length (minutes, 0 for none)"), min_value=0, max_value=480,
                                      initial=30)
    first_round_at = forms.TimeField(label=_("First round starts"), initial=time(13, 40), widget=TimeInput)
    rounds = forms.IntegerField(label=_("Number of matchmaking rounds"), min_value=1, max_value=20, initial=6)
    minutes = forms.IntegerField(label=_("Length of a round (minutes)"), min_value=1, max_value=240, initial=12)
    pause = forms.IntegerField(label=_("Break between rounds (minutes)"), min_value=0, max_value=240, initial=3)
    tables = forms.IntegerField(label=_("Number of tables"), min_value=0, max_value=MAX_TABLES, initial=20,
                                help_text=_("For 1:1 meetings: 0 means as many as needed."))
    min_seats = forms.IntegerField(label=_("Minimum seats per table"), min_value=1, max_value=MAX_SEATS, initial=2)
    max_seats = forms.IntegerField(label=_("Maximum seats per table"), min_value=1, max_value=MAX_SEATS, initial=2)

    def clean(self):
        data = super().clean()
        if data.get("format") == EventFormat.TABLES and not data.get("tables"):
            self.add_error("tables", _("A day with tables needs at least one table."))
        if data.get("min_seats") and data.get("max_seats") and data["min_seats"] > data["max_seats"]:
            self.add_error("max_seats", _("The maximum cannot be below the minimum."))
        if all(data.get(f) is not None for f in ("first_round_at", "rounds", "minutes", "pause")):
            rounds, minutes, pause = data["rounds"], data["minutes"], data["pause"]
            if _minute_of_day(data["first_round_at"]) + rounds * minutes + (rounds - 1) * pause > 24 * 60:
                self.add_error("rounds", _("The rounds would run past midnight; the day's programme must end by then."))
        if data.get("talk_at") is not None and data.get("talk_minutes") is not None:
            if _minute_of_day(data["talk_at"]) + data["talk_minutes"] > 24 * 60:
                self.add_error("talk_minutes", _("The talk would run past midnight."))
        return data


def _minute_of_day(t) -> int:
    return t.hour * 60 + t.minute


class ProgrammeItemForm(ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["kind", "title", "starts", "minutes"]
        widgets = {"starts": TimeInput}

    def clean(self):
        data = super().clean()
        if data.get("starts") is not None and data.get("minutes") is not None:
            if _minute_of_day(data["starts"]) + data["minutes"] > 24 * 60:
                self.add_error("minutes", _("The item would run past midnight."))
        return data


class InviteForm(Form):
    guests = forms.CharField(
        label=_("Guests (email addresses, one a line)"), required=False, widget=forms.Textarea,
        help_text=_("The invited partners' editors and contact persons are always invited."),
    )

    def clean_guests(self):
        emails = [line.strip() for line in self.cleaned_data["guests"].splitlines() if line.strip()]
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(_("%(email)s is not an email address."), params={"email": email}) from None
        return emails


class RegistrationForm(ModelForm):
    """Registration with what the person offers and seeks per theme, their wishes and rounds."""

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "guest_organisation", "guest_org_type", "guest_sector", "role",
                  "dietary", "themes", "must_meet", "rather_not", "rounds", "consent"]
        widgets = {"themes": forms.CheckboxSelectMultiple, "must_meet": PickerSelectMultiple,
                   "rather_not": PickerSelectMultiple}
        help_texts = {
            "organisation": _("Choose your organisation if it is a partner; otherwise fill in the guest organisation."),
            "themes": _("The themes you want to talk about."),
        }

    rounds = forms.TypedMultipleChoiceField(
        label=_("Rounds I can attend"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("I agree that the programme stores these details to plan the day and follow up on it. "
                "I can withdraw my consent at any time on my personal page."),
        error_messages={"required": _("Tick the box to give your consent: without it we cannot register you.")},
    )

    def __init__(self, *args, event, invitation=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if not staff:
            self._limit_to_the_participant(invitation)
        self.areas = list(FocusArea.objects.all())
        self.fields["rounds"].choices = [(n, _("Round %(n)d (%(time)s)") % {"n": n, "time": time_format(item.starts)})
                                         for n, item in enumerate(event.rounds, start=1)]
        if not self.instance.pk or not self.instance.rounds:
            self.initial["rounds"] = [n for n, _x in self.fields["rounds"].choices]
        if staff:
            for field in ("must_meet", "rather_not"):
                self.fields[field].queryset = Organisation.objects.order_by("name")
        self.statement_groups = []
        for area in self.areas:
            offer, need = f"offer_{area.slug}", f"need_{area.slug}"
            self.fields[offer] = forms.CharField(
                label=_("%(theme)s: we offer") % {"theme": area.name}, required=False, max_length=500,
                initial=(self.instance.offers or {}).get(area.slug, ""),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
            )
            self.fields[need] = forms.CharField(
                label=_("%(theme)s: we seek") % {"theme": area.name}, required=False, max_length=500,
                initial=(self.instance.needs or {}).get(area.slug, ""),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-input"}),
            )
            self.statement_groups.append((area, self[offer], self[need]))

    def _limit_to_the_participant(self, invitation):
        """A participant registers themselves, at the address their link was sent to, for the partner they
        were invited from; the partners they may name are the published ones."""
        own = invitation.organisation_id if invitation else self.instance.organisation_id
        self.fields["organisation"].queryset = Organisation.objects.filter(pk=own) if own else Organisation.objects.none()
        if own:
            self.initial.setdefault("organisation", own)
            self.fields["organisation"].disabled = True
            self.fields["organisation"].help_text = _("The partner you were invited from.")
        else:
            del self.fields["organisation"]
        if invitation or self.instance.invitation_id:
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("The address your invitation was sent to.")
            if invitation:
                self.initial["email"] = invitation.email
        for field in ("must_meet", "rather_not"):
            self.fields[field].queryset = public_organisations().order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("guest_organisation") or "").strip():
            self.add_error("guest_organisation", _("Choose a partner or name your organisation."))
        return data

    def save(self, commit=True):
        registration = super().save(commit=False)
        registration.event = self.event
        registration.offers = {a.slug: self.cleaned_data[f"offer_{a.slug}"].strip() for a in self.areas
                               if self.cleaned_data.get(f"offer_{a.slug}", "").strip()}
        registration.needs = {a.slug: self.cleaned_data[f"need_{a.slug}"].strip() for a in self.areas
                              if self.cleaned_data.get(f"need_{a.slug}", "").strip()}
        all_rounds = [n for n, _x in self.fields["rounds"].choices]
        chosen = sorted(self.cleaned_data.get("rounds") or [])
        registration.rounds = [] if chosen == all_rounds else chosen
        if commit:
            registration.save()
            self.save_m2m()
        return registration


class WalkInForm(ModelForm):
    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "guest_organisation", "role"]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("guest_organisation") or "").strip():
            self.add_error("guest_organisation", _("Choose a partner or name your organisation."))
        return data


class ReplanForm(Form):
    held_rounds = forms.IntegerField(label=_("Rounds already held (they stay as they were)"), min_value=0)
    no_shows = forms.ModelMultipleChoiceField(
        label=_("Not here (no-shows)"), queryset=Registration.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_rounds"].max_value = len(event.rounds)
        self.fields["no_shows"].queryset = event.registrations.filter(
            checked_in_at__isnull=True, seats__isnull=False, status="registered"
        ).distinct().order_by("name")

    def clean_held_rounds(self):
        value = self.cleaned_data["held_rounds"]
        if value > self.fields["held_rounds"].max_value:
            raise ValidationError(_("The day has only %(n)d rounds."), params={"n": self.fields["held_rounds"].max_value})
        return value


class FeedbackForm(ModelForm):
    class Meta:
        model = Feedback
        fields = ["useful", "follow_up"]
        widgets = {"useful": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)])}


class _ChangeForm(Form):
    """A manual change to one round of the schedule; the people are the ones the schedule is for."""

    round = forms.TypedChoiceField(label=_("Round"), coerce=int)

    def __init__(self, *args, event, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(n, str(n)) for n in range(1, len(event.rounds) + 1)]
        choices = [(p.pk, f"{p.name} ({p.organisation_name})" if p.organisation_name else p.name) for p in people]
        for name in self.person_fields:
            self.fields[name].choices = [("", "---------"), *choices]


class SwapForm(_ChangeForm):
    person_fields = ("first", "second")
    first = forms.TypedChoiceField(label=_("First person"), coerce=int)
    second = forms.TypedChoiceField(label=_("Second person"), coerce=int)


class MoveForm(_ChangeForm):
    person_fields = ("person",)
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    table = forms.ChoiceField(label=_("To"), required=False)

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [("", _("Sitting out")), *tables]
