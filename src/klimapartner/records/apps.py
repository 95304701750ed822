from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "klimapartner.records"
    verbose_name = _("Records: backups, personal data and the audit log")

    def ready(self):
        from django.db.models.signals import pre_delete

        from klimapartner.records import audit

        audit.connect()
        pre_delete.connect(_forget_partner, sender="partners.Organisation", dispatch_uid="records-forget-partner")


def _forget_partner(sender, instance, **kwargs):
    from klimapartner.records.privacy import forget_partner

    forget_partner(instance)
