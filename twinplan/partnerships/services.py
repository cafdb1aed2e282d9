"""Writes for partnerships: the partnership with its members, agreements, awards with their
prize money, phases, roles and the invitations that grant them. Each validates fully,
records its author in the history and saves nothing on bad input; links to municipalities
and organisations stay within the partnership."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.services import validated_save
from twinplan.core.writes import (
    Author,
    object_change,
    object_insert,
    object_remove,
    object_set_published,
)
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    FundingProgramme,
    FundingProgrammeCoordinator,
    Invitation,
    Partnership,
    PartnershipMember,
    PartnershipRole,
    Phase,
    RoleKind,
)

MIN_MEMBERS = 2


def funding_programme_create(*, name: str, slug: str, **fields: Any) -> FundingProgramme:
    return validated_save(FundingProgramme(name=name, slug=slug, **fields))


def member_ids(partnership: Partnership | int) -> set[int]:
    """The keys of the partnership's member municipalities (one query)."""
    return set(
        PartnershipMember.objects.filter(partnership=partnership)
        .values_list("municipality_id", flat=True)
    )


def _not_a_member(town: Municipality) -> str:
    return _("“%(town)s” is not a member of this partnership.") % {"town": town}


# --- the partnership and its members ----------------------------------------------------


class PartnershipFields(TypedDict, total=False):
    """What a partnership's coordinators write; its short name in URLs is given once, at
    creation, its members through their own services."""

    title: str
    kind: str
    summary: str
    description: str
    aims: str
    agenda_2030_value: str
    start_date: date | None
    initiator: Organisation | None
    funding_programme: FundingProgramme | None
    working_languages: list[str]
    original_language: str


def _partnership_integrity(members: set[int], fields: Mapping[str, Any]) -> None:
    """The initiator is an organisation of a member municipality or of none (a national
    association), never one located in another town."""
    initiator = fields.get("initiator")
    if initiator is not None and initiator.municipality_id not in (None, *members):
        raise ValidationError({"initiator": _(
            "“%(organisation)s” is located in a municipality that is not a member of this "
            "partnership."
        ) % {"organisation": initiator}})


@transaction.atomic
def partnership_create(
    *,
    by: Author,
    slug: str,
    municipalities: Sequence[Municipality],
    **fields: Unpack[PartnershipFields],
) -> Partnership:
    """A partnership of two or more municipalities, in the order given; its working
    languages default to the members' first languages, its original language to the first
    member's."""
    towns = list(municipalities)
    if len({town.pk for town in towns}) != len(towns):
        raise ValidationError({"municipalities": _("Each municipality is a member only once.")})
    if len(towns) < MIN_MEMBERS:
        raise ValidationError({"municipalities": _(
            "A partnership has at least two member municipalities."
        )})
    _partnership_integrity({town.pk for town in towns}, fields)
    if not fields.get("working_languages"):
        languages = [town.first_language for town in towns if town.first_language]
        fields["working_languages"] = list(dict.fromkeys(languages))
    fields.setdefault("original_language", towns[0].first_language or "en")
    partnership = object_insert(Partnership(slug=slug, **fields), by=by)
    for position, town in enumerate(towns):
        validated_save(
            PartnershipMember(partnership=partnership, municipality=town, position=position)
        )
    return partnership


def partnership_update(
    partnership: Partnership, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[PartnershipFields],
) -> Partnership:
    """Change the fields given; refused (EditConflict) when `expected_version` is stale."""
    _partnership_integrity(member_ids(partnership), fields)
    return object_change(partnership, by=by, expected_version=expected_version, values=fields)


def partnership_publish(
    partnership: Partnership, /, *, by: Author, published: bool = True
) -> Partnership:
    return object_set_published(partnership, by=by, published=published)


