"""Climate adaptation: each municipality's climate risks, what a measure does against them
and the effects it is expected to have.

- `ClimateRisk`: a hazard a municipality faces, rated on the scales of the Covenant of
  Mayors' risk and vulnerability assessment, with its source and year (the town's own
  data, like its emissions inventory).
- `MeasureAdaptation`: which risks of its own towns a measure addresses and how (one per
  measure).
- `AdaptationEffect`: one expected effect of a measure against one of those risks, as a
  typed figure (people, buildings, hectares, avoided damage in a currency) or a
  qualitative statement, with its source; never a tonnage.

The lists and scales come from `data/scales.json` (`scales.py`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.adaptation.scales import COUNTED_KINDS, EffectKind, choices, label
from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.municipalities.models import Municipality
from twinplan.programmes.models import Measure
from twinplan.reference.validators import validate_currency_code

EARLIEST_YEAR, LATEST_YEAR = 1950, 2100
_year_validators = [MinValueValidator(EARLIEST_YEAR), MaxValueValidator(LATEST_YEAR)]


def _unknown_keys(values: Any, name: str) -> list[str] | None:
    """The values of a list field not in the data file's list `name` (None: not a list)."""
    if not isinstance(values, list):
        return None
    allowed = {key for key, _label in choices(name)}
    return [value for value in values if value not in allowed]


