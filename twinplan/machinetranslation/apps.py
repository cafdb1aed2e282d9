from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class MachineTranslationConfig(AppConfig):
    name = "twinplan.machinetranslation"
    label = "machinetranslation"
    verbose_name = _("Machine translation")

    def ready(self) -> None:
        from twinplan.machinetranslation.checks import check_libretranslate_url

        checks.register(check_libretranslate_url)
