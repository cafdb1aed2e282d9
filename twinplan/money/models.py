"""Money: what a measure is given and what the money totals are converted with.

- `Resource`: money, staff days or in-kind support for a measure, planned or spent.
- `CurrencyRate`: a dated exchange rate, with its source.

The conversions and totals themselves live in the pure package `twinplan.impact`
(`impact.money`); `selectors.money_report` feeds them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import DemoFlagModel, TimeStampedModel, TranslatableModel
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.programmes.models import Measure
from twinplan.reference.validators import validate_currency_code


class ResourceKind(models.TextChoices):
    MONEY = "money", _("money")
    STAFF_DAYS = "staff_days", _("staff days")
    IN_KIND = "in_kind", _("in kind")


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("own budget")
    FUNDING_PROGRAMME = "funding_programme", _("funding programme")
    AWARD = "award", _("award money")
    THIRD_PARTY = "third_party", _("third parties")


class ResourceState(models.TextChoices):
    PLANNED = "planned", _("planned")
    SPENT = "spent", _("spent")


class Resource(TimeStampedModel, TranslatableModel):
    """Money, staff days or in-kind support for a measure, planned or spent (a resource
    line). `Measure.resources` lists them."""

    translatable_fields = ("description",)

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency_code],
        help_text=_("ISO 4217 code; for money only."),
    )
    state = models.CharField(_("planned or spent"), max_length=10, choices=ResourceState.choices)
    source_of_funds = models.CharField(
        _("source of funds"), max_length=20, choices=FundingSource.choices
    )
    provided_by = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provided by partner"),
    )
    provided_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provided by organisation"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        unit = self.currency if self.kind == ResourceKind.MONEY else self.get_kind_display()
        return f"{self.amount} {unit}"

    def clean(self) -> None:
        if self.kind == ResourceKind.MONEY and not self.currency:
            raise ValidationError({"currency": _("Money needs its currency.")})
        if self.kind != ResourceKind.MONEY and self.currency:
            raise ValidationError({"currency": _("Only money has a currency.")})


class CurrencyRate(TimeStampedModel, DemoFlagModel):
    """1 `base` = `rate` `quote` on `date`, from `source`."""

    date = models.DateField(_("date"))
    base = models.CharField(_("base currency"), max_length=3,
                            validators=[validate_currency_code])
    quote = models.CharField(_("quote currency"), max_length=3,
                             validators=[validate_currency_code])
    rate = models.DecimalField(_("rate"), max_digits=22, decimal_places=10,
                               validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        ordering = ["-date", "base", "quote"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["date", "base", "quote"], name="rate_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date}: 1 {self.base} = {self.rate.normalize():f} {self.quote}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.base and self.base == self.quote:
            errors["quote"] = _("The quote currency must differ from the base currency.")
        if self.rate is not None and self.rate <= 0:
            errors["rate"] = _("The rate must be greater than zero.")
        if errors:
            raise ValidationError(errors)
