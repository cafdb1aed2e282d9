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
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan.accounts.models import User
from twinplan.core.models import ReviewState
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
    PhaseKind,
    PhaseStatus,
    RoleKind,
)
from twinplan.partnerships.permissions import partnership_access

MIN_MEMBERS = 2


def funding_programme_create(*, name: str, slug: str, **fields: Any) -> FundingProgramme:
    return validated_save(FundingProgramme(name=name, slug=slug, **fields))


class FundingProgrammeIatiFields(TypedDict, total=False):
    iati_identifier_prefix: str
    iati_reporting_org_ref: str
    iati_reporting_org_type: str
    iati_reporting_org_name: str


def funding_programme_iati_update(
    programme: FundingProgramme, /, *, by: Author, **fields: Unpack[FundingProgrammeIatiFields]
) -> FundingProgramme:
    """How the programme's partnerships are published in IATI (the network admin's
    settings); validated in full, nothing saved when nothing changed."""
    return object_change(programme, by=by, expected_version=None, values=fields)


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
    review_contributions: bool
    stale_after_days: int


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


def _as_user(by: Author) -> User | AnonymousUser:
    return by if isinstance(by, User) else AnonymousUser()


def _history_save(partnership: Partnership, by: Author, fields: list[str]) -> None:
    """Save `fields` of the partnership with a history record naming `by`, past the write
    guard (archiving is the one write an archived partnership accepts)."""
    partnership._history_user = by  # type: ignore[attr-defined]
    partnership.save(update_fields=fields)


@transaction.atomic
def partnership_archive(
    partnership: Partnership, /, *, by: Author, archived: bool = True
) -> Partnership:
    """Archive an ended partnership: it stays public, and every write service refuses to
    change anything in it until it is taken out of the archive again (by the same
    service, `archived=False`). Only its coordinators and network admins archive."""
    if by is not None and not partnership_access(_as_user(by), partnership).edit:
        raise PermissionDenied(_("Only the partnership's coordinators archive it."))
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if (current.archived_on is not None) == archived:
        return current
    current.archived_on = timezone.localdate() if archived else None
    _history_save(current, by, ["archived_on"])
    return current


# The objects an archived partnership's guard finds its partnership through, in order.
_TOWARDS_PARTNERSHIP = ("partnership", "programme", "measure", "event", "indicator", "goal",
                        "award")


def partnership_of(obj: Any) -> Partnership | None:
    """The partnership an object of the workspace belongs to, following its parents
    (a measure's programme, a measured value's indicator …); None for what belongs to no
    single partnership (a municipality, an organisation)."""
    for _depth in range(6):
        if isinstance(obj, Partnership):
            return obj
        parent = None
        for name in _TOWARDS_PARTNERSHIP:
            try:
                field = obj._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_one:
                parent = getattr(obj, name, None)
                if parent is not None:
                    break
        if parent is None:
            return None
        obj = parent
    return None


def archived_write_guard(obj: Any) -> None:
    """Refuse any write into an archived partnership (registered with core.writes in
    PartnershipsConfig.ready, so every app's services keep it)."""
    partnership = partnership_of(obj)
    if partnership is None or partnership.pk is None:
        return
    archived = Partnership.objects.filter(pk=partnership.pk).values_list(
        "archived_on", flat=True
    ).first()
    if archived is not None:
        raise ValidationError(_(
            "%(partnership)s is archived: nothing in it can be changed any more."
        ) % {"partnership": partnership})


# --- review of contributors' reports -------------------------------------------------------


def contribution_state(*, by: Author, partnership: Partnership) -> str:
    """The review state a report written or changed by `by` starts in: approved for the
    partnership's coordinators, network admins and commands (no `by`), and whenever the
    partnership does not review contributions; otherwise waiting for review."""
    if by is None or not partnership.review_contributions:
        return ReviewState.APPROVED
    if partnership_access(_as_user(by), partnership).edit:
        return ReviewState.APPROVED
    return ReviewState.PENDING


def may_review(by: Author, partnership: Partnership) -> bool:
    return by is not None and partnership_access(_as_user(by), partnership).edit


def review_decision(
    *, by: Author, partnership: Partnership, approve: bool, reason: str = ""
) -> dict[str, Any]:
    """The values a review writes: approved, or declined with the reason its author reads.
    Only the partnership's coordinators (and network admins) review."""
    if not may_review(by, partnership):
        raise PermissionDenied(_("Only the partnership's coordinators review reports."))
    reason = reason.strip()
    if approve:
        return {"review_state": ReviewState.APPROVED, "review_reason": ""}
    if not reason:
        raise ValidationError({"review_reason": _(
            "Say why the entry is declined, so that its author can improve it."
        )})
    return {"review_state": ReviewState.DECLINED, "review_reason": reason}


