from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.expectations.models import AgreementExpectations, ProgrammeExpectations
from klimapartner.forms import Form, ModelForm
from klimapartner.partners.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"


class ProgrammeExpectationsForm(ModelForm):
    class Meta:
        model = ProgrammeExpectations
        fields = ["activities", "citizen_activities", "stories", "account_due"]
        widgets = {"account_due": DateInput}


class AgreementExpectationsForm(ModelForm):
    class Meta:
        model = AgreementExpectations
        fields = ["activities", "citizen_activities", "stories"]
        help_texts = {f: _("Empty: the programme's expectation for the year.") for f in fields}


class ReminderForm(Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14, "class": "form-input wide"}),
        help_text=_("{partner}, {year}, {link} (the partner's page), {activities} (the calendar) and {municipality} "
                    "are filled in for each partner."))

    def __init__(self, *args, passive, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = passive
