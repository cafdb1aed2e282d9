"""Indicators measure a goal or a measure over time: baseline, target, measured values."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinplan.core.models import DemoFlagModel, TimeStampedModel, TranslatableModel
from twinplan.programmes.models import Goal, Measure


class IndicatorMeasureType(models.TextChoices):
    """The IATI IndicatorMeasure codelist (1 unit … 5 qualitative)."""

    UNIT = "1", _("unit")
    PERCENTAGE = "2", _("percentage")
    NOMINAL = "3", _("nominal")
    ORDINAL = "4", _("ordinal")
    QUALITATIVE = "5", _("qualitative")


class Indicator(TimeStampedModel, TranslatableModel, DemoFlagModel):
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
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

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
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.goal_id is None) == (self.measure_id is None):
            raise ValidationError(_("An indicator measures either a goal or a measure."))
        if self.baseline_value is not None and self.baseline_year is None:
            raise ValidationError({"baseline_year": _("A baseline needs its year.")})
        if (
            self.baseline_year and self.target_year and self.target_year < self.baseline_year
        ):
            raise ValidationError({"target_year": _("The target year lies before the baseline.")})


class IndicatorValue(TimeStampedModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["indicator", "date", "id"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")

    def __str__(self) -> str:
        return f"{self.date}: {self.value}"
