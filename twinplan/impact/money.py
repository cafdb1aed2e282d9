"""Money in every partner's currency and in EUR, from dated exchange rates.

Amounts are :class:`~decimal.Decimal`, never float. A rate ``ExchangeRate(date, base,
quote, rate, source)`` says 1 ``base`` = ``rate`` ``quote`` on ``date``. To convert on a
day, the rate used is the latest one dated on or before that day, taken directly,
inverted, or crossed through EUR (base->EUR->quote); when none exists the conversion
fails with :class:`~twinplan.impact.errors.NoExchangeRateError`. Totals are rounded
to the currency's minor unit only at the end.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from twinplan.impact import _validate as check
from twinplan.impact.errors import InvalidParameterError, NoExchangeRateError

EUR = "EUR"

#: ISO 4217 currencies without minor unit; every other currency is rounded to cents.
ZERO_DECIMAL_CURRENCIES = frozenset(
    {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
     "VUV", "XAF", "XOF", "XPF"}
)  # fmt: skip

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def currency_code(name: str, value: object) -> str:
    """``value`` if it is an ISO 4217 code such as ``"EUR"``, ``"RSD"``, ``"VND"``."""
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise InvalidParameterError(name, value, "must be an ISO 4217 code such as 'EUR'")
    return value


def _decimal(name: str, value: object) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidParameterError(name, value, "must be a finite Decimal (not a float)")
    return value


def round_to_minor_unit(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up to the minor unit of ``currency``."""
    exponent = Decimal(1) if currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        _decimal("amount", self.amount)
        currency_code("currency", self.currency)

    def rounded(self) -> Money:
        """The amount rounded to the currency's minor unit."""
        return Money(round_to_minor_unit(self.amount, self.currency), self.currency)


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """1 ``base`` = ``rate`` ``quote`` on ``date``, from ``source``."""

    date: date
    base: str
    quote: str
    rate: Decimal
    source: str

    def __post_init__(self) -> None:
        if not isinstance(self.date, date):
            raise InvalidParameterError("date", self.date, "must be a date")
        currency_code("base", self.base)
        currency_code("quote", self.quote)
        if self.base == self.quote:
            raise InvalidParameterError("quote", self.quote, "must differ from base")
        if _decimal("rate", self.rate) <= 0:
            raise InvalidParameterError("rate", self.rate, "must be greater than zero")
        check.text("source", self.source)


@dataclass(frozen=True, slots=True)
class ResolvedRate:
    """The rate used for one conversion and the dated rates it was built from."""

    base: str
    quote: str
    on: date
    rate: Decimal
    rates_used: tuple[ExchangeRate, ...]


class ExchangeRates:
    """A table of dated rates that converts money between currencies."""

    def __init__(self, rates: Iterable[ExchangeRate]) -> None:
        by_pair: dict[tuple[str, str], list[ExchangeRate]] = defaultdict(list)
        for rate in rates:
            by_pair[(rate.base, rate.quote)].append(rate)
        self._by_pair = {
            pair: sorted(found, key=lambda r: r.date) for pair, found in by_pair.items()
        }
        self._dates = {pair: [r.date for r in found] for pair, found in self._by_pair.items()}
        self._named = frozenset(currency for pair in self._by_pair for currency in pair)

    def names(self, currency: str) -> bool:
        """Whether any rate names ``currency``: one no rate names converts to no other
        currency on any day."""
        return currency in self._named

    def _latest(self, base: str, quote: str, on: date) -> ExchangeRate | None:
        dates = self._dates.get((base, quote))
        if not dates:
            return None
        index = bisect.bisect_right(dates, on)
        return self._by_pair[(base, quote)][index - 1] if index else None

    def _direct_or_inverse(self, base: str, quote: str, on: date) -> ResolvedRate | None:
        direct = self._latest(base, quote, on)
        inverse = self._latest(quote, base, on)
        if direct is not None and (inverse is None or direct.date >= inverse.date):
            return ResolvedRate(base, quote, on, direct.rate, (direct,))
        if inverse is not None:
            return ResolvedRate(base, quote, on, Decimal(1) / inverse.rate, (inverse,))
        return None

    def resolve(self, base: str, quote: str, on: date) -> ResolvedRate:
        """The rate from ``base`` to ``quote`` for the day ``on``."""
        currency_code("base", base)
        currency_code("quote", quote)
        if base == quote:
            return ResolvedRate(base, quote, on, Decimal(1), ())
        found = self._direct_or_inverse(base, quote, on)
        if found is not None:
            return found
        if EUR not in (base, quote):
            to_eur = self._direct_or_inverse(base, EUR, on)
            from_eur = self._direct_or_inverse(EUR, quote, on)
            if to_eur is not None and from_eur is not None:
                return ResolvedRate(
                    base,
                    quote,
                    on,
                    to_eur.rate * from_eur.rate,
                    to_eur.rates_used + from_eur.rates_used,
                )
        raise NoExchangeRateError(base, quote, on)

    def convert(self, money: Money, to_currency: str, on: date) -> Money:
        """``money`` in ``to_currency`` at the rate for ``on`` (not rounded)."""
        resolved = self.resolve(money.currency, to_currency, on)
        return Money(money.amount * resolved.rate, to_currency)


