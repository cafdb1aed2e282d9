from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "twinplan.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from twinplan.indicators.services import indicators_copy_for_edition
        from twinplan.programmes.services import edition_started

        edition_started.connect(indicators_copy_for_edition, dispatch_uid="indicators-edition")
