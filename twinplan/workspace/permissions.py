"""The workspace's rules for each action on each kind, on top of the roles
(partnerships.permissions) and the contributor attachment (programmes.permissions)."""

from __future__ import annotations

from typing import Any

from twinplan.partnerships.permissions import AnyUser, PartnershipAccess
from twinplan.programmes.models import Measure
from twinplan.programmes.permissions import is_attached_to_measure
from twinplan.workspace.registry import KINDS, Kind


def _own_municipality(access: PartnershipAccess, kind: Kind, obj: Any) -> bool:
    municipality = kind.municipality_of(obj)
    return access.all_municipalities or (
        municipality is not None and municipality.pk in access.municipality_ids
    )


def _contributor_attached(access: PartnershipAccess, kind: Kind, parent: Any) -> bool:
    if not (kind.contributed and access.contribute):
        return False
    parent_kind = KINDS[kind.parent] if kind.parent else None
    measure = parent_kind.measure_of(parent) if parent_kind and parent is not None else None
    if isinstance(measure, Measure):
        return is_attached_to_measure(access, measure)
    return True  # ideas at the partnership's events: any contributor of the partnership


def may_add(access: PartnershipAccess, kind: Kind, parent: Any) -> bool:
    if not kind.can_add:
        return False
    if kind.municipal:
        owner = KINDS[kind.parent] if kind.parent else kind
        return access.edit and _own_municipality(access, owner, parent)
    return access.edit or _contributor_attached(access, kind, parent)


def _is_author(user: AnyUser, kind: Kind, obj: Any) -> bool:
    return bool(
        kind.author_field
        and user.is_authenticated
        and getattr(obj, f"{kind.author_field}_id", None) == user.pk
    )


def may_edit(user: AnyUser, access: PartnershipAccess, kind: Kind, obj: Any) -> bool:
    if kind.municipal:
        return access.edit and _own_municipality(access, kind, obj)
    return access.edit or (access.contribute and kind.contributed and _is_author(user, kind, obj))


def may_delete(user: AnyUser, access: PartnershipAccess, kind: Kind, obj: Any) -> bool:
    return kind.can_delete and may_edit(user, access, kind, obj)


def may_publish(access: PartnershipAccess, kind: Kind) -> bool:
    return access.edit and kind.publishable


def may_read(access: PartnershipAccess) -> bool:
    return access.view_drafts
