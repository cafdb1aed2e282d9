from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoneyConfig(AppConfig):
    name = "twinplan.money"
    label = "money"
    verbose_name = _("Money")

    def ready(self) -> None:
        from twinplan.money.services import resources_copy_for_edition
        from twinplan.programmes.services import edition_started

        edition_started.connect(resources_copy_for_edition, dispatch_uid="money-edition")
