"""Money written the way each interface language writes it.

Django's own format modules cover dates and plain numbers (``|date:"DATE_FORMAT"``,
``|floatformat:"-2g"``, ``|intcomma``); they know nothing of currencies. Babel carries the
CLDR data for those: the symbol, its place, the separators and the number of decimals each
currency uses (none for VND and RSD).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency
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
