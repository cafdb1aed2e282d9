from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "twinplan.media"
    label = "media"
    verbose_name = _("Photos and documents")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from twinplan.core.models import BinEntry
        from twinplan.media.services import media_files_after_purge

        post_delete.connect(media_files_after_purge, sender=BinEntry,
                            dispatch_uid="media-files-after-purge")
