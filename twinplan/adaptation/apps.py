from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdaptationConfig(AppConfig):
    name = "twinplan.adaptation"
    label = "adaptation"
    verbose_name = _("Climate adaptation")

    def ready(self) -> None:
        from twinplan.adaptation.services import (
            adaptation_copy_for_edition,
            risks_keep_their_towns,
        )
        from twinplan.programmes.services import edition_started, measure_towns_changing

        measure_towns_changing.connect(risks_keep_their_towns, dispatch_uid="adaptation-towns")
        edition_started.connect(adaptation_copy_for_edition, dispatch_uid="adaptation-edition")
