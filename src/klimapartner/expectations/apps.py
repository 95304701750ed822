from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpectationsConfig(AppConfig):
    name = "klimapartner.expectations"
    verbose_name = _("Expectations and annual status")