def contribution_values(
    obj: Any, /, *, by: Author, partnership: Partnership, fields: Mapping[str, Any]
) -> dict[str, Any]:
    """`fields` of a report's update, with the review state it returns to: a contributor's
    change that changes something waits for review again (their earlier decline's reason
    is cleared); a coordinator's change keeps the state."""
    values = dict(fields)
    state = contribution_state(by=by, partnership=partnership)
    if state == ReviewState.APPROVED:
        return values
    changes = any(
        getattr(obj, name) != value
        for name, value in fields.items()
        if not obj._meta.get_field(name).many_to_many
    )
    if changes:
        values.update(review_state=state, review_reason="")
    return values


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
    status: str
    position: int
    description: str
    original_language: str
    is_demo_content: bool


# The phases of a climate partnership (the seeds' process), as the template offers them.
PHASE_TEMPLATE = (
    PhaseKind.PREPARATION,
    PhaseKind.KICK_OFF,
    PhaseKind.EXCHANGE,
    PhaseKind.PROGRAMME,
    PhaseKind.RESOLUTION,
    PhaseKind.IMPLEMENTATION,
    PhaseKind.RESULTS,
)

_TEMPLATE_TITLES = {
    PhaseKind.PREPARATION: gettext_lazy("Preparation"),
    PhaseKind.KICK_OFF: gettext_lazy("Kick-off workshop"),
    PhaseKind.EXCHANGE: gettext_lazy("Delegation trips and expert secondments"),
    PhaseKind.PROGRAMME: gettext_lazy("Development of the joint action programme"),
    PhaseKind.RESOLUTION: gettext_lazy("Adoption by both councils"),
    PhaseKind.IMPLEMENTATION: gettext_lazy("Implementation"),
    PhaseKind.RESULTS: gettext_lazy("Results conference"),
}


@transaction.atomic
def phases_from_template(*, partnership: Partnership, by: Author) -> list[Phase]:
    """The climate-partnership programme's phases that the partnership does not have yet,
    after its others, planned; each named in the partnership's original language, with its
    name in the other working languages as translations (so a coordinator may rename them
    like any text)."""
    from twinplan.core.services import TranslationEdit, translations_set
    from twinplan.core.translation import TranslationStatus

    have = set(partnership.phases.values_list("kind", flat=True))
    created = []
    for kind in PHASE_TEMPLATE:
        if kind in have:
            continue
        title = _TEMPLATE_TITLES[kind]
        with translation.override(partnership.original_language):
            original = str(title)
        phase = phase_create(partnership=partnership, by=by, kind=kind, title=original,
                             status=PhaseStatus.PLANNED)
        for language in partnership.working_languages:
            if language == partnership.original_language:
                continue
            with translation.override(language):
                text = str(title)
            phase._history_user = by  # type: ignore[attr-defined]
            translations_set(obj=phase, language=language, edits=[TranslationEdit(
                field="title", text=text, status=TranslationStatus.HUMAN)])
        created.append(phase)
    return created


def phase_current(partnership: Partnership, phases: Sequence[Phase] | None = None
                  ) -> Phase | None:
    """Where the partnership stands: the phase under way (the earliest, if several), else
    the last completed one. `phases`: the partnership's, when already read."""
    phases = list(partnership.phases.all()) if phases is None else list(phases)
    current = [phase for phase in phases if phase.status == PhaseStatus.CURRENT]
    if current:
        return current[0]
    done = [phase for phase in phases if phase.status == PhaseStatus.COMPLETED]
    return done[-1] if done else None


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
    language: str = "",
) -> SentInvitation:
    """Store a single-use invitation and e-mail its link in the invitee's language
    (`language`, else the profile language of an account with that address, else the
    language the inviter works in). `accept_url(token)` builds the absolute link. Only the
    token's hash is stored."""
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
            language=_invitation_language(email, language),
        )
    )
    _invitation_mail(invitation, accept_url, token)
    return SentInvitation(invitation=invitation, token=token)


def _invitation_language(email: str, language: str) -> str:
    interface = {code for code, _name in settings.LANGUAGES}
    if language in interface:
        return language
    invitee = User.objects.filter(email__iexact=email, is_active=True).first()
    if invitee is not None and invitee.language in interface:
        return invitee.language
    current = translation.get_language() or ""  # the language the inviter works in now
    return current if current in interface else settings.LANGUAGE_CODE


def _invitation_mail(
    invitation: Invitation, accept_url: Callable[[str], str], token: str
) -> None:
    """The invitation's mail, in the invitation's language; so is the page its link opens."""
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        _send_invitation_mail(invitation, accept_url(token))


def _send_invitation_mail(invitation: Invitation, link: str) -> None:
    partnership = invitation.partnership
    invited_by = invitation.invited_by
    email = invitation.email
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


