"""Money: dated rates (direct, inverse, via EUR), totals, round trips.

The rates below are test fixtures, not real market rates.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.impact import (
    ExchangeRate,
    ExchangeRates,
    Money,
    NoExchangeRateError,
    ResourceLine,
    money_totals,
)

RATES = ExchangeRates(
    [
        ExchangeRate(date(2018, 11, 1), "EUR", "VND", Decimal("26500"), "fixture"),
        ExchangeRate(date(2018, 12, 1), "EUR", "VND", Decimal("27000"), "fixture"),
        ExchangeRate(date(2018, 11, 30), "EUR", "RSD", Decimal("118.0"), "fixture"),
        ExchangeRate(date(2019, 1, 2), "RSD", "EUR", Decimal("0.0085"), "fixture"),
    ]
)


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def test_direct_rate_closest_before_the_date() -> None:
    # award money 30,000 EUR on 7 Dec 2018: latest EUR->VND on or before is 1 Dec (27,000)
    # 30,000 x 27,000 = 810,000,000 VND
    converted = RATES.convert(eur("30000"), "VND", date(2018, 12, 7))
    assert converted.amount == Decimal("810000000")
    # on 30 Nov the 1 Nov rate applies: 30,000 x 26,500 = 795,000,000 VND
    assert RATES.convert(eur("30000"), "VND", date(2018, 11, 30)).amount == Decimal("795000000")


def test_inverse_rate() -> None:
    # 1,180 RSD on 1 Dec 2018 via EUR->RSD 118.0 inverted: 1,180 / 118 = 10 EUR
    converted = RATES.convert(Money(Decimal("1180"), "RSD"), "EUR", date(2018, 12, 1))
    assert converted.amount == pytest.approx(Decimal("10"))


def test_newer_inverse_rate_wins_over_older_direct_rate() -> None:
    # on 3 Jan 2019 RSD->EUR 0.0085 (2 Jan) is newer than EUR->RSD 118.0 (30 Nov):
    # 1,000 RSD x 0.0085 = 8.5 EUR
    converted = RATES.convert(Money(Decimal("1000"), "RSD"), "EUR", date(2019, 1, 3))
    assert converted.amount == Decimal("8.5000")


def test_cross_rate_through_eur() -> None:
    # 1 RSD -> EUR = 1/118; EUR -> VND = 27,000; 118 RSD = 1 EUR = 27,000 VND
    resolved = RATES.resolve("RSD", "VND", date(2018, 12, 10))
    assert Decimal(118) * resolved.rate == pytest.approx(Decimal(27000))
    assert len(resolved.rates_used) == 2


def test_no_rate_before_the_date_is_a_clear_error() -> None:
    with pytest.raises(NoExchangeRateError, match="EUR->VND on or before 2018-10-01"):
        RATES.convert(eur("1"), "VND", date(2018, 10, 1))
    with pytest.raises(NoExchangeRateError, match="USD"):
        RATES.convert(eur("1"), "USD", date(2019, 1, 1))


def test_a_currency_no_rate_names_converts_on_no_day() -> None:
    """`names` is what the network dashboard asks before converting a currency's lines."""
    assert all(RATES.names(currency) for currency in ("VND", "RSD", "EUR"))
    assert not RATES.names("USD")
    for day in (date(2018, 1, 1), date(2019, 6, 1)):
        with pytest.raises(NoExchangeRateError):
            RATES.convert(Money(Decimal("1"), "USD"), "EUR", day)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Money(1.5, "EUR"),  # type: ignore[arg-type]
            "not a float",
        ),
        (lambda: Money(Decimal("1"), "euro"), "ISO 4217"),
        (lambda: ExchangeRate(date(2020, 1, 1), "EUR", "EUR", Decimal(1), "x"), "must differ"),
        (
            lambda: ExchangeRate(date(2020, 1, 1), "EUR", "RSD", Decimal(0), "x"),
            r"rate=Decimal\('0'\)",
        ),
        (lambda: ResourceLine("m", "p", "s", planned=eur("-5")), "planned=Decimal"),
    ],
)
def test_bad_money_input_is_rejected(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_totals_per_measure_partner_source_and_currency() -> None:
    lines = [
        # award money planned by Wernigerode, spent partly
        ResourceLine(
            "PV on town hall",
            "Wernigerode",
            "award money",
            planned=eur("30000"),
            spent=eur("12000.50"),
            goal="Renewable energy",
            on=date(2018, 12, 7),
        ),
        # Ruma's own budget in dinar
        ResourceLine(
            "LED street lights",
            "Ruma",
            "own budget",
            planned=Money(Decimal("1180000"), "RSD"),
            on=date(2018, 12, 1),
        ),
    ]
    totals = money_totals(lines, RATES, ["VND", "RSD"], today=date(2018, 12, 31))
    assert totals.currencies == ("EUR", "VND", "RSD")
    # planned EUR: 30,000 + 1,180,000 / 118 = 30,000 + 10,000 = 40,000
    assert totals.total["EUR"].planned == Decimal("40000.00")
    assert totals.total["EUR"].spent == Decimal("12000.50")
    # spent in VND: 12,000.50 x 27,000 = 324,013,500 VND (no minor unit)
    assert totals.total["VND"].spent == Decimal("324013500")
    # planned in RSD: 30,000 x 118 + 1,180,000 = 4,720,000.00 RSD
    assert totals.total["RSD"].planned == Decimal("4720000.00")
    assert totals.by_partner["Ruma"]["EUR"].planned == Decimal("10000.00")
    assert totals.by_source_of_funds["award money"]["EUR"].spent == Decimal("12000.50")
    assert totals.by_measure["LED street lights"]["VND"].planned == Decimal("270000000")
    assert set(totals.by_goal) == {"Renewable energy"}
    assert {r.source for r in totals.rates_used} == {"fixture"}


def test_line_without_date_uses_today() -> None:
    line = ResourceLine("m", "Hội An", "own budget", spent=eur("1"))
    totals = money_totals([line], RATES, ["VND"], today=date(2018, 11, 15))
    assert totals.total["VND"].spent == Decimal("26500")  # the 1 Nov rate


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2)
rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=4)


@settings(deadline=None, max_examples=60)
@given(amounts, rates, rates)
def test_conversions_round_trip(amount: Decimal, eur_rsd: Decimal, eur_vnd: Decimal) -> None:
    table = ExchangeRates(
        [
            ExchangeRate(date(2020, 1, 1), "EUR", "RSD", eur_rsd, "fixture"),
            ExchangeRate(date(2020, 1, 1), "VND", "EUR", Decimal(1) / eur_vnd, "fixture"),
        ]
    )
    on = date(2020, 6, 1)
    for start, other in (("EUR", "RSD"), ("RSD", "VND"), ("VND", "EUR")):
        there = table.convert(Money(amount, start), other, on)
        back = table.convert(there, start, on)
        assert back.amount == pytest.approx(amount, rel=Decimal("1e-20"))
