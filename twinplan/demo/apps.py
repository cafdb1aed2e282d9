from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data built by code from the two seed documents (never a fixture dump)."""

    name = "twinplan.demo"
    label = "demo"
    verbose_name = _("Demo data")
