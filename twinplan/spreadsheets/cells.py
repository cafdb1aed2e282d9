"""Reading one cell: text, dates and numbers as the template's language writes them.

A cell the spreadsheet program stored as a date or a number is taken as it is. A cell that
holds text is read in the template's language: German and Serbian write 1.234,5 and
31.12.2026, Vietnamese 1.234,5 and 31/12/2026, English 1,234.5 and 2026-12-31. The ISO
form 2026-12-31 is understood in every language. A date that could be read two ways
(04/03/2026 in an English template, a two-digit year) is refused."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


class CellError(ValueError):
    """Why a cell cannot be read, in the reader's words."""


# Characters a spreadsheet program would take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escaped(value: object) -> object:
    """Text a spreadsheet program would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescaped(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def text_of(value: object) -> str:
    """The cell as text: numbers without a trailing .0, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return unescaped(str(value).strip())


_DECIMAL_COMMA = {"de", "sr", "sr-latn", "vi"}


def decimal_of(value: object, language: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, datetime | date):
        raise CellError(_("This cell holds a date, not a number."))
    text = str(value).strip().replace("\u00a0", " ").replace("\u202f", " ")
    if language in _DECIMAL_COMMA:
        pattern = r"-?(\d{1,3}([. ]\d{3})+|\d+)(,\d+)?"
        grouping, point = ". ", ","
        example = "1.234,5"
    else:
        pattern = r"-?(\d{1,3}([, ]\d{3})+|\d+)(\.\d+)?"
        grouping, point = ", ", "."
        example = "1,234.5"
    if not re.fullmatch(pattern, text):
        raise CellError(_(
            "“%(value)s” is not a number as this template writes them (such as %(example)s)."
        ) % {"value": text, "example": example})
    for mark in grouping:
        text = text.replace(mark, "")
    try:
        return Decimal(text.replace(point, "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from error


def integer_of(value: object, language: str) -> int | None:
    number = decimal_of(value, language)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": text_of(value)})
    return int(number)


_DAY_FIRST = {"de": "31.12.2026", "sr": "31.12.2026", "sr-latn": "31.12.2026",
              "vi": "31/12/2026"}


def date_of(value: object, language: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        raise CellError(_("“%(value)s” is a number, not a date; type the date as the "
                          "template shows (such as %(example)s).")
                        % {"value": text_of(value),
                           "example": _DAY_FIRST.get(language, "2026-12-31")})
    text = str(value).strip().rstrip(".") if language != "en" else str(value).strip()
    example = _DAY_FIRST.get(language, "2026-12-31")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    parts = re.fullmatch(r"(\d{1,2})([./])\s?(\d{1,2})\2\s?(\d{2}|\d{4})", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if parts:
            first, separator, second, year = parts[1], parts[2], parts[3], parts[4]
            if len(year) == 2:
                raise CellError(_("“%(value)s” has a two-digit year; write the year in full "
                                  "(such as %(example)s).") % {"value": text,
                                                               "example": example})
            day_first = (language in ("de", "sr", "sr-latn") and separator == ".") or (
                language == "vi" and separator == "/"
            )
            a, b = int(first), int(second)
            if day_first:
                return date(int(year), b, a)
            if a != b and a <= 12 and b <= 12:
                raise CellError(_(
                    "“%(value)s” can be read as two different dates; write it as %(example)s "
                    "or as 2026-12-31."
                ) % {"value": text, "example": example})
            day, month = (a, b) if a > 12 or a == b else (b, a)
            return date(int(year), month, day)
    except ValueError as error:
        if isinstance(error, CellError):
            raise
        raise CellError(_("“%(value)s” is not a date of the calendar.") % {"value": text}) \
            from error
    raise CellError(_("“%(value)s” is not a date as this template writes them (such as "
                      "%(example)s).") % {"value": text, "example": example})


def list_of(value: object) -> list[str]:
    """The items of a list cell, separated by semicolons or line breaks."""
    text = text_of(value)
    return [item.strip() for item in re.split(r"[;\n]", text) if item.strip()]
