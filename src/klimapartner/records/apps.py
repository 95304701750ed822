from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "klimapartner.records"
    verbose_name = _("Records: backups and personal data")
