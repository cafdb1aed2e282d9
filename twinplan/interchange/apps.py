from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "twinplan.interchange"
    label = "interchange"
    verbose_name = _("Data exchange")
