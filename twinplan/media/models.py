"""Photos and documents of a partnership: pictures of its events and measures, its cover
picture, and the signed document of an agreement or council resolution.

The file itself is never stored as uploaded: `media.processing` decodes it, turns a
photo upright, drops its EXIF and location data and re-encodes it, with renditions for
pages and print. Files are read only through `media.views.media_file`, which checks that
the object they belong to is published or that the reader may see its drafts; the names
in storage carry a random key, and nothing serves the storage directly.
"""

from __future__ import annotations

from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.events.models import Event
from twinplan.partnerships.models import Agreement, Partnership
from twinplan.programmes.models import Measure


class MediaKind(models.TextChoices):
    IMAGE = "image", _("picture")
    DOCUMENT = "document", _("document (PDF)")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    PERMISSION = "permission", _("all rights reserved, used with permission")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class People(models.TextChoices):
    NONE = "none", _("no identifiable people")
    CONSENTED = "consented", _("identifiable people, who agreed to be shown")


class MediaQuerySet(models.QuerySet["MediaItem"]):
    def published(self) -> Self:
        """Items whose partnership is published and, when they belong to an event or a
        measure, that event or measure too (a measure with its programme)."""
        return self.filter(
            Q(event__isnull=True) | Q(event__is_published=True),
            Q(measure__isnull=True)
            | Q(measure__is_published=True, measure__programme__is_published=True),
            partnership__is_published=True,
        )


class MediaItem(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    translatable_fields = ("caption", "alt_text")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="media_items"
    )
    # What the item belongs to: one of these, or none for the partnership itself.
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="media_items",
        verbose_name=_("event"),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="media_items",
        verbose_name=_("measure"),
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="media_items",
        verbose_name=_("agreement"),
    )
    is_cover = models.BooleanField(
        _("cover picture of the partnership"), default=False,
        help_text=_("Shown at the top of the partnership's page."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MediaKind.choices, editable=False)
    # Random, in the file's address and its name in storage: not guessable.
    key = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(max_length=200, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    size_bytes = models.PositiveIntegerField(default=0, editable=False)
    # {"480": "media/<key>/w480.webp", …}: the widths made for pages.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("text alternative"), max_length=300, blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Required for "
                    "pictures."),
    )
    credit = models.CharField(
        _("credit"), max_length=200, blank=True,
        help_text=_("Who took the picture or made the document, e.g. “Foto: Frank Fendler”."),
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    people = models.CharField(
        _("people in the picture"), max_length=10, choices=People.choices, blank=True,
        help_text=_("Upload pictures of identifiable people only when they agreed."),
    )
    sequence = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MediaQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["partnership", "sequence", "id"]
        verbose_name = _("photo or document")
        verbose_name_plural = _("photos and documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=True, measure__isnull=True)
                | Q(event__isnull=True, agreement__isnull=True)
                | Q(measure__isnull=True, agreement__isnull=True),
                name="media_belongs_to_one_object",
            ),
        ]

    def __str__(self) -> str:
        return self.caption[:80] or self.alt_text[:80] or str(_("photo or document"))

    @property
    def is_image(self) -> bool:
        return self.kind == MediaKind.IMAGE

    @property
    def attached_to(self) -> Partnership | Event | Measure | Agreement:
        return self.event or self.measure or self.agreement or self.partnership

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")  # type: ignore[call-overload]

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == MediaKind.IMAGE:
            if not self.alt_text.strip():
                errors["alt_text"] = _("Describe what the picture shows (text alternative).")
            if not self.people:
                errors["people"] = _("Say whether identifiable people are in the picture.")
            if not self.credit.strip():
                errors["credit"] = _("Say who took the picture.")
        elif self.kind == MediaKind.DOCUMENT and self.is_cover:
            errors["is_cover"] = _("Only a picture can be the cover picture.")
        if self.is_cover and (self.event_id or self.measure_id or self.agreement_id):
            errors["is_cover"] = _("Only a picture of the partnership itself can be its "
                                   "cover picture.")
        if self.kind == MediaKind.IMAGE and self.agreement_id:
            errors["agreement"] = _("An agreement takes its document as a PDF.")
        parents = [p for p in (self.event, self.measure, self.agreement) if p is not None]
        if len(parents) > 1:
            errors["event"] = _("A photo or document belongs to one object only.")
        for parent in parents:
            partnership_id = (
                parent.programme.partnership_id if isinstance(parent, Measure)
                else parent.partnership_id
            )
            if partnership_id != self.partnership_id:
                errors["partnership"] = _("“%(object)s” belongs to another partnership.") % {
                    "object": parent
                }
        if errors:
            raise ValidationError(errors)