@transaction.atomic
def invitation_resend(
    invitation: Invitation, /, *, by: User, accept_url: Callable[[str], str]
) -> SentInvitation:
    """A new link for an invitation not yet accepted (the old link stops working), valid
    for the full time again, mailed in the invitation's language."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValidationError(_("This invitation has been accepted already."))
    token = secrets.token_urlsafe(32)
    locked.token_hash = _token_hash(token)
    locked.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    locked.save(update_fields=["token_hash", "expires_at", "updated_at"])
    _invitation_mail(locked, accept_url, token)
    return SentInvitation(invitation=locked, token=token)


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


# --- starting a partnership in one step --------------------------------------------------

RESERVED_SLUGS = frozenset({"network"})


@dataclass(frozen=True)
class NewMember:
    """One side of a new partnership: a municipality already known, or the fields of a new
    one (`municipality_create`'s, its short name included); and, when given, the e-mail of
    the coordinator to invite for it with the language of the invitation mail."""

    municipality: Municipality | None = None
    fields: Mapping[str, Any] | None = None
    coordinator_email: str = ""
    invitation_language: str = ""


class MemberRefused(Exception):
    """Members were refused: `errors` maps each refused member's number (from 0) to why, at
    its fields, all of them at once; `index` and `error` name the first."""

    def __init__(self, index: int, error: ValidationError,
                 errors: dict[int, ValidationError] | None = None) -> None:
        self.errors = errors or {index: error}
        self.index = min(self.errors)
        self.error = self.errors[self.index]
        super().__init__("; ".join(f"member {i}: {e}" for i, e in sorted(self.errors.items())))


def _refused(errors: dict[int, ValidationError]) -> MemberRefused:
    first = min(errors)
    return MemberRefused(first, errors[first], errors)


def free_slug(model: type[Any], wanted: str, fallback: str) -> str:
    """`wanted` (or `fallback` when empty), with -2, -3 … until no `model` row and no
    reserved word has it."""
    base = (wanted or fallback)[:70].strip("-") or fallback
    slug, number = base, 1
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def partnership_start(
    *,
    by: User,
    slug: str,
    members: Sequence[NewMember],
    accept_url: Callable[[str], str],
    **fields: Unpack[PartnershipFields],
) -> tuple[Partnership, list[SentInvitation]]:
    """A partnership with its member municipalities (new ones created first) and an
    invitation to each side's coordinator, in one transaction: when any part is refused
    nothing is kept. A refused member raises MemberRefused naming it."""
    from twinplan.municipalities.services import municipality_create

    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("“%(slug)s” is reserved; choose another short name.")
                               % {"slug": slug}})
    # Every member is tried (each in a savepoint), so that all refusals are reported at once.
    towns: list[Municipality] = []
    errors: dict[int, ValidationError] = {}
    for index, member in enumerate(members):
        if member.municipality is not None:
            towns.append(member.municipality)
            continue
        try:
            with transaction.atomic():
                towns.append(municipality_create(by=by, **dict(member.fields or {})))
        except ValidationError as error:
            errors[index] = error
    if errors:
        raise _refused(errors)
    partnership = partnership_create(by=by, slug=slug, municipalities=towns, **fields)
    sent: list[SentInvitation] = []
    for index, (member, town) in enumerate(zip(members, towns, strict=True)):
        if not member.coordinator_email:
            continue
        try:
            with transaction.atomic():
                sent.append(invitation_create(
                    partnership=partnership, email=member.coordinator_email,
                    role=RoleKind.COORDINATOR, invited_by=by, accept_url=accept_url,
                    municipality=town, language=member.invitation_language,
                ))
        except ValidationError as error:
            errors[index] = error
    if errors:
        raise _refused(errors)
    return partnership, sent


# --- roles, as the network admin keeps them -------------------------------------------------


def role_change(
    role: PartnershipRole, /, *, by: User, new_role: str,
    municipality: Municipality | None = None, organisation: Organisation | None = None,
) -> PartnershipRole:
    """Turn a role into another in the same partnership (a contributor becomes the
    coordinator for a member town, or back), with the same checks as a new role: a
    coordinator acts for a member municipality, a contributor for an organisation of one."""
    members = member_ids(role.partnership_id)
    if new_role == RoleKind.COORDINATOR:
        if municipality is None:
            raise ValidationError({"municipality": _("A coordinator acts for a municipality.")})
        if municipality.pk not in members:
            raise ValidationError({"municipality": _not_a_member(municipality)})
        organisation = None
    elif new_role == RoleKind.CONTRIBUTOR:
        municipality = None
        if organisation is not None and organisation.municipality_id not in members:
            raise ValidationError({"organisation": _(
                "“%(organisation)s” is not an organisation of this partnership's towns."
            ) % {"organisation": organisation}})
    else:
        raise ValidationError({"role": _("Choose a role.")})
    if PartnershipRole.objects.filter(
        user_id=role.user_id, partnership_id=role.partnership_id, role=new_role
    ).exclude(pk=role.pk).exists():
        raise ValidationError({"role": _("This person has that role here already.")})
    role.role, role.municipality, role.organisation = new_role, municipality, organisation
    return validated_save(role)


def role_revoke(role: PartnershipRole, /, *, by: User) -> None:
    """Take a role away; the person keeps their account and what they wrote."""
    role.delete()
