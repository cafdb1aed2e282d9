"""Writes of the workspace: content of any kind in the registry, and invitations."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.models import TranslatableModel
from twinplan.core.services import object_update, validated_save
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Partnership, PartnershipRole, RoleKind
from twinplan.partnerships.services import role_grant


def author_language(*, user: User, partnership: Partnership) -> str:
    """The default original language of what `user` writes: the first working language of
    the municipality they act for, else of their organisation's municipality, else the
    partnership's original language."""
    roles = PartnershipRole.objects.filter(user=user, partnership=partnership).select_related(
        "municipality", "organisation__municipality"
    )
    for role in roles:
        municipality = role.municipality or (
            role.organisation.municipality if role.organisation else None
        )
        if municipality is not None and municipality.first_language:
            return municipality.first_language
    return partnership.original_language


@transaction.atomic
def content_create(*, obj: Model, m2m: dict[str, Any]) -> Model:
    """Save a new object of any workspace kind with its many-to-many links, validated
    first; on a ValidationError nothing is saved. Kinds whose creation has consequences go
    through their domain service (the registry's `Services`), not through here."""
    validated_save(obj)
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    return obj


@transaction.atomic
def content_update(
    *, obj: Model, data: dict[str, Any], m2m: dict[str, Any], expected_version: int | None
) -> Model:
    """Apply an edit; for versioned kinds refuse it (EditConflict) when someone else saved
    since `expected_version`."""
    object_update(obj=obj, expected_version=expected_version, data=data)
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    return obj


def content_delete(*, obj: Model) -> None:
    """Delete, or explain what still depends on the object."""
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as error:
        names = sorted({str(protected) for protected in error.protected_objects})[:5]
        raise ValidationError(
            _("It cannot be deleted while these refer to it: %(names)s."),
            params={"names": ", ".join(names)},
        ) from error


def prepare_new(
    *, model: type[Model], user: User, partnership: Partnership, fields: dict[str, Any]
) -> Model:
    """An unsaved object with its parent, author and original language filled in, for a
    form to validate."""
    obj = model(**fields)
    if isinstance(obj, TranslatableModel) and "original_language" not in fields:
        obj.original_language = author_language(user=user, partnership=partnership)
    return obj


# --- invitations -----------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SentInvitation:
    invitation: Any
    token: str


@transaction.atomic
def invitation_create(
    *,
    partnership: Partnership,
    email: str,
    role: str,
    invited_by: User,
    accept_url: Any,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
) -> SentInvitation:
    """Store a single-use invitation and e-mail its link. `accept_url(token)` builds the
    absolute link. Only the token's hash is stored."""
    from twinplan.workspace.models import Invitation

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


def invitation_for_token(token: str) -> Any:
    """The open invitation behind a link, or None when unknown, used or expired."""
    from twinplan.workspace.models import Invitation

    invitation = Invitation.objects.filter(token_hash=_token_hash(token)).first()
    return invitation if invitation is not None and invitation.is_open else None


@transaction.atomic
def invitation_accept(*, invitation: Any, user: User) -> PartnershipRole:
    """Grant the invited role to `user` and close the invitation; a used link stays used."""
    from twinplan.workspace.models import Invitation

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
