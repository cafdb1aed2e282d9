"""Indicators measure a goal or a measure over time: baseline, target, measured values."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    ReviewedModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.programmes.models import Goal, Measure


class IndicatorMeasureType(models.TextChoices):
    """The IATI IndicatorMeasure codelist (1 unit … 5 qualitative)."""

    UNIT = "1", _("unit")
    PERCENTAGE = "2", _("percentage")
    NOMINAL = "3", _("nominal")
    ORDINAL = "4", _("ordinal")
    QUALITATIVE = "5", _("qualitative")


class Indicator(TimeStampedModel, TranslatableModel, VersionedModel, DemoFlagModel):
    """What is measured for a goal or a measure; its baseline and its target each carry the
    year and the source they come from, as every figure does."""

    translatable_fields = ("name", "description")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True,
                            help_text=_("e.g. t CO2e, MWh, people, %"))
    measure_type = models.CharField(
        _("measure type"), max_length=1, choices=IndicatorMeasureType.choices,
        default=IndicatorMeasureType.UNIT,
    )
    ascending = models.BooleanField(_("higher is better"), default=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_source = models.CharField(_("source of the baseline"), max_length=300, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_source = models.CharField(
        _("source of the target"), max_length=300, blank=True,
        help_text=_("Where the target was set, such as a council decision."),
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, measure__isnull=True)
                    | models.Q(goal__isnull=True, measure__isnull=False)
                ),
                name="indicator_of_goal_or_measure",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(baseline_year__isnull=True)
                    | models.Q(target_year__isnull=True)
                    | models.Q(target_year__gte=models.F("baseline_year"))
                ),
                name="indicator_target_not_before_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.goal_id is None) == (self.measure_id is None):
            raise ValidationError(_("An indicator measures either a goal or a measure."))
        errors: dict[str, Any] = {}
        if self.baseline_value is not None:
            if self.baseline_year is None:
                errors["baseline_year"] = _("A baseline needs its year.")
            if not self.baseline_source.strip():
                errors["baseline_source"] = _("A baseline needs its source.")
        if self.target_value is not None:
            if self.target_year is None:
                errors["target_year"] = _("A target needs its year.")
            if not self.target_source.strip():
                errors["target_source"] = _("A target needs its source.")
        if (
            self.baseline_year and self.target_year and self.target_year < self.baseline_year
        ):
            errors["target_year"] = _("The target year lies before the baseline.")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(TimeStampedModel, VersionedModel, ReviewedModel):
    """A measured value of an indicator on a date, with the source it was taken from; a
    contributor's value is public once a coordinator approved it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["indicator", "date", "id"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")

    def __str__(self) -> str:
        from django.utils.formats import date_format
        from django.utils.translation import get_language

        from twinplan.core.formats import format_number

        value = format_number(self.value, get_language() or "en", places=4)
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')}: {value}"