@transaction.atomic
def partnership_member_add(
    *, partnership: Partnership, municipality: Municipality, by: Author,
    joined_on: date | None = None,
) -> PartnershipMember:
    """A further member municipality, after the others."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).get()
    if municipality.pk in member_ids(partnership):
        raise ValidationError({"municipality": _("Each municipality is a member only once.")})
    return validated_save(PartnershipMember(
        partnership=partnership, municipality=municipality, joined_on=joined_on,
        position=partnership.members.count(),
    ))


@transaction.atomic
def partnership_member_remove(
    partnership: Partnership, municipality: Municipality, /, *, by: Author
) -> None:
    """Remove a member; refused when fewer than two would remain. The partnership's row is
    locked, so two removals at once cannot both pass the count."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).get()
    members = member_ids(partnership)
    if municipality.pk not in members:
        raise ValidationError({"municipality": _not_a_member(municipality)})
    if len(members) - 1 < MIN_MEMBERS:
        raise ValidationError({"municipality": _(
            "A partnership has at least two member municipalities."
        )})
    PartnershipMember.objects.filter(partnership=partnership, municipality=municipality).delete()


# --- agreements -------------------------------------------------------------------------


class AgreementFields(TypedDict, total=False):
    kind: str
    title: str
    signed_on: date | None
    place: str
    parties: Sequence[Municipality]
    description: str
    source: str
    original_language: str


def _agreement_integrity(partnership: Partnership | int, fields: Mapping[str, Any]) -> None:
    """The parties of an agreement are members of its partnership."""
    members = member_ids(partnership)
    outside = [town for town in fields.get("parties", ()) if town.pk not in members]
    if outside:
        raise ValidationError({"parties": _not_a_member(outside[0])})


def agreement_create(
    *, partnership: Partnership, by: Author, **fields: Unpack[AgreementFields]
) -> Agreement:
    _agreement_integrity(partnership, fields)
    fields.setdefault("original_language", partnership.original_language)
    values: dict[str, Any] = dict(fields)
    links = {"parties": values.pop("parties")} if "parties" in values else {}
    return object_insert(Agreement(partnership=partnership, **values), by=by, links=links)


def agreement_update(
    agreement: Agreement, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[AgreementFields],
) -> Agreement:
    _agreement_integrity(agreement.partnership_id, fields)
    return object_change(agreement, by=by, expected_version=expected_version, values=fields)


def agreement_delete(agreement: Agreement, /, *, by: Author) -> None:
    object_remove(agreement, by=by, scope=agreement.partnership)


# --- awards and their prize money -------------------------------------------------------


class AwardFields(TypedDict, total=False):
    name: str
    category: str
    awarded_on: date | None
    place: str
    awarded_by: str
    description: str
    source: str
    original_language: str


def award_create(*, partnership: Partnership, by: Author, **fields: Unpack[AwardFields]) -> Award:
    """An award; the prize money each recipient got is added with `award_amount_create`."""
    fields.setdefault("original_language", partnership.original_language)
    return object_insert(Award(partnership=partnership, **fields), by=by)


def award_update(
    award: Award, /, *, by: Author, expected_version: int | None, **fields: Unpack[AwardFields]
) -> Award:
    return object_change(award, by=by, expected_version=expected_version, values=fields)


def award_delete(award: Award, /, *, by: Author) -> None:
    """The award and its prize money."""
    object_remove(award, by=by, scope=award.partnership)


class AwardAmountFields(TypedDict, total=False):
    recipient: Municipality
    amount: Decimal
    currency: str


def _award_amount_integrity(award: Award, fields: Mapping[str, Any]) -> None:
    """Prize money goes to a member of the award's partnership."""
    recipient = fields.get("recipient")
    if recipient is not None and recipient.pk not in member_ids(award.partnership_id):
        raise ValidationError({"recipient": _not_a_member(recipient)})


def award_amount_create(
    *, award: Award, by: Author, **fields: Unpack[AwardAmountFields]
) -> AwardAmount:
    """Prize money paid to one recipient (30,000 € to each partner is two of these)."""
    _award_amount_integrity(award, fields)
    return object_insert(AwardAmount(award=award, **fields), by=by)


