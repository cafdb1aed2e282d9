from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "twinplan.programmes"
    label = "programmes"
    verbose_name = _("Action programmes")

    def ready(self) -> None:
        from twinplan.core.bin import bin_restored
        from twinplan.programmes.services import progress_after_bin_restore

        bin_restored.connect(progress_after_bin_restore, dispatch_uid="programmes-progress")
