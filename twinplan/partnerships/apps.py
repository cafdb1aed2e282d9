from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "twinplan.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from twinplan.core.guards import write_guard_register
        from twinplan.partnerships.services import archived_write_guard

        write_guard_register(archived_write_guard)
