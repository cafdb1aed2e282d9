"""Writes of money: resource lines and exchange rates. Each is keyword-only, validates the
whole object and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.formats import format_number
from twinplan.core.pagecache import public_generation_bump
from twinplan.core.services import validated_save
from twinplan.core.writes import (
    Author,
    object_change,
    object_copy_values,
    object_insert,
    object_remove,
)
from twinplan.money.models import CurrencyRate, Resource
from twinplan.money.rates_csv import RatesFileError, parse_rates
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Award, FundingProgramme
from twinplan.partnerships.services import member_ids
from twinplan.programmes.models import Measure

# --- resource lines --------------------------------------------------------------------


class ResourceFields(TypedDict, total=False):
    """What the author of a resource line writes; the measure is fixed when it is added."""

    kind: str
    planned_amount: Decimal | None
    spent_amount: Decimal | None
    currency: str
    source_of_funds: str
    award: Award | None
    funding_programme: FundingProgramme | None
    provided_by: Municipality | None
    provided_by_organisation: Organisation | None
    value_amount: Decimal | None
    value_currency: str
    valuation: str
    date: date | None
    description: str
    original_language: str


def _resource_integrity(measure: Measure, fields: Mapping[str, Any]) -> None:
    """A resource line names only its own partnership's towns, organisations of those
    towns and awards."""
    partnership_id = measure.programme.partnership_id
    members = member_ids(partnership_id)
    errors: dict[str, str] = {}
    town = fields.get("provided_by")
    if town is not None and town.pk not in members:
        errors["provided_by"] = _("“%(town)s” is not a member of this partnership.") % {
            "town": town
        }
    organisation = fields.get("provided_by_organisation")
    if organisation is not None and organisation.municipality_id not in members:
        errors["provided_by_organisation"] = _(
            "“%(organisation)s” is not an organisation of this partnership's towns."
        ) % {"organisation": organisation}
    award = fields.get("award")
    if award is not None and award.partnership_id != partnership_id:
        errors["award"] = _("The award belongs to another partnership.")
    if errors:
        raise ValidationError(errors)


def resource_create(
    *, measure: Measure, by: Author, **fields: Unpack[ResourceFields]
) -> Resource:
    """A resource line of `measure`, written in the measure's language unless
    `original_language` says otherwise."""
    _resource_integrity(measure, fields)
    fields.setdefault("original_language", measure.original_language)
    return object_insert(Resource(measure=measure, **fields), by=by)


def resource_update(
    resource: Resource, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ResourceFields],
) -> Resource:
    _resource_integrity(resource.measure, fields)
    return object_change(resource, by=by, expected_version=expected_version, values=fields)


def resource_delete(resource: Resource, /, *, by: Author) -> None:
    object_remove(resource, by=by, scope=resource.measure.programme.partnership)


# --- exchange rates --------------------------------------------------------------------


def exchange_rate_add(
    *, date: date, base: str, quote: str, rate: Decimal, source: str,
    is_demo_content: bool = False,
) -> CurrencyRate:
    """A new rate. One rate a day and pair: the rates are shared by every partnership, so a
    stored one is not replaced here but corrected by a network admin's rates file."""
    stored = CurrencyRate.objects.filter(date=date, base=base.upper(),
                                         quote=quote.upper()).first()
    if stored is not None:
        raise ValidationError({"date": _(
            "A rate from %(base)s to %(quote)s is stored for this day already: %(rate)s, "
            "from “%(source)s”. A network admin corrects it by loading a rates file."
        ) % {"base": stored.base, "quote": stored.quote, "source": stored.source,
             "rate": _rate_text(stored.rate)}})
    return validated_save(CurrencyRate(date=date, base=base, quote=quote, rate=rate,
                                       source=source, is_demo_content=is_demo_content))


def _rate_text(rate: Decimal) -> str:
    """A rate in the reader's number format, without trailing zeros."""
    normalised = rate.normalize()
    places = max(0, -int(normalised.as_tuple().exponent))
    return format_number(normalised, get_language() or "en", places=places)


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
    if new or changed:
        # bulk writes send no model signals: the cached public pages are retired here.
        public_generation_bump()
    return RatesLoaded(found, len(new), len(changed), len(parsed) - len(new) - len(changed))


@transaction.atomic
def resources_copy_for_edition(*, measures: dict[int, Measure], by: Author, **_signal: Any) -> None:
    """The resource lines of a programme's previous edition, for the measures of its new
    one: what is planned, not what was spent (that stays with the edition it was spent in;
    connected to programmes.services.edition_started)."""
    for resource in Resource.objects.filter(measure_id__in=list(measures)):
        object_insert(Resource(
            **object_copy_values(resource, exclude=("measure", "spent_amount")),
            measure=measures[resource.measure_id],
        ), by=by)
