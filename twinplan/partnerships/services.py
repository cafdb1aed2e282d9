"""Writes for partnerships. Each validates fully and saves nothing on bad input."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from twinplan.accounts.models import User
from twinplan.core.services import validated_save
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    FundingProgramme,
    FundingProgrammeCoordinator,
    Partnership,
    PartnershipMember,
    PartnershipRole,
    Phase,
)


def funding_programme_create(*, name: str, slug: str, **fields: Any) -> FundingProgramme:
    return validated_save(FundingProgramme(name=name, slug=slug, **fields))


@transaction.atomic
def partnership_create(
    *,
    slug: str,
    title: str,
    kind: str,
    municipalities: Sequence[Municipality],
    **fields: Any,
) -> Partnership:
    """A partnership of two or more municipalities; its working languages default to the
    members' first languages, its original language to the first member's."""
    if not fields.get("working_languages"):
        languages = [m.first_language for m in municipalities if m.first_language]
        fields["working_languages"] = list(dict.fromkeys(languages))
    if "original_language" not in fields and municipalities:
        fields["original_language"] = municipalities[0].first_language or "en"
    partnership = validated_save(Partnership(slug=slug, title=title, kind=kind, **fields))
    for position, municipality in enumerate(municipalities):
        validated_save(
            PartnershipMember(partnership=partnership, municipality=municipality, position=position)
        )
    return partnership


@transaction.atomic
def agreement_create(
    *,
    partnership: Partnership,
    kind: str,
    title: str,
    parties: Sequence[Municipality] = (),
    **fields: Any,
) -> Agreement:
    fields.setdefault("original_language", partnership.original_language)
    agreement = validated_save(Agreement(partnership=partnership, kind=kind, title=title, **fields))
    agreement.parties.set(parties)
    return agreement


@transaction.atomic
def award_create(
    *,
    partnership: Partnership,
    name: str,
    amounts: Sequence[tuple[Municipality, Decimal, str]] = (),
    **fields: Any,
) -> Award:
    """An award with the prize money each recipient got: (municipality, amount, currency)."""
    fields.setdefault("original_language", partnership.original_language)
    award = validated_save(Award(partnership=partnership, name=name, **fields))
    for recipient, amount, currency in amounts:
        validated_save(
            AwardAmount(award=award, recipient=recipient, amount=amount, currency=currency)
        )
    return award


def phase_create(
    *,
    partnership: Partnership,
    kind: str,
    title: str,
    start_date: date | None = None,
    end_date: date | None = None,
    **fields: Any,
) -> Phase:
    fields.setdefault("original_language", partnership.original_language)
    fields.setdefault("position", partnership.phases.count())
    return validated_save(
        Phase(
            partnership=partnership,
            kind=kind,
            title=title,
            start_date=start_date,
            end_date=end_date,
            **fields,
        )
    )


def role_grant(
    *, user: User, partnership: Partnership, role: str, **fields: Any
) -> PartnershipRole:
    return validated_save(PartnershipRole(user=user, partnership=partnership, role=role, **fields))


def programme_coordinator_grant(
    *, user: User, funding_programme: FundingProgramme
) -> FundingProgrammeCoordinator:
    return validated_save(
        FundingProgrammeCoordinator(user=user, funding_programme=funding_programme)
    )
