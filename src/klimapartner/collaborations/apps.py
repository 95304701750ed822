from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "klimapartner.collaborations"
    verbose_name = _("Ideas and collaborations")
