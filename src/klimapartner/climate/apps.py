from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "klimapartner.climate"
    verbose_name = _("CO2 accounts")

    def ready(self):
        from klimapartner.climate.effects import check_effect, check_targets_together
        from klimapartner.partners.forms import EFFECT_CHECKS, TARGET_CHECKS

        if check_effect not in EFFECT_CHECKS:
            EFFECT_CHECKS.append(check_effect)
        if check_targets_together not in TARGET_CHECKS:
            TARGET_CHECKS.append(check_targets_together)
