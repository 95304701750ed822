from django import forms
from django.utils.translation import gettext_lazy as _

from klimapartner.forms import Form


class PersonForm(Form):
    email = forms.EmailField(label=_("The person's email address"), max_length=254)


class EraseForm(PersonForm):
    confirm = forms.BooleanField(label=_("Yes, forget this person. It cannot be undone."))
