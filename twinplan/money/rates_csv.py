"""Reading exchange-rate files: a plain CSV or the ECB's reference-rate CSV.

- plain: header `date,base,quote,rate,source`, one rate per line, e.g.
  `2018-01-02,EUR,RSD,118.0,National Bank of Serbia …` (1 EUR = 118.0 RSD).
- ecb: the European Central Bank's `eurofxref.csv` / `eurofxref-hist.csv`: a `Date`
  column, then one column per currency with the rate of 1 EUR; `N/A` or an empty cell
  means no rate that day. The ECB publishes no RSD or VND rates.

Everything is checked before anything is saved; each problem is reported with its line
and column, all of them at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from twinplan.reference import codes

PLAIN_HEADER = ["date", "base", "quote", "rate", "source"]
FORMATS = ("auto", "plain", "ecb")
ECB_SOURCE = (
    "European Central Bank, euro foreign exchange reference rates "
    "(https://www.ecb.europa.eu/stats/eurofxref/)"
)
MAX_DECIMAL_PLACES = 10
MAX_INTEGER_DIGITS = 12
# What every supported database keeps exactly (SQLite stores a decimal as a double).
MAX_SIGNIFICANT_DIGITS = 15
MAX_SOURCE_LENGTH = 300
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class ParsedRate:
    line: int
    date: date
    base: str
    quote: str
    rate: Decimal
    source: str


class RatesFileError(Exception):
    """The file cannot be loaded; `messages` says what is wrong where (line, column)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


def _where(line: int, column: int | None = None, name: str = "") -> str:
    if column is None:
        return _("line %(line)d") % {"line": line}
    return _("line %(line)d, column %(column)d (%(name)s)") % {
        "line": line, "column": column, "name": name,
    }


def _known_currencies() -> set[str]:
    return {currency.code for currency in codes.currencies()}


def _rate(text: str, where: str, errors: list[str]) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        errors.append(_("%(where)s: “%(value)s” is not a number (write e.g. 117.25).")
                      % {"where": where, "value": text})
        return None
    if not value.is_finite():
        errors.append(_("%(where)s: “%(value)s” is not a finite number.")
                      % {"where": where, "value": text})
        return None
    if value <= 0:
        errors.append(_("%(where)s: the rate %(value)s must be greater than zero.")
                      % {"where": where, "value": text.strip()})
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
        errors.append(_("%(where)s: the rate %(value)s has more than %(places)d decimal places.")
                      % {"where": where, "value": text.strip(), "places": MAX_DECIMAL_PLACES})
        return None
    if len(value.normalize().as_tuple().digits) > MAX_SIGNIFICANT_DIGITS:
        errors.append(_("%(where)s: the rate %(value)s has more than %(digits)d significant "
                        "digits.") % {"where": where, "value": text.strip(),
                                      "digits": MAX_SIGNIFICANT_DIGITS})
        return None
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        errors.append(_("%(where)s: the rate %(value)s is too large.")
                      % {"where": where, "value": text.strip()})
        return None
    return value


def _currency(text: str, where: str, known: set[str], errors: list[str]) -> str | None:
    code = text.strip().upper()
    if code not in known:
        errors.append(_("%(where)s: unknown currency “%(value)s” (ISO 4217 codes such as "
                        "EUR, RSD, VND).") % {"where": where, "value": text.strip()})
        return None
    return code


