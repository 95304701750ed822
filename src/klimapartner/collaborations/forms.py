from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from klimapartner.accounts.roles import edited_organisation_ids, is_coordinator
from klimapartner.collaborations.models import (
    COLLABORATION_ANSWERS,
    IDEA_ANSWERS,
    Collaboration,
    CollaborationKind,
    FollowUpAnswer,
    Idea,
    IdeaSource,
    IdeaStatus,
)
from klimapartner.activities.models import Activity, ActivityKind
from klimapartner.events.models import Event
from klimapartner.forms import Form, ModelForm, PickerSelectMultiple
from klimapartner.partners.access import public_organisations
from klimapartner.partners.models import FocusArea, Organisation
from klimapartner.tours.models import Tour


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def partner_choices(user):
    """Partners a person may name: published ones and their own; the coordinator every partner.
    An unpublished partner's name never reaches anyone else's form."""
    if user is not None and is_coordinator(user):
        return Organisation.objects.all()
    own = edited_organisation_ids(user) if user is not None else set()
    return (public_organisations() | Organisation.objects.filter(pk__in=own)).distinct()


def _with_date(obj) -> str:
    return f"{obj.title} ({date_format(obj.date)})"


class ParticipantIdeaForm(ModelForm):
    """An idea a participant registers on their personal page of a partnership day."""

    class Meta:
        model = Idea
        fields = ["title", "description", "partners", "focus_areas"]
        widgets = {"partners": PickerSelectMultiple, "focus_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partner_choices(None)
        self.fields["focus_areas"].queryset = FocusArea.objects.all()


class IdeaForm(ModelForm):
    """An idea as a partner editor or the coordinator keeps it; the coordinator also says where it came from."""

    status = forms.ChoiceField(label=_("Status"), choices=IdeaStatus.choices)
    note = forms.CharField(label=_("What happened? (added to the log)"), required=False, widget=forms.Textarea)

    class Meta:
        model = Idea
        fields = ["title", "description", "partners", "focus_areas", "owner", "owner_email",
                  "owner_organisation", "source", "event", "activity", "tour"]
        widgets = {"partners": PickerSelectMultiple, "focus_areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        choices = partner_choices(user)
        self.fields["partners"].queryset = choices
        self.fields["focus_areas"].queryset = FocusArea.objects.all()
        self.fields["event"].queryset = Event.objects.order_by("-date")
        self.fields["activity"].queryset = Activity.objects.exclude(kind=ActivityKind.PARTNERSHIP_DAY).order_by("-date")
        self.fields["activity"].help_text = _("Where an idea from an activity was born (not a partnership day).")
        self.fields["tour"].queryset = Tour.objects.order_by("-date")
        for name in ("event", "activity", "tour"):  # the same title may come back every year
            self.fields[name].label_from_instance = _with_date
        if is_coordinator(user):
            self.fields["owner_organisation"].queryset = choices
        else:
            own = Organisation.objects.filter(pk__in=edited_organisation_ids(user))
            self.fields["owner_organisation"].queryset = own
            self.fields["owner_organisation"].required = True
            for name in ("source", "event", "activity", "tour"):
                del self.fields[name]
        if self.instance.pk:
            self.fields["status"].initial = self.instance.status
        else:
            del self.fields["status"]
            del self.fields["note"]

    BORN_AT = (("event", IdeaSource.PARTNERSHIP_DAY), ("activity", IdeaSource.ACTIVITY), ("tour", IdeaSource.TOUR))

    @classmethod
    def born_at_initial(cls, query) -> dict:
        """?activity=12 or ?tour=3 (or ?event=…): the source and the place filled in."""
        for name, source in cls.BORN_AT:
            if str(query.get(name, "")).isdigit():
                return {name: int(query[name]), "source": source}
        return {}

    def clean(self):
        data = super().clean()
        if "source" not in self.fields:
            return data
        given = [(name, source) for name, source in self.BORN_AT if data.get(name)]
        if len(given) > 1:
            self.add_error(given[1][0], _("An idea is born at one partnership day, activity or tour; choose one of them."))
        elif given and data.get("source") != given[0][1]:
            name, source = given[0]
            self.add_error("source", _("You chose a %(where)s: choose “%(source)s” here.") % {
                "where": self.fields[name].label.lower(), "source": source.label})
        return data

    def clean_partners(self):
        partners = self.cleaned_data["partners"]
        if is_coordinator(self.user) or not self.instance.pk:
            return partners
        # An editor may not take their own organisation out of an idea: it would vanish from their list.
        own = edited_organisation_ids(self.user)
        owner = self.cleaned_data.get("owner_organisation") or self.instance.owner_organisation
        if not ({p.pk for p in partners} | ({owner.pk} if owner else set())) & own:
            raise ValidationError(_("Keep your own organisation among the partners involved."))
        return partners


class CollaborationForm(ModelForm):
    class Meta:
        model = Collaboration
        fields = ["title", "description", "kind", "partners", "focus_areas", "started_on", "ended_on",
                  "expected_effect", "events"]
        localized_fields = ["expected_effect"]  # "1,5" in Danish
        widgets = {
            "partners": PickerSelectMultiple,
            "focus_areas": forms.CheckboxSelectMultiple,
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "events": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["partners"].queryset = partner_choices(user)
        self.fields["focus_areas"].queryset = FocusArea.objects.all()
        self.fields["events"].queryset = Event.objects.order_by("-date")
        self.fields["events"].required = False
        self.fields["kind"].choices = CollaborationKind.choices
        self.fields["expected_effect"].help_text = _("Leave empty if the collaboration has no measurable CO2 effect.")

    def clean(self):
        data = super().clean()
        partners = data.get("partners")
        if partners is not None:
            needed = 1 if data.get("kind") in (CollaborationKind.CITIZENS, CollaborationKind.MUNICIPALITY) else 2
            if len(partners) < needed:
                self.add_error("partners", _("A collaboration needs at least two partners (one, if it is with "
                                             "citizens or the municipality)."))
            elif not is_coordinator(self.user) and not {p.pk for p in partners} & edited_organisation_ids(self.user):
                self.add_error("partners", _("Your own organisation must be one of the partners."))
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The collaboration cannot end before it starts."))
        return data


class StatusFilter(Form):
    hide_optional = True
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *IdeaStatus.choices])
    source = forms.ChoiceField(label=_("Where the idea came from"), required=False,
                               choices=[("", _("All")), *IdeaSource.choices])


class AnswerForm(Form):
    answer = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect)
    text = forms.CharField(label=_("Anything to add? (optional)"), required=False, widget=forms.Textarea,
                           max_length=2000)

    def __init__(self, *args, for_collaboration: bool, **kwargs):
        super().__init__(*args, **kwargs)
        answers = COLLABORATION_ANSWERS if for_collaboration else IDEA_ANSWERS
        self.fields["answer"].choices = [(a.value, a.label) for a in answers]


ANSWER_LABELS = dict(FollowUpAnswer.choices)
