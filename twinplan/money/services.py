"""Writes of money: resource lines and exchange rates. Each is keyword-only, validates the
whole object and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from twinplan.core.services import validated_save
from twinplan.money.models import CurrencyRate, Resource
from twinplan.money.rates_csv import RatesFileError, parse_rates
from twinplan.programmes.models import Measure

# --- resource lines --------------------------------------------------------------------


def resource_add(*, measure: Measure, **fields: Any) -> Resource:
    fields.setdefault("original_language", measure.original_language)
    return validated_save(Resource(measure=measure, **fields))


# --- exchange rates --------------------------------------------------------------------


def exchange_rate_add(
    *, date: date, base: str, quote: str, rate: Decimal, source: str,
    is_demo_content: bool = False,
) -> CurrencyRate:
    return validated_save(CurrencyRate(date=date, base=base, quote=quote, rate=rate,
                                       source=source, is_demo_content=is_demo_content))


@dataclass(frozen=True)
class RatesLoaded:
    file_format: str
    created: int
    changed: int
    unchanged: int


@transaction.atomic
def exchange_rates_load(
    *,
    text: str,
    file_format: str = "auto",
    source: str | None = None,
    currencies: Collection[str] | None = None,
    is_demo_content: bool = False,
    keep_existing: bool = False,
) -> RatesLoaded:
    """Load a rates file (plain CSV or the ECB's reference rates) in one transaction.

    A rate already stored for the same day and pair is updated when it differs and left
    alone when it does not, so loading a file twice changes nothing; with
    `keep_existing` it is always left alone (the demo rates never replace real ones).
    Any problem in the file raises a ValidationError listing each by line and column, and
    nothing is saved.
    """
    try:
        found, parsed = parse_rates(text, file_format=file_format, source=source,
                                    currencies=currencies)
    except RatesFileError as error:
        raise ValidationError(error.messages) from error
    if not parsed:
        return RatesLoaded(found, 0, 0, 0)
    existing = {
        (row.date, row.base, row.quote): row
        for row in CurrencyRate.objects.filter(
            date__range=(min(r.date for r in parsed), max(r.date for r in parsed)),
            base__in={r.base for r in parsed},
            quote__in={r.quote for r in parsed},
        )
    }
    new, changed = [], []
    now = timezone.now()
    for rate in parsed:
        row = existing.get((rate.date, rate.base, rate.quote))
        if row is None:
            new.append(CurrencyRate(date=rate.date, base=rate.base, quote=rate.quote,
                                    rate=rate.rate, source=rate.source,
                                    is_demo_content=is_demo_content))
        elif not keep_existing and (row.rate, row.source, row.is_demo_content) != (
            rate.rate, rate.source, is_demo_content
        ):
            row.rate, row.source, row.is_demo_content = rate.rate, rate.source, is_demo_content
            row.updated_at = now
            changed.append(row)
    CurrencyRate.objects.bulk_create(new, batch_size=500)
    CurrencyRate.objects.bulk_update(
        changed, ["rate", "source", "is_demo_content", "updated_at"], batch_size=500
    )
    return RatesLoaded(found, len(new), len(changed), len(parsed) - len(new) - len(changed))
