"""Writes for partnerships, their roles and the invitations that grant them. Each
validates fully and saves nothing on bad input."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.services import validated_save
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
