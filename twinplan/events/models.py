"""What the partners did together: workshops, delegation trips, public events, conferences,
with what came out of them (outcomes, ideas). Travel legs for the footprint come later."""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    PublishableModel,
    PublishableQuerySet,
    ReviewedModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.municipalities.models import Municipality, coordinates_in_range
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership, Phase
from twinplan.programmes.models import Measure
from twinplan.reference.validators import validate_country_code


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    KICK_OFF = "kick_off", _("kick-off event")
    DELEGATION_TRIP = "delegation_trip", _("delegation trip")
    SECONDMENT = "secondment", _("expert secondment")
    MEETING = "meeting", _("working meeting")
    COUNCIL = "council", _("council session")
    PUBLIC_EVENT = "public_event", _("public event")
    CONFERENCE = "conference", _("conference")
    RESULTS_CONFERENCE = "results_conference", _("results conference")
    AWARD_CEREMONY = "award_ceremony", _("award ceremony")
    OTHER = "other", _("other")


class EventQuerySet(PublishableQuerySet["Event"]):
    def published(self) -> Self:
        return self.filter(is_published=True, partnership__is_published=True)


class Event(
    TimeStampedModel, TranslatableModel, PublishableModel, VersionedModel, DemoFlagModel
):
    translatable_fields = ("title", "description", "participants_text")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("phase"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    sequence = models.PositiveSmallIntegerField(
        _("order"), default=0,
        help_text=_("Orders events whose dates are not known."),
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    host_municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("hosted by"),
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    location_source = models.CharField(_("location: source"), max_length=300, blank=True)
    participant_count = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_text = models.TextField(_("who took part"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="events", verbose_name=_("attending organisations")
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["partnership", "sequence", "start_date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            ),
            *coordinates_in_range("event"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event ends before it starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not self.location_source:
            errors["location_source"] = _("Say where the coordinates come from.")
        if errors:
            raise ValidationError(errors)


class OutcomeKind(models.TextChoices):
    DECISION = "decision", _("decision")
    MINUTES = "minutes", _("minutes")
    RESULT = "result", _("result")


class EventOutcome(TimeStampedModel, TranslatableModel, VersionedModel):
    """A decision, the minutes or a result of an event, linked to the measures it concerns."""

    translatable_fields = ("text",)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    text = models.TextField(_("text"))
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="event_outcomes", verbose_name=_("concerns measures")
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.text[:80]


class IdeaFate(models.TextChoices):
    OPEN = "open", _("open")
    BECAME_MEASURE = "measure", _("became a measure")
    SET_ASIDE = "set_aside", _("set aside")


class Idea(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel, ReviewedModel):
    """An idea collected at an event, and what became of it; a contributor's idea is public
    once a coordinator approved it."""

    translatable_fields = ("title", "description", "fate_reason")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("idea"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    fate = models.CharField(
        _("what became of it"), max_length=20, choices=IdeaFate.choices, default=IdeaFate.OPEN
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas",
        verbose_name=_("measure"),
    )
    fate_reason = models.TextField(_("why"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("proposed by"),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.fate == IdeaFate.BECAME_MEASURE and self.measure_id is None:
            raise ValidationError({"measure": _("Say which measure the idea became.")})
        if self.fate == IdeaFate.SET_ASIDE and not self.fate_reason:
            raise ValidationError({"fate_reason": _("Say why the idea was set aside.")})
        if self.fate != IdeaFate.BECAME_MEASURE and self.measure_id is not None:
            raise ValidationError({"measure": _("Only an idea that became a measure links one.")})
