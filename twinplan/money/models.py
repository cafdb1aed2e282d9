"""Money: what a measure is given and what the money totals are converted with.

- `Resource`: money, staff days or in-kind support for a measure, planned and spent.
- `CurrencyRate`: a dated exchange rate, with its source.

The conversions and totals themselves live in the pure package `twinplan.impact`
(`impact.money`); `selectors.money_report` feeds them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from twinplan.core.models import (
    DemoFlagModel,
    TimeStampedModel,
    TranslatableModel,
    VersionedModel,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Award, FundingProgramme
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


class Resource(TimeStampedModel, TranslatableModel, VersionedModel):
    """Money, staff days or in-kind support for a measure (a resource line), with what is
    planned and what is spent on one line. `Measure.resources` lists them.

    The amounts are in `currency` for money and in days for staff days; in-kind support
    is counted by its money value. Staff days and in-kind support give their money value
    (`value_amount` in `value_currency`) and how it was valued. A line from award money or
    a funding programme can name that award or programme.
    """

    translatable_fields = ("description",)

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    planned_amount = models.DecimalField(
        _("planned"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Money in the currency below, staff days in days."),
    )
    spent_amount = models.DecimalField(
        _("spent"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Money in the currency below, staff days in days."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency_code],
        help_text=_("ISO 4217 code; for money only."),
    )
    source_of_funds = models.CharField(
        _("source of funds"), max_length=20, choices=FundingSource.choices
    )
    award = models.ForeignKey(
        Award, on_delete=models.SET_NULL, null=True, blank=True, related_name="resources",
        verbose_name=_("award"), help_text=_("For award money: the award it comes from."),
    )
    funding_programme = models.ForeignKey(
        FundingProgramme, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="resources", verbose_name=_("funding programme"),
        help_text=_("For a funding programme's money: the programme."),
    )
    provided_by = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provided by partner"),
    )
    provided_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("provided by organisation"),
    )
    value_amount = models.DecimalField(
        _("money value"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Staff days and in-kind support: what they are worth in money."),
    )
    value_currency = models.CharField(
        _("currency of the money value"), max_length=3, blank=True,
        validators=[validate_currency_code],
    )
    valuation = models.CharField(
        _("how it was valued"), max_length=300, blank=True,
        help_text=_("e.g. 8 staff days × 400 EUR, municipal pay scale 2024"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["measure", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_amount__isnull=True)
                | models.Q(planned_amount__gte=0),
                name="resource_planned_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(spent_amount__isnull=True) | models.Q(spent_amount__gte=0),
                name="resource_spent_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(value_amount__isnull=True) | models.Q(value_amount__gte=0),
                name="resource_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_amount__isnull=False)
                | models.Q(spent_amount__isnull=False),
                name="resource_planned_or_spent",
            ),
        ]

    def __str__(self) -> str:
        # As the active language writes it (12.500,50 € in German): the workspace shows it.
        from django.utils.translation import get_language

        from twinplan.core.formats import format_money, format_number

        language = get_language() or "en"
        money = self.kind == ResourceKind.MONEY and self.currency
        amounts = " / ".join(
            format_money(amount, self.currency, language) if money
            else format_number(amount, language)
            for amount in (self.planned_amount, self.spent_amount) if amount is not None
        )
        return amounts if money else f"{amounts} {self.get_kind_display()}"

    @property
    def amounts(self) -> tuple[Decimal | None, Decimal | None]:
        """(planned, spent), for tables that show both."""
        return self.planned_amount, self.spent_amount

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.planned_amount is None and self.spent_amount is None:
            errors["planned_amount"] = _("Give the planned amount, the spent amount or both.")
        if self.kind == ResourceKind.MONEY:
            if not self.currency:
                errors["currency"] = _("Money needs its currency.")
            for name in ("value_amount", "value_currency", "valuation"):
                if getattr(self, name) not in (None, ""):
                    errors[name] = _("Money needs no money value; leave it empty.")
        elif self.kind:
            if self.currency:
                errors["currency"] = _("Only money has a currency.")
            if self.value_amount is not None and not self.value_currency:
                errors["value_currency"] = _("Give the currency of the money value.")
            if self.value_currency and self.value_amount is None:
                errors["value_amount"] = _("Give the money value or leave its currency empty.")
            if self.value_amount is not None and not self.valuation.strip():
                errors["valuation"] = _("Say how the money value was reached.")
        if self.award_id is not None and self.source_of_funds != FundingSource.AWARD:
            errors["award"] = _("Only award money names an award.")
        if (self.funding_programme_id is not None
                and self.source_of_funds != FundingSource.FUNDING_PROGRAMME):
            errors["funding_programme"] = _(
                "Only money from a funding programme names the programme."
            )
        if errors:
            raise ValidationError(errors)


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
        from django.utils.formats import date_format
        from django.utils.translation import get_language

        from twinplan.core.formats import format_number

        rate = format_number(self.rate, get_language() or "en", places=10)
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')}: 1 {self.base} = {rate} {self.quote}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.base and self.base == self.quote:
            errors["quote"] = _("The quote currency must differ from the base currency.")
        if self.rate is not None and self.rate <= 0:
            errors["rate"] = _("The rate must be greater than zero.")
        if errors:
            raise ValidationError(errors)