class ClimateRisk(TimeStampedModel, TranslatableModel, DemoFlagModel, VersionedModel):
    """A climate hazard of one municipality and how it is rated."""

    translatable_fields = ("description",)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="climate_risks",
        verbose_name=_("municipality"),
    )
    hazard = models.CharField(_("hazard"), max_length=40, choices=choices("hazards"))
    probability = models.CharField(
        _("current probability"), max_length=20, choices=choices("levels"), default="unknown",
    )
    impact = models.CharField(
        _("current impact"), max_length=20, choices=choices("levels"), default="unknown",
    )
    intensity_change = models.CharField(
        _("expected change in intensity"), max_length=20, choices=choices("changes"),
        default="unknown",
    )
    frequency_change = models.CharField(
        _("expected change in frequency"), max_length=20, choices=choices("changes"),
        default="unknown",
    )
    time_frame = models.CharField(
        _("time frame"), max_length=20, choices=choices("time_frames"), default="current",
        help_text=_("When the change is expected."),
    )
    sectors = models.JSONField(_("sectors affected"), default=list, blank=True)
    vulnerable_groups = models.JSONField(_("vulnerable groups"), default=list, blank=True)
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("What the hazard means in this town, e.g. which districts it reaches."),
    )
    source = models.CharField(
        _("source of the assessment"), max_length=300,
        help_text=_("e.g. the town's risk and vulnerability assessment or a national study."),
    )
    source_year = models.PositiveSmallIntegerField(
        _("year of the assessment"), validators=_year_validators,
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["municipality", "hazard", "id"]
        verbose_name = _("climate risk")
        verbose_name_plural = _("climate risks")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "hazard"],
                                    name="climate_risk_once_per_hazard"),
            models.CheckConstraint(
                condition=models.Q(source_year__gte=EARLIEST_YEAR)
                & models.Q(source_year__lte=LATEST_YEAR),
                name="climate_risk_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_hazard_display()}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for field, name in (("sectors", "sectors"), ("vulnerable_groups", "vulnerable_groups")):
            unknown = _unknown_keys(getattr(self, field), name)
            if unknown is None:
                errors[field] = _("Give a list.")
            elif unknown:
                errors[field] = _("Unknown entry: %(value)s.") % {"value": unknown[0]}
        if errors:
            raise ValidationError(errors)

    @property
    def source_note(self) -> str:
        return f"{self.source} ({self.source_year})"

    @property
    def sector_labels(self) -> list[str]:
        return [label("sectors", key) for key in self.sectors or []]

    @property
    def group_labels(self) -> list[str]:
        return [label("vulnerable_groups", key) for key in self.vulnerable_groups or []]


class MeasureAdaptation(TimeStampedModel, TranslatableModel, DemoFlagModel, VersionedModel):
    """Which climate risks of its own municipalities a measure addresses, and how."""

    translatable_fields = ("description",)

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, related_name="adaptation",
        verbose_name=_("measure"),
    )
    risks = models.ManyToManyField(
        ClimateRisk, related_name="adaptations", verbose_name=_("risks addressed"),
        help_text=_("Risks of the municipalities that lead or implement the measure."),
    )
    approaches = models.JSONField(_("what it does"), default=list, blank=True)
    description = models.TextField(_("how it works"), blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adaptations")

    def __str__(self) -> str:
        return str(_("Adaptation: %(measure)s") % {"measure": self.measure})

    def clean(self) -> None:
        unknown = _unknown_keys(self.approaches, "approaches")
        if unknown is None:
            raise ValidationError({"approaches": _("Give a list.")})
        if unknown:
            raise ValidationError(
                {"approaches": _("Unknown entry: %(value)s.") % {"value": unknown[0]}}
            )

    @property
    def approach_labels(self) -> list[str]:
        return [label("approaches", key) for key in self.approaches or []]


class AdaptationEffect(TimeStampedModel, TranslatableModel, DemoFlagModel, VersionedModel):
    """One expected effect of a measure against one risk it addresses, with its source."""

    translatable_fields = ("statement",)

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="adaptation_effects",
        verbose_name=_("measure"),
    )
    risk = models.ForeignKey(
        ClimateRisk, on_delete=models.CASCADE, related_name="effects",
        verbose_name=_("against the risk"),
    )
    kind = models.CharField(_("kind of effect"), max_length=30,
                            choices=choices("effect_kinds"))
    quantity = models.DecimalField(
        _("figure"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("People, buildings, hectares or the amount of money; empty for a "
                    "statement."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency_code],
        help_text=_("Avoided damage only: ISO 4217 code such as EUR or VND."),
    )
    statement = models.TextField(
        _("statement"), blank=True,
        help_text=_("What the measure achieves in words; required for a qualitative "
                    "statement, a note otherwise."),
    )
    source = models.CharField(_("source"), max_length=300,
                              help_text=_("Where the figure or statement comes from."))
    source_year = models.PositiveSmallIntegerField(_("year"), validators=_year_validators)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "risk", "kind", "id"]
        verbose_name = _("adaptation effect")
        verbose_name_plural = _("adaptation effects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=0),
                name="adaptation_effect_quantity_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(source_year__gte=EARLIEST_YEAR)
                & models.Q(source_year__lte=LATEST_YEAR),
                name="adaptation_effect_year_range",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == EffectKind.STATEMENT:
            return f"{self.get_kind_display()}: {self.statement[:60]}"
        from django.utils.translation import get_language

        from twinplan.core.formats import format_money, format_number

        language = get_language() or "en"
        if self.quantity is not None and self.currency:
            money = format_money(self.quantity, self.currency, language)
            return f"{self.get_kind_display()}: {money}"
        quantity = "" if self.quantity is None else format_number(self.quantity, language)
        return f"{self.get_kind_display()}: {quantity}"

    @property
    def source_note(self) -> str:
        return f"{self.source} ({self.source_year})"

    @property
    def is_counted(self) -> bool:
        return self.kind in COUNTED_KINDS

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind in COUNTED_KINDS and self.quantity is None:
            errors["quantity"] = _("Give the figure for this kind of effect.")
        if self.kind == EffectKind.STATEMENT:
            if self.quantity is not None:
                errors["quantity"] = _("A qualitative statement has no figure; leave it empty.")
            if not (self.statement or "").strip():
                errors["statement"] = _("Write the statement.")
        if self.kind == EffectKind.DAMAGE and not self.currency:
            errors["currency"] = _("Give the currency of the avoided damage.")
        if self.kind != EffectKind.DAMAGE and self.currency:
            errors["currency"] = _("Only avoided damage has a currency; leave it empty.")
        if (
            self.kind in (EffectKind.PEOPLE, EffectKind.BUILDINGS)
            and isinstance(self.quantity, Decimal)  # not a figure: clean_fields said so
            and self.quantity != self.quantity.to_integral_value()
        ):
            errors["quantity"] = _("Count whole people or buildings.")
        if errors:
            raise ValidationError(errors)