def award_amount_update(
    amount: AwardAmount, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[AwardAmountFields],
) -> AwardAmount:
    _award_amount_integrity(amount.award, fields)
    return object_change(amount, by=by, expected_version=expected_version, values=fields)


def award_amount_delete(amount: AwardAmount, /, *, by: Author) -> None:
    object_remove(amount, by=by, scope=amount.award.partnership)


# --- phases -----------------------------------------------------------------------------


class PhaseFields(TypedDict, total=False):
    kind: str
    title: str
    start_date: date | None
    end_date: date | None
    position: int
    description: str
    original_language: str
    is_demo_content: bool


def phase_create(*, partnership: Partnership, by: Author, **fields: Unpack[PhaseFields]) -> Phase:
    """A phase, after the partnership's others unless `position` says otherwise."""
    fields.setdefault("original_language", partnership.original_language)
    fields.setdefault("position", partnership.phases.count())
    return object_insert(Phase(partnership=partnership, **fields), by=by)


def phase_update(
    phase: Phase, /, *, by: Author, expected_version: int | None, **fields: Unpack[PhaseFields]
) -> Phase:
    return object_change(phase, by=by, expected_version=expected_version, values=fields)


def phase_delete(phase: Phase, /, *, by: Author) -> None:
    """The phase; its events stay, without a phase."""
    object_remove(phase, by=by, scope=phase.partnership)


# --- roles ------------------------------------------------------------------------------


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


# --- invitations -----------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    token: str


@transaction.atomic
def invitation_create(
    *,
    partnership: Partnership,
    email: str,
    role: str,
    invited_by: User,
    accept_url: Callable[[str], str],
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> SentInvitation:
    """Store a single-use invitation and e-mail its link. `accept_url(token)` builds the
    absolute link. Only the token's hash is stored."""
    if role == RoleKind.COORDINATOR and municipality is None:
        raise ValidationError({"municipality": _("A coordinator acts for a municipality.")})
    if role == RoleKind.CONTRIBUTOR and municipality is not None:
        raise ValidationError({"municipality": _("Contributors act for an organisation.")})
    members = Municipality.objects.filter(memberships__partnership=partnership)
    if municipality is not None and not members.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _(
            "“%(town)s” is not a member of this partnership."
        ) % {"town": municipality}})
    if organisation is not None and not members.filter(
        pk__in=[organisation.municipality_id]
    ).exists():
        raise ValidationError({"organisation": _(
            "“%(organisation)s” is not an organisation of this partnership's towns."
        ) % {"organisation": organisation}})
    token = secrets.token_urlsafe(32)
    invitation = validated_save(
        Invitation(
            partnership=partnership,
            email=email,
            role=role,
            municipality=municipality,
            organisation=organisation,
            token_hash=_token_hash(token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
    )
    link = accept_url(token)
    send_mail(
        subject=_("Invitation to %(partnership)s on twinplan") % {"partnership": partnership},
        message=_(
            "%(name)s invites you to work on “%(partnership)s” as %(role)s.\n\n"
            "Open this link to accept (valid for %(days)s days, once):\n%(link)s\n"
        )
        % {
            "name": invited_by,
            "partnership": partnership,
            "role": invitation.get_role_display(),
            "days": settings.INVITATION_VALID_DAYS,
            "link": link,
        },
        from_email=None,
        recipient_list=[email],
    )
    return SentInvitation(invitation=invitation, token=token)


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a link, or None when unknown, used or expired."""
    invitation = Invitation.objects.filter(token_hash=_token_hash(token)).first()
    return invitation if invitation is not None and invitation.is_open else None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> PartnershipRole:
    """Grant the invited role to `user` and close the invitation; a used link stays used."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("This invitation has been used or has expired."))
    existing = PartnershipRole.objects.filter(
        user=user, partnership=locked.partnership, role=locked.role
    ).first()
    role = existing or role_grant(
        user=user,
        partnership=locked.partnership,
        role=locked.role,
        municipality=locked.municipality,
        organisation=locked.organisation,
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return role
