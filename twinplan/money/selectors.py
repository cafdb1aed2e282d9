"""Reads of the money totals, shared by the public pages, the `impact` command (through
`twinplan.climate.selectors.impact_report`) and, later, the API and reports.

Each read loads the resource lines and exchange rates in a fixed number of queries, turns
them into the plain inputs of the calculation package `twinplan.impact` and calls it. A
missing rate is reported with its message; nothing here raises for bad data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan import impact
from twinplan.core.prefetch import prefetch_if
from twinplan.money.models import CurrencyRate, FundingSource, Resource, ResourceKind
from twinplan.municipalities.models import town_name_in
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import member_municipalities_loaded
from twinplan.programmes.models import Measure


def _resources() -> QuerySet[Resource]:
    return Resource.objects.select_related(
        "provided_by", "provided_by_organisation", "award", "funding_programme"
    )


def resources_of(measures: Iterable[Measure]) -> list[Resource]:
    """The resource lines of the measures, with who provides them (one query)."""
    return list(
        _resources().filter(measure__in=[m.pk for m in measures]).order_by("measure_id", "id")
    )


@dataclass(frozen=True, slots=True)
class MoneyLine:
    """What `money_report` reads of a money line, who provides it by name: a row, not a
    `Resource` (a report of 200 measures built 400 model objects for it)."""

    measure_id: int
    kind: str
    planned_amount: Decimal | None
    spent_amount: Decimal | None
    currency: str
    source_of_funds: str
    date: date | None
    provided_by_id: int | None
    provided_by_name: str | None
    provided_by_organisation_id: int | None
    provided_by_organisation_name: str | None
    provided_by_names: dict[str, str] | None  # the town's names per language and script


_MONEY_LINE_COLUMNS = (
    "measure_id", "kind", "planned_amount", "spent_amount", "currency", "source_of_funds",
    "date", "provided_by_id", "provided_by__name", "provided_by_organisation_id",
    "provided_by_organisation__name", "provided_by__names",
)


def money_lines_of(measures: Iterable[Measure]) -> list[MoneyLine]:
    """The money lines of the measures with only what `money_report` reads of them, who
    provides each by name (one query): for reports that total the money of many measures
    and show no line itself."""
    return [
        MoneyLine(*row) for row in
        Resource.objects.filter(measure__in=[m.pk for m in measures], kind=ResourceKind.MONEY)
        .order_by("measure_id", "id")
        .values_list(*_MONEY_LINE_COLUMNS)
    ]


def measure_has_resources() -> Exists:
    """Whether the outer measure has resource lines (the measure page's
    `measure_page_or_none(has_rows=…)`: no query for a measure without)."""
    return Exists(Resource.objects.filter(measure=OuterRef("pk")))


def with_resources(measures: Sequence[Measure], *, known_empty: bool = False) -> None:
    """Prefetch `measure.resources` (with who provides each) for pages that list them
    (one query); `known_empty` (the measure page's `measure_has_resources` found none):
    `measure.resources.all()` is empty without a query."""
    prefetch_related_objects(list(measures),
                             prefetch_if(not known_empty, "resources", _resources()))


# --- totals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyRow:
    key: str
    label: str
    amounts: Mapping[str, impact.PlannedSpent]
    # The measure a by-measure row is about, so pages can name it in the reader's language.
    measure: Measure | None = None


@dataclass(frozen=True)
class MoneyReport:
    """Planned vs. spent money in EUR and the partners' currencies, with the rates used.

    `error` says which rate is missing; the totals are then given in the currencies that
    could be reached (EUR alone, or none).
    """

    currencies: tuple[str, ...]
    wanted_currencies: tuple[str, ...]
    line_count: int
    total: Mapping[str, impact.PlannedSpent] | None
    by_measure: list[MoneyRow]
    by_partner: list[MoneyRow]
    by_source_of_funds: list[MoneyRow]
    rates_used: list[CurrencyRate]
    error: str | None

    @property
    def breakdowns(self) -> list[tuple[str, list[MoneyRow]]]:
        return [
            (_("By partner who provides it"), self.by_partner),
            (_("By source of funds"), self.by_source_of_funds),
            (_("By measure"), self.by_measure),
        ]


def _money_partner(line: Resource | MoneyLine) -> tuple[str, str]:
    if line.provided_by_id is not None:
        name = (town_name_in(line.provided_by_name or "", line.provided_by_names,
                             get_language())  # as the page writes it: Ruma, Рума
                if isinstance(line, MoneyLine) else str(line.provided_by))
        return f"municipality:{line.provided_by_id}", name
    if line.provided_by_organisation_id is not None:
        organisation = (line.provided_by_organisation_name if isinstance(line, MoneyLine)
                        else line.provided_by_organisation.name)  # type: ignore[union-attr]
        return f"organisation:{line.provided_by_organisation_id}", str(organisation)
    return "none", _("not stated")


def _money(amount: Decimal | None, currency: str) -> impact.Money | None:
    return None if amount is None else impact.Money(Decimal(amount), currency)


def _rates_table(rows: Iterable[CurrencyRate]) -> tuple[impact.ExchangeRates, dict[Any, Any]]:
    pure, by_key = [], {}
    for row in rows:
        try:
            rate = impact.ExchangeRate(row.date, row.base, row.quote, row.rate, row.source)
        except impact.ImpactError:
            continue  # a row the admin's validation would refuse; never used
        pure.append(rate)
        by_key[(row.date, row.base, row.quote)] = row
    return impact.ExchangeRates(pure), by_key


def exchange_rates_for(currencies: Iterable[str]) -> QuerySet[CurrencyRate]:
    """Every stored rate between the given currencies and EUR (one query)."""
    wanted = sorted({impact.EUR, *currencies})
    return CurrencyRate.objects.filter(base__in=wanted, quote__in=wanted)


def money_report(
    lines: Sequence[Resource | MoneyLine],
    *,
    partner_currencies: Sequence[str],
    measures: Mapping[int, Measure],
    today: date,
    rates: Iterable[CurrencyRate] | None = None,
) -> MoneyReport:
    """Totals of the money lines (other kinds of resources are left out) in EUR and each
    partner's currency. `rates` defaults to every stored rate between the currencies."""
    money = [line for line in lines if line.kind == ResourceKind.MONEY and line.currency]
    wanted = tuple(dict.fromkeys([impact.EUR, *partner_currencies]))
    if rates is None:
        rates = exchange_rates_for([*wanted, *(line.currency for line in money)])
    table, rows_by_key = _rates_table(rates)
    partners: dict[str, str] = {}
    pure_lines = []
    for line in money:
        partner, label = _money_partner(line)
        partners[partner] = label
        pure_lines.append(impact.ResourceLine(
            measure=str(line.measure_id),
            partner=partner,
            source_of_funds=line.source_of_funds,
            planned=_money(line.planned_amount, line.currency),
            spent=_money(line.spent_amount, line.currency),
            on=line.date,
        ))
    error: str | None = None
    totals: impact.MoneyTotals | None = None
    for currencies in (wanted, (impact.EUR,)):
        try:
            totals = impact.money_totals(pure_lines, table, currencies, today)
            break
        except impact.NoExchangeRateError as missing:
            error = error or _(
                "No exchange rate from %(base)s to %(quote)s on or before %(date)s is known "
                "yet, so the totals cannot be given in every currency."
            ) % {"base": missing.base, "quote": missing.quote, "date": missing.on}
    if totals is None:
        return MoneyReport((), wanted, len(money), None, [], [], [], [], error)
    funding_labels = dict(FundingSource.choices)

    def rows(table: Mapping[str, Mapping[str, impact.PlannedSpent]],
             label: Mapping[str, str]) -> list[MoneyRow]:
        return [MoneyRow(key, str(label.get(key, key)), amounts)
                for key, amounts in table.items()]

    measure_labels = {str(pk): str(m) for pk, m in measures.items()}
    return MoneyReport(
        currencies=totals.currencies,
        wanted_currencies=wanted,
        line_count=len(money),
        total=totals.total,
        by_measure=[
            replace(row, measure=measures.get(int(row.key)) if row.key.isdigit() else None)
            for row in rows(totals.by_measure, measure_labels)
        ],
        by_partner=rows(totals.by_partner, partners),
        by_source_of_funds=rows(totals.by_source_of_funds,
                                {k: str(v) for k, v in funding_labels.items()}),
        rates_used=[rows_by_key[(r.date, r.base, r.quote)] for r in totals.rates_used],
        error=error,
    )


def measure_money(
    measure: Measure, partnership: Partnership, *, today: date
) -> MoneyReport | None:
    """The money of one measure (uses the measure's resources as prefetched by
    `with_resources`); None when the measure has no money lines."""
    lines = list(measure.resources.all())
    if not any(line.kind == ResourceKind.MONEY for line in lines):
        return None
    currencies = [m.currency for m in member_municipalities_loaded(partnership)]
    return money_report(lines, partner_currencies=currencies, measures={measure.pk: measure},
                        today=today)


def partnership_currencies(partnership: Partnership) -> list[str]:
    """EUR, the member municipalities' currencies and those of the partnership's money
    lines, in that order (two queries)."""
    members = Partnership.objects.filter(pk=partnership.pk).values_list(
        "municipalities__currency", flat=True
    )
    lines = Resource.objects.filter(
        measure__programme__partnership=partnership, kind=ResourceKind.MONEY
    ).exclude(currency="").values_list("currency", flat=True).distinct()
    return list(dict.fromkeys([impact.EUR, *(c for c in members if c), *lines]))


def rates_between(currencies: Iterable[str] | None) -> QuerySet[CurrencyRate]:
    """The stored rates between the currencies (every rate for None), newest first."""
    rates = CurrencyRate.objects.order_by("-date", "base", "quote")
    if currencies is None:
        return rates
    wanted = sorted(set(currencies))
    return rates.filter(base__in=wanted, quote__in=wanted)
