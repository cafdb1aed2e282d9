"""Issued editions of the partnership's documents: the results report, the action
programme and the funder's report. An edition is frozen once its file exists: content
edited later never changes it; reissuing makes a new edition."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.languages import validate_content_languages
from twinplan.core.models import TimeStampedModel
from twinplan.partnerships.models import Partnership


class DocumentKind(models.TextChoices):
    RESULTS = "results", _("results report")
    PROGRAMME = "programme", _("action programme")
    FUNDER = "funder", _("funder's report")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    HTML = "html", "HTML"


class EditionScope(models.TextChoices):
    PUBLIC = "public", _("public: published content only")
    DRAFT = "draft", _("internal: drafts included")


class EditionState(models.TextChoices):
    QUEUED = "queued", _("waiting for the worker")
    RUNNING = "running", _("being built")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


def edition_path(edition: Edition, filename: str) -> str:
    return f"editions/{edition.partnership.slug}/{filename}"


class Edition(TimeStampedModel):
    """One issued document: which kind, which edition, in which language(s), with the
    exact file. Public editions hold published content only and may be downloaded by
    anyone while their partnership is published; internal ones stay in the workspace."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="editions"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField(_("edition"))
    languages = models.JSONField(_("languages"), validators=[validate_content_languages])
    format = models.CharField(
        _("format"), max_length=4, choices=DocumentFormat.choices, default=DocumentFormat.PDF
    )
    scope = models.CharField(_("scope"), max_length=10, choices=EditionScope.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=EditionState.choices, default=EditionState.QUEUED
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("what went wrong"), blank=True)
    file = models.FileField(_("file"), upload_to=edition_path, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("issued by"),
    )
    issued_on = models.DateField(_("date of issue"))
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("withdrawn by"),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at", "progress_percent"])

    class Meta:
        ordering = ["partnership", "kind", "-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "number"], name="edition_number_once"
            ),
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100), name="edition_progress_percentage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} ({', '.join(self.languages)})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_public(self) -> bool:
        return self.scope == EditionScope.PUBLIC

    @property
    def is_ready(self) -> bool:
        return self.state == EditionState.READY and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.state in (EditionState.QUEUED, EditionState.RUNNING)

    @property
    def filename(self) -> str:
        languages = "-".join(self.languages)
        return f"{self.partnership.slug}-{self.kind}-{self.number}-{languages}.{self.format}"
