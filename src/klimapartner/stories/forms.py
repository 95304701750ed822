from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.collaborations.models import Collaboration
from klimapartner.forms import Form, ModelForm
from klimapartner.partners.models import Action
from klimapartner.stories.models import Story


class StoryForm(ModelForm):
    class Meta:
        model = Story
        fields = ["title", "lead", "body", "image", "image_alt", "image_credit", "focus_areas", "actions",
                  "collaborations"]
        widgets = {"focus_areas": forms.CheckboxSelectMultiple, "actions": forms.CheckboxSelectMultiple,
                   "collaborations": forms.CheckboxSelectMultiple, "lead": forms.Textarea(attrs={"rows": 3, "class": "form-input wide"}),
                   "body": forms.Textarea(attrs={"rows": 14, "class": "form-input wide"})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the partner's own actions and collaborations can be linked.
        self.fields["actions"].queryset = Action.objects.filter(agreement__organisation=organisation)
        self.fields["collaborations"].queryset = Collaboration.objects.filter(partners=organisation)
        self.fields["collaborations"].label_from_instance = lambda c: c.title


class ReviewForm(Form):
    comment = forms.CharField(label=_("Comment to the author"), required=False, widget=forms.Textarea,
                              help_text=_("Needed when you ask for changes: say what should change."))
