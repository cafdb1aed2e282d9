"""One request to machine-translate one field of one object into one language, and what
became of it, so the translation workspace can show "queued", "done" or "failed: why"."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    # The job found nothing to do when it ran, e.g. a person's current translation is there
    # (it is never overwritten); `message` says why.
    SKIPPED = "skipped", _("skipped")
    FAILED = "failed", _("failed")


class MachineTranslationJob(models.Model):
    # The content object, addressed generically: any core.models.TranslatableModel.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=64)
    source_language = models.CharField(_("from language"), max_length=15)
    target_language = models.CharField(_("into language"), max_length=15)
    replace_outdated = models.BooleanField(
        _("may replace an outdated translation by a person"), default=False
    )

    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    message = models.TextField(
        _("message"), blank=True, help_text=_("Why the job failed or was skipped.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("requested by"),
    )
    task_result_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("machine-translation job")
        verbose_name_plural = _("machine-translation jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="mt_job_object_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.content_type.app_label}.{self.content_type.model} #{self.object_id} "
            f"{self.field} {self.source_language}→{self.target_language}: {self.state}"
        )

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.SKIPPED, JobState.FAILED)