@dataclass(frozen=True, slots=True)
class ResourceLine:
    """Money planned for and spent on a measure, by partner and source of funds.

    ``on`` is the date whose exchange rate applies (e.g. the booking date); when it is
    ``None`` the ``today`` given to :func:`money_totals` is used.
    """

    measure: str
    partner: str
    source_of_funds: str
    planned: Money | None = None
    spent: Money | None = None
    goal: str | None = None
    on: date | None = None

    def __post_init__(self) -> None:
        check.text("measure", self.measure)
        check.text("partner", self.partner)
        check.text("source_of_funds", self.source_of_funds)
        if self.planned is not None and self.planned.amount < 0:
            raise InvalidParameterError("planned", self.planned.amount, "must not be negative")
        if self.spent is not None and self.spent.amount < 0:
            raise InvalidParameterError("spent", self.spent.amount, "must not be negative")


@dataclass(frozen=True, slots=True)
class PlannedSpent:
    """Planned and spent amounts in one currency (rounded to its minor unit)."""

    planned: Decimal
    spent: Decimal


Totals = Mapping[str, Mapping[str, PlannedSpent]]


@dataclass(frozen=True, slots=True)
class MoneyTotals:
    """Planned vs. spent per measure, goal, partner, source of funds and overall.

    Each mapping goes name -> currency -> :class:`PlannedSpent`; ``total`` goes
    currency -> :class:`PlannedSpent`. ``currencies`` starts with EUR.
    """

    currencies: tuple[str, ...]
    total: Mapping[str, PlannedSpent]
    by_measure: Totals
    by_goal: Totals
    by_partner: Totals
    by_source_of_funds: Totals
    rates_used: tuple[ExchangeRate, ...]


def money_totals(
    lines: Sequence[ResourceLine],
    rates: ExchangeRates,
    currencies: Sequence[str],
    today: date,
) -> MoneyTotals:
    """Add up ``lines`` in EUR and in each of ``currencies`` (the partners' currencies)."""
    wanted = tuple(dict.fromkeys([EUR, *(currency_code("currencies", c) for c in currencies)]))
    zero = (Decimal(0), Decimal(0))
    sums: dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]] = {
        dimension: defaultdict(lambda: defaultdict(lambda: zero))
        for dimension in ("total", "measure", "goal", "partner", "source_of_funds")
    }
    used: dict[ExchangeRate, None] = {}
    for line in lines:
        on = line.on or today
        for currency in wanted:
            amounts = []
            for money in (line.planned, line.spent):
                if money is None:
                    amounts.append(Decimal(0))
                    continue
                resolved = rates.resolve(money.currency, currency, on)
                used.update(dict.fromkeys(resolved.rates_used))
                amounts.append(money.amount * resolved.rate)
            keys = {
                "total": "total",
                "measure": line.measure,
                "goal": line.goal or "",
                "partner": line.partner,
                "source_of_funds": line.source_of_funds,
            }
            for dimension, key in keys.items():
                planned, spent = sums[dimension][key][currency]
                sums[dimension][key][currency] = (planned + amounts[0], spent + amounts[1])

    def rounded(table: Mapping[str, Mapping[str, tuple[Decimal, Decimal]]]) -> Totals:
        return {
            key: {
                currency: PlannedSpent(
                    round_to_minor_unit(per_currency[currency][0], currency),
                    round_to_minor_unit(per_currency[currency][1], currency),
                )
                for currency in wanted
            }
            for key, per_currency in table.items()
        }

    total = rounded(sums["total"]).get("total") or {
        currency: PlannedSpent(Decimal(0), Decimal(0)) for currency in wanted
    }
    return MoneyTotals(
        currencies=wanted,
        total=total,
        by_measure=rounded(sums["measure"]),
        by_goal={k: v for k, v in rounded(sums["goal"]).items() if k},
        by_partner=rounded(sums["partner"]),
        by_source_of_funds=rounded(sums["source_of_funds"]),
        rates_used=tuple(used),
    )