def _iso_date(text: str, where: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors.append(_("%(where)s: “%(value)s” is not a date (write YYYY-MM-DD).")
                      % {"where": where, "value": text.strip()})
        return None


def _ecb_date(text: str, where: str, errors: list[str]) -> date | None:
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:  # the daily file writes "21 November 2025"
        return datetime.strptime(value, "%d %B %Y").date()  # noqa: DTZ007 - a date, no time
    except ValueError:
        errors.append(_("%(where)s: “%(value)s” is not a date (YYYY-MM-DD or "
                        "“21 November 2025”).") % {"where": where, "value": value})
        return None


def _is_blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def detect_format(header: list[str]) -> str | None:
    """'plain', 'ecb' or None for the header row of a file."""
    cells = [cell.strip() for cell in header]
    if [cell.lower() for cell in cells] == PLAIN_HEADER:
        return "plain"
    rest = [cell for cell in cells[1:] if cell]
    if cells and cells[0].lower() == "date" and rest and all(_CODE.match(c) for c in rest):
        return "ecb"
    return None


def _parse_plain(rows: list[tuple[int, list[str]]], errors: list[str]) -> list[ParsedRate]:
    known = _known_currencies()
    parsed: list[ParsedRate] = []
    for line, row in rows:
        if len(row) != len(PLAIN_HEADER):
            errors.append(_("%(where)s: expected 5 columns (date,base,quote,rate,source), "
                            "found %(count)d.") % {"where": _where(line), "count": len(row)})
            continue
        day = _iso_date(row[0], _where(line, 1, "date"), errors)
        base = _currency(row[1], _where(line, 2, "base"), known, errors)
        quote = _currency(row[2], _where(line, 3, "quote"), known, errors)
        rate = _rate(row[3], _where(line, 4, "rate"), errors)
        source = row[4].strip()
        if not source:
            errors.append(_("%(where)s: say where the rate comes from.")
                          % {"where": _where(line, 5, "source")})
        elif len(source) > MAX_SOURCE_LENGTH:
            errors.append(_("%(where)s: the source is longer than %(max)d characters.")
                          % {"where": _where(line, 5, "source"), "max": MAX_SOURCE_LENGTH})
        if base and quote and base == quote:
            errors.append(_("%(where)s: the quote currency must differ from the base "
                            "currency.") % {"where": _where(line, 3, "quote")})
            continue
        if day and base and quote and rate and source and len(source) <= MAX_SOURCE_LENGTH:
            parsed.append(ParsedRate(line, day, base, quote, rate, source))
    return parsed


def _parse_ecb(
    header: list[str],
    rows: list[tuple[int, list[str]]],
    source: str,
    currencies: Collection[str] | None,
    errors: list[str],
) -> list[ParsedRate]:
    known = _known_currencies()
    wanted = {code.strip().upper() for code in currencies} if currencies else None
    columns: dict[int, str] = {}
    for index, cell in enumerate(header[1:], start=1):
        code = cell.strip()
        if not code or (wanted is not None and code not in wanted):
            continue
        if code not in known:
            errors.append(_("%(where)s: unknown currency “%(value)s”; load only the "
                            "currencies you need with --currencies.")
                          % {"where": _where(1, index + 1, code), "value": code})
            continue
        columns[index] = code
    if wanted is not None:
        for code in sorted(wanted - set(columns.values()) - {"EUR"}):
            errors.append(_("%(where)s: the file has no column “%(code)s”.")
                          % {"where": _where(1), "code": code})
    if len(source) > MAX_SOURCE_LENGTH:
        errors.append(_("The source is longer than %(max)d characters.")
                      % {"max": MAX_SOURCE_LENGTH})
    parsed: list[ParsedRate] = []
    for line, row in rows:
        day = _ecb_date(row[0] if row else "", _where(line, 1, "Date"), errors)
        for index, code in columns.items():
            cell = row[index].strip() if index < len(row) else ""
            if cell in ("", "N/A"):
                continue  # no reference rate for this currency that day
            rate = _rate(cell, _where(line, index + 1, code), errors)
            if day and rate:
                parsed.append(ParsedRate(line, day, "EUR", code, rate, source))
    return parsed


def parse_rates(
    text: str,
    *,
    file_format: str = "auto",
    source: str | None = None,
    currencies: Collection[str] | None = None,
) -> tuple[str, list[ParsedRate]]:
    """The format found and the rates of a file; RatesFileError listing every problem."""
    if file_format not in FORMATS:
        raise RatesFileError([_("Unknown format “%(value)s”; use one of: %(formats)s.")
                              % {"value": file_format, "formats": ", ".join(FORMATS)}])
    rows = [
        (line, row)
        for line, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), start=1)
        if not _is_blank(row)
    ]
    if not rows:
        raise RatesFileError([_("line 1: the file is empty.")])
    header_line, header = rows[0]
    found = detect_format(header)
    if found is None:
        raise RatesFileError([
            _("line %(line)d: unknown format. Expected the header “date,base,quote,rate,"
              "source” (plain) or “Date, USD, JPY, …” (ECB reference rates).")
            % {"line": header_line}
        ])
    if file_format not in ("auto", found):
        raise RatesFileError([
            _("line %(line)d: the header is that of the %(found)s format, not %(wanted)s.")
            % {"line": header_line, "found": found, "wanted": file_format}
        ])
    errors: list[str] = []
    if found == "plain":
        if source is not None or currencies:
            raise RatesFileError([_("--source and --currencies apply to the ECB format only; "
                                    "a plain file names the source on every line.")])
        parsed = _parse_plain(rows[1:], errors)
    else:
        parsed = _parse_ecb(header, rows[1:], source or ECB_SOURCE, currencies, errors)
    first_line: dict[tuple[date, str, str], int] = {}
    for rate in parsed:
        key = (rate.date, rate.base, rate.quote)
        if key in first_line:
            errors.append(_("line %(line)d: a second rate %(base)s→%(quote)s for %(date)s "
                            "(the first is on line %(first)d).") % {
                "line": rate.line, "base": rate.base, "quote": rate.quote,
                "date": rate.date.isoformat(), "first": first_line[key],
            })
        else:
            first_line[key] = rate.line
    if errors:
        raise RatesFileError(errors)
    return found, parsed
