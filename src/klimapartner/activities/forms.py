from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.activities.models import Activity, ActivityKind, SignUp
from klimapartner.forms import Form, ModelForm
from klimapartner.partners.access import signup_organisations
from klimapartner.partners.models import FocusArea, Organisation


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


COMMON = ["title", "kind", "date", "starts", "ends", "venue", "town", "description", "focus_areas", "is_public",
          "capacity", "registration_deadline", "signup_open"]
WIDGETS = {"date": DateInput, "starts": TimeInput, "ends": TimeInput, "registration_deadline": DateTimeInput(),
           "focus_areas": forms.CheckboxSelectMultiple}


class ActivityForm(ModelForm):
    """The coordinator's form: any kind but a partnership day (those have their own pages), any organiser."""

    class Meta:
        model = Activity
        fields = COMMON + ["latitude", "longitude", "organiser", "status", "participants"]
        widgets = WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in ActivityKind.choices if c[0] != ActivityKind.PARTNERSHIP_DAY]
        self.fields["registration_deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["organiser"].queryset = Organisation.objects.order_by("name")


class PartnerActivityForm(ModelForm):
    """A partner announces an activity it holds, or reports one it has held, for the coordinator's approval."""

    class Meta:
        model = Activity
        fields = COMMON + ["participants", "photo", "photo_alt"]
        widgets = WIDGETS
        help_texts = {"participants": _("Fill in after the activity: how many took part.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in ActivityKind.choices if c[0] != ActivityKind.PARTNERSHIP_DAY]
        self.fields["kind"].initial = ActivityKind.CITIZEN
        self.fields["registration_deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["focus_areas"].queryset = FocusArea.objects.all()


class SignUpForm(ModelForm):
    """Sign up for an activity: a citizen for a public one, someone from a partner for any."""

    class Meta:
        model = SignUp
        fields = ["name", "email", "organisation"]

    consent = forms.BooleanField(
        label=_("I agree that the programme stores my name and email address to handle my sign-up. "
                "I can cancel at any time through the link in the email."),
    )

    def __init__(self, *args, activity, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["email"].required = True
        self.fields["organisation"].queryset = signup_organisations(user, activity).order_by("name")
        if activity.is_public:
            self.fields["organisation"].help_text = _("If you come from one of the partners.")
        else:
            self.fields["organisation"].required = True
            self.fields["organisation"].help_text = _("This activity is for the programme's partners.")


class WalkInForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("Email"), required=False)
    organisation = forms.ModelChoiceField(label=_("Partner"), queryset=Organisation.objects.order_by("name"),
                                          required=False)


class ReviewForm(Form):
    comment = forms.CharField(label=_("Comment to the partner"), required=False, widget=forms.Textarea,
                              help_text=_("Needed when you do not approve: say what is missing."))
