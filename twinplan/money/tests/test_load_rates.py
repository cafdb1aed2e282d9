"""`./manage.py load_rates FILE`: plain CSV and ECB files; all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from twinplan.money.models import CurrencyRate
from twinplan.money.rates_csv import ECB_SOURCE, parse_rates
from twinplan.money.services import exchange_rates_load
from twinplan.money.tests.factories import CurrencyRateFactory

pytestmark = pytest.mark.django_db

PLAIN = """date,base,quote,rate,source
2018-01-03,EUR,RSD,118.40,National Bank of Serbia
2018-01-03,EUR,VND,27200,State Bank of Vietnam
"""

# The head of eurofxref-hist.csv as the ECB publishes it: a space after each comma, a
# trailing comma, N/A where a currency had no rate that day.
ECB_HIST = """Date,USD,JPY,BGN,CYP,GBP,
2024-01-05,1.0921,158.09,1.9558,N/A,0.86,
2024-01-04,1.0953,N/A,1.9558,N/A,0.86213,
"""
ECB_DAILY = """Date, USD, JPY, GBP,
05 January 2024, 1.0921, 158.09, 0.86,
"""


def rates():
    return sorted(CurrencyRate.objects.values_list("date", "base", "quote", "rate"))


def load(tmp_path, text: str, *args: str) -> str:
    path = tmp_path / "rates.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("load_rates", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_plain_file_is_loaded_and_a_second_load_changes_nothing(tmp_path):
    assert "2 rates added, 0 changed, 0 unchanged" in load(tmp_path, PLAIN)
    assert rates() == [
        (date(2018, 1, 3), "EUR", "RSD", Decimal("118.40")),
        (date(2018, 1, 3), "EUR", "VND", Decimal("27200")),
    ]
    stamps = list(CurrencyRate.objects.values_list("updated_at", flat=True))
    assert "0 rates added, 0 changed, 2 unchanged" in load(tmp_path, PLAIN)
    assert list(CurrencyRate.objects.values_list("updated_at", flat=True)) == stamps


def test_a_corrected_rate_replaces_the_stored_one(tmp_path):
    load(tmp_path, PLAIN)
    assert "1 changed" in load(tmp_path, PLAIN.replace("118.40", "118.45"))
    assert CurrencyRate.objects.get(quote="RSD").rate == Decimal("118.45")


def test_the_demo_flag_marks_the_loaded_rates(tmp_path):
    load(tmp_path, PLAIN, "--demo")
    assert set(CurrencyRate.objects.values_list("is_demo_content", flat=True)) == {True}


def test_the_ecb_history_file_is_loaded_without_the_missing_rates(tmp_path):
    output = load(tmp_path, ECB_HIST, "--currencies", "USD,JPY,GBP")
    assert "(ecb): 5 rates added" in output
    assert (date(2024, 1, 4), "EUR", "JPY") not in {r[:3] for r in rates()}
    usd = CurrencyRate.objects.get(date=date(2024, 1, 5), quote="USD")
    assert (usd.base, usd.rate, usd.source) == ("EUR", Decimal("1.0921"), ECB_SOURCE)


def test_the_ecb_daily_file_with_its_long_date_is_loaded(tmp_path):
    load(tmp_path, ECB_DAILY, "--source", "ECB, daily reference rates")
    assert rates()[0] == (date(2024, 1, 5), "EUR", "GBP", Decimal("0.86"))
    assert CurrencyRate.objects.filter(source="ECB, daily reference rates").count() == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PLAIN + "2018-01-03,EUR,XYZ,1.5,somebody\n",
         "line 4, column 3 (quote): unknown currency “XYZ”"),
        (PLAIN + "03.01.2018,EUR,USD,1.2,somebody\n",
         "line 4, column 1 (date): “03.01.2018” is not a date (write YYYY-MM-DD)."),
        (PLAIN + "2018-01-03,EUR,USD,0,somebody\n",
         "line 4, column 4 (rate): the rate 0 must be greater than zero."),
        (PLAIN + "2018-01-03,EUR,USD,-1.2,somebody\n",
         "line 4, column 4 (rate): the rate -1.2 must be greater than zero."),
        (PLAIN + "2018-01-03,EUR,USD,1.12345678901234567,x\n",
         "line 4, column 4 (rate): the rate 1.12345678901234567 has more than 10 decimal"),
        (PLAIN + "2018-01-03,EUR,USD,123456.1234567891,x\n",
         "has more than 15 significant digits"),
        (PLAIN + "2018-01-03,EUR,USD,1,2,x\n",
         "line 4: expected 5 columns (date,base,quote,rate,source), found 6."),
        (PLAIN + "2018-01-03,EUR,USD,1.2,\n", "line 4, column 5 (source): say where"),
        (PLAIN + "2018-01-03,EUR,EUR,1,somebody\n",
         "line 4, column 3 (quote): the quote currency must differ"),
        (PLAIN + "2018-01-03,EUR,RSD,118.5,somebody else\n",
         "line 4: a second rate EUR→RSD for 2018-01-03 (the first is on line 2)."),
        ("day;from;to;value\n2018-01-03;EUR;RSD;118\n", "line 1: unknown format."),
        ("", "line 1: the file is empty."),
        (ECB_HIST, "line 1, column 5 (CYP): unknown currency “CYP”"),
        (ECB_HIST.replace("1.0953", "n.a."),
         "line 3, column 2 (USD): “n.a.” is not a number"),
    ],
)
def test_bad_input_names_line_and_column_and_saves_nothing(tmp_path, text, message):
    CurrencyRateFactory(date=date(2017, 1, 2))
    before = rates()
    with pytest.raises(CommandError) as refused:
        load(tmp_path, text)
    assert message in str(refused.value)
    assert "nothing was saved" in str(refused.value)
    assert rates() == before  # not even the good lines of the file


def test_every_problem_of_a_file_is_reported_at_once():
    text = PLAIN + "2018-13-01,EUR,USD,1.2,x\n2018-01-04,EUR,ABC,-3,x\n"
    with pytest.raises(ValidationError) as refused:
        exchange_rates_load(text=text)
    assert refused.value.messages == [
        "line 4, column 1 (date): “2018-13-01” is not a date (write YYYY-MM-DD).",
        "line 5, column 3 (quote): unknown currency “ABC” (ISO 4217 codes such as EUR, "
        "RSD, VND).",
        "line 5, column 4 (rate): the rate -3 must be greater than zero.",
    ]


def test_a_format_that_does_not_match_the_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="the header is that of the plain format, not ecb"):
        load(tmp_path, PLAIN, "--format", "ecb")
    with pytest.raises(CommandError, match="apply to the ECB format only"):
        load(tmp_path, PLAIN, "--currencies", "USD")
    with pytest.raises(CommandError, match="the file has no column “RSD”"):
        load(tmp_path, ECB_DAILY, "--currencies", "USD,RSD")


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_rates", str(tmp_path / "nope.csv"))


def test_keep_existing_never_replaces_a_stored_rate():
    CurrencyRateFactory(date=date(2018, 1, 3), quote="RSD", rate=Decimal("118.10"),
                        source="NBS, real")
    loaded = exchange_rates_load(text=PLAIN, is_demo_content=True, keep_existing=True)
    assert (loaded.created, loaded.changed, loaded.unchanged) == (1, 0, 1)
    assert CurrencyRate.objects.get(quote="RSD").source == "NBS, real"


class RoundTrip(TestCase):
    """A rate written to a plain file comes back exactly (Decimal, no float on the way)."""

    @settings(deadline=None, max_examples=30)
    @given(
        # up to 15 significant digits, at most 10 decimal places and 12 integer digits
        rate=st.builds(lambda digits, exponent: Decimal(digits).scaleb(exponent),
                       st.integers(1, 10**15 - 1), st.integers(-10, 0))
        .filter(lambda d: d.adjusted() < 12),
        day=st.dates(min_value=date(1999, 1, 4), max_value=date(2100, 1, 1)),
    )
    def test_a_rate_round_trips_through_the_file(self, rate, day):
        _format, parsed = parse_rates(f"date,base,quote,rate,source\n{day},EUR,RSD,{rate},x\n")
        assert [(p.date, p.rate) for p in parsed] == [(day, rate)]
        CurrencyRate.objects.all().delete()
        exchange_rates_load(text=f"date,base,quote,rate,source\n{day},EUR,RSD,{rate},x\n")
        assert CurrencyRate.objects.get().rate == rate
