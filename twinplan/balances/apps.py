from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BalancesConfig(AppConfig):
    name = "twinplan.balances"
    label = "balances"
    verbose_name = _("Impact and money")
