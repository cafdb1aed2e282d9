"""Money written the way each interface language writes it.

Django's own format modules cover dates and plain numbers (``|date:"DATE_FORMAT"``,
``|floatformat:"-2g"``, ``|intcomma``); they know nothing of currencies. Babel carries the
CLDR data for those: the symbol, its place, the separators and the number of decimals each
currency uses (none for VND and RSD).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, format_percent
from django.core.signals import setting_changed
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import to_locale

FALLBACK_LOCALE = "en"


@lru_cache(maxsize=32)
def babel_locale(language: str) -> Locale:
    """The Babel locale of a Django language code: "sr-latn" → sr_Latn, "sr" → sr (Cyrillic);
    English for a code CLDR does not know."""
    try:
        return Locale.parse(to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LOCALE)


def format_money(amount: Decimal | int | float, currency: str, language: str) -> str:
    """`30000, "EUR", "de"` → "30.000,00 €" (with a no-break space), "€30,000.00" in English."""
    return format_currency(amount, currency.upper(), locale=babel_locale(language))


def format_number(value: Decimal | int | float, language: str, *, places: int = 2) -> str:
    """`12500.5, "de"` → "12.500,5": grouped as the language writes numbers, at most `places`
    decimals, no trailing zeros."""
    pattern = "#,##0" + ("." + "#" * places if places > 0 else "")
    return format_decimal(value, format=pattern, locale=babel_locale(language))


def format_percent_value(value: Decimal | int | float, language: str) -> str:
    """A percentage given as 0–100, whole (`45.4, "de"` → "45 %", "45%" in English and
    Vietnamese)."""
    return format_percent(Decimal(round(float(value))) / 100, locale=babel_locale(language))


# --- dates in running text ----------------------------------------------------------------

# Serbian writes the month of a full date in the genitive ("3. јануара 2018."); Django's
# format module and CLDR (Babel's format_date(…, "long", locale="sr")) both give the
# nominative ("3. јануар 2018."), which reads wrong. Ekavian forms, Cyrillic and Latin.
_SERBIAN_GENITIVE_MONTHS = {
    "sr": ("јануара", "фебруара", "марта", "априла", "маја", "јуна", "јула", "августа",
           "септембра", "октобра", "новембра", "децембра"),
    "sr-latn": ("januara", "februara", "marta", "aprila", "maja", "juna", "jula", "avgusta",
                "septembra", "oktobra", "novembra", "decembra"),
}


def format_date_long(value: date, language: str) -> str:
    """A date as running text in `language` writes it: "3. Januar 2018" (de), "Jan. 3,
    2018" (en), "3. јануара 2018." (sr, genitive), "ngày 3 tháng 1 năm 2018" (vi, our
    format module). Uses Django's DATE_FORMAT of the language except for Serbian. Each
    date is written once per language and process (a page of 100 measured values wrote
    them on every request, switching the language for each)."""
    return _date_long(value, language)


@lru_cache(maxsize=8192)
def _date_long(value: date, language: str) -> str:
    months = _SERBIAN_GENITIVE_MONTHS.get(language.lower())
    if months is not None:
        return f"{value.day}. {months[value.month - 1]} {value.year}."
    with translation.override(language):
        return date_format(value, "DATE_FORMAT")


def _forget_dates(**_kwargs: object) -> None:
    _date_long.cache_clear()


# A changed format setting (tests) writes the dates anew.
setting_changed.connect(_forget_dates, dispatch_uid="twinplan-formats-forget-dates")
