from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "twinplan.climate"
    label = "climate"
    verbose_name = _("Climate impact")

    def ready(self) -> None:
        from twinplan.climate.services import impact_copy_for_template
        from twinplan.programmes.services import measure_copied

        measure_copied.connect(impact_copy_for_template, dispatch_uid="climate-template")
