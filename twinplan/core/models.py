"""Abstract bases every domain model builds on, and the one concrete model every app
shares: the bin of deleted objects (`BinEntry`, see core.bin)."""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.languages import validate_content_language


class WebAddressField(models.URLField):
    """A URL whose form field reads an address typed without a scheme as https (Django 6's
    default, and what people mean)."""

    def formfield(  # type: ignore[override]
        self, **kwargs: Any
    ) -> Any:
        kwargs.setdefault("assume_scheme", "https")
        return super().formfield(**kwargs)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class TranslatableModel(models.Model):
    """Text fields listed in `translatable_fields` hold the original, written in
    `original_language`; `translations` holds the other languages (see core.translation)."""

    translatable_fields: ClassVar[tuple[str, ...]] = ()

    original_language = models.CharField(
        _("original language"),
        max_length=15,
        default=settings.LANGUAGE_CODE,
        validators=[validate_content_language],
        help_text=_("The language the text was written in; other languages are translations."),
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True


class DemoFlagModel(models.Model):
    """Marks content the demo data made up, as opposed to facts taken from a source."""

    is_demo_content = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Invented or paraphrased for the demonstration; not stated by a source."),
    )

    class Meta:
        abstract = True


_M = TypeVar("_M", bound=models.Model)


class PublishableQuerySet(models.QuerySet[_M]):
    def published(self) -> Self:
        return self.filter(is_published=True)


class PublishableModel(models.Model):
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """`version` grows by one with every saved edit, so an editor who started from an older
    version can be told that somebody else changed the object meanwhile."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class ReviewState(models.TextChoices):
    """Where a contributor's report stands: coordinators' own entries are approved at once;
    a contributor's waits for a coordinator when the partnership reviews contributions."""

    APPROVED = "approved", _("approved")
    PENDING = "pending", _("waiting for review")
    DECLINED = "declined", _("declined")


class ReviewedModel(models.Model):
    """A report that counts and is public only once approved (see the review services of
    the owning app, e.g. `programmes.services.progress_entry_review`)."""

    review_state = models.CharField(
        _("review"), max_length=10, choices=ReviewState.choices, default=ReviewState.APPROVED,
        db_index=True,
    )
    review_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.review_state == ReviewState.APPROVED


class BinEntry(models.Model):
    """A deleted object with everything its deletion took along, kept so that it can be
    restored for `core.bin.KEPT_DAYS` days. `scope` is the object it belongs to (the
    partnership), named by content type and key so that core depends on no app."""

    scope_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    scope_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("kind"), max_length=50)
    label = models.CharField(_("what"), max_length=300)
    object_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    # The serialised rows, parents first, and the links the deletion set to NULL.
    rows = models.JSONField(default=list)
    unlinked = models.JSONField(default=list)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted on"), auto_now_add=True)
    restored_at = models.DateTimeField(_("restored on"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("restored by"),
    )

    class Meta:
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["scope_type", "scope_id", "deleted_at"])]
        verbose_name = _("deleted item")
        verbose_name_plural = _("deleted items")

    def __str__(self) -> str:
        return self.label

    @property
    def kind_label(self) -> str:
        """The deleted object's kind in the reader's language ("Maßnahme"), else the
        stored model label."""
        model = self.object_type.model_class()
        return str(model._meta.verbose_name) if model is not None else self.kind


class TextDirection(models.TextChoices):
    LTR = "ltr", _("left to right")
    RTL = "rtl", _("right to left")


class ContentLanguage(TimeStampedModel):
    """A language content can be written and translated in, beyond the interface languages
    (which are built in: settings.CONTENT_LANGUAGES). Added by a network admin in the
    workspace and usable at once; read through twinplan.core.languages, never directly."""

    code = models.CharField(
        _("language code"), max_length=15, unique=True,
        help_text=_("A language Babel knows, lower case, e.g. es, fr, ar, uk, sr-latn."),
    )
    name = models.CharField(
        _("name in the language itself"), max_length=100,
        help_text=_("As its speakers write it, e.g. Español, Français, العربية."),
    )
    script = models.CharField(
        _("script (ISO 15924)"), max_length=4,
        help_text=_("Four letters, e.g. Latn, Cyrl, Arab."),
    )
    direction = models.CharField(
        _("writing direction"), max_length=3, choices=TextDirection.choices,
        default=TextDirection.LTR,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("added by"),
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["code"]
        verbose_name = _("content language")
        verbose_name_plural = _("content languages")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
