"""An upload of a measure plan on its way through preview and import. The file is kept in
the row until the import is done, so the task worker can read it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinplan.core.models import TimeStampedModel
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import ActionProgramme


class ImportState(models.TextChoices):
    CHECKING = "checking", _("being checked")
    CHECKED = "checked", _("checked, waiting for confirmation")
    REFUSED = "refused", _("refused")
    IMPORTING = "importing", _("being imported")
    DONE = "done", _("imported")


class SheetImport(TimeStampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(ActionProgramme, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("programme edition"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False)
    state = models.CharField(_("state"), max_length=20, choices=ImportState.choices,
                             default=ImportState.CHECKING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # The import's report (importer.ImportReport.as_json) or the reason the file was refused.
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent_done(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def running(self) -> bool:
        return self.state in (ImportState.CHECKING, ImportState.IMPORTING)
