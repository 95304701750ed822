from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "klimapartner.climate"
    verbose_name = _("CO2 accounts")
