from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public, read-only pages: they compose the selectors of every domain app."""

    name = "twinplan.public"
    label = "public"
    verbose_name = _("Public pages")

    def ready(self) -> None:
        from twinplan.public.checks import check_map_tiles

        checks.register(check_map_tiles)
