"""The workspace's rules for each action on each kind, on top of the roles
(partnerships.permissions) and the contributor attachment (programmes.permissions).

The `may_*` functions answer one question each; the views ask them before they write.
`object_access` answers all of them at once for one object, as the `ObjectAccess` the
templates read: a template shows an edit, delete, publish, history or add link only when
that object's flag says so, and never restates a rule itself.

Rules that take a user refuse an inactive account; rules that take only a
`PartnershipAccess` rely on it coming from `partnership_access`, which gives an inactive
account no access at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from twinplan.accounts.models import User
from twinplan.partnerships.models import FundingProgramme, FundingProgrammeCoordinator
from twinplan.partnerships.permissions import AnyUser, PartnershipAccess, is_active_member
from twinplan.partnerships.permissions import is_network_admin as _is_network_admin
from twinplan.programmes.models import Measure
from twinplan.programmes.permissions import is_attached_to_measure
from twinplan.workspace.registry import KINDS, Kind


def is_network_admin(user: AnyUser) -> bool:
    """Network admins keep the content languages, the people and start partnerships."""
    return _is_network_admin(user)


def programmes_for_new_partnerships(user: AnyUser) -> QuerySet[FundingProgramme] | None:
    """The funding programmes a user may start partnerships in: every one for a network
    admin, their own for a programme coordinator; None for anyone else."""
    if not isinstance(user, User) or not is_active_member(user):
        return None
    if _is_network_admin(user):
        return FundingProgramme.objects.all()
    own = FundingProgramme.objects.filter(coordinators__user=user)
    return own if own.exists() else None


def may_see_network_dashboard(user: AnyUser) -> bool:
    """The network dashboard (every partnership followed, drafts included) is for network
    admins and programme coordinators; what it lists is narrowed by
    `Partnership.objects.with_drafts_for`."""
    if not isinstance(user, User) or not is_active_member(user):
        return False
    return _is_network_admin(user) or FundingProgrammeCoordinator.objects.filter(
        user=user).exists()


def network_links(user: AnyUser) -> dict[str, bool]:
    """Which network pages the dashboard offers the user. Starting partnerships and the
    network dashboard both come with coordinating a funding programme (or being a network
    admin): one question, asked once."""
    admin = _is_network_admin(user)
    programme_coordinator = may_see_network_dashboard(user)
    return {"start": programme_coordinator, "admin": admin, "people": admin, "rates": admin,
            "dashboard": programme_coordinator}


def keeps_municipal_data(access: PartnershipAccess, municipality_id: int | None) -> bool:
    """Municipal data (key figures, facts, inventories) belongs to one municipality: only
    the coordinators acting for it keep it, not the partner town's."""
    return access.all_municipalities or (
        municipality_id is not None and municipality_id in access.municipality_ids
    )


def _own_municipality(access: PartnershipAccess, kind: Kind, obj: Any) -> bool:
    municipality = kind.municipality_of(obj)
    return keeps_municipal_data(access, municipality.pk if municipality is not None else None)


def bin_scopes(partnership: Any, access: PartnershipAccess) -> list[Any]:
    """The bins a coordinator restores from: the partnership's, and those of the member
    towns whose own data they keep."""
    towns = [
        member.municipality for member in partnership.members.select_related("municipality")
        if keeps_municipal_data(access, member.municipality_id)
    ]
    return [partnership, *towns]


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
    if not is_active_member(user):
        return False
    if kind.municipal:
        return access.edit and _own_municipality(access, kind, obj)
    return access.edit or (access.contribute and kind.contributed and _is_author(user, kind, obj))


def may_delete(user: AnyUser, access: PartnershipAccess, kind: Kind, obj: Any) -> bool:
    return kind.can_delete and may_edit(user, access, kind, obj)


def may_publish(access: PartnershipAccess, kind: Kind) -> bool:
    return access.edit and kind.publishable


def may_read(access: PartnershipAccess) -> bool:
    return access.view_drafts


@dataclass(frozen=True)
class ObjectAccess:
    """What one user may do with one object of the workspace, worked out once."""

    edit: bool = False
    delete: bool = False
    publish: bool = False
    history: bool = False  # read the object's history
    # The kinds the user may add under this object (for the partnership: the kinds that
    # have no parent), by registry name, each True: `{% if can.add.fact %}`. A kind not
    # named may not be added.
    add: Mapping[str, bool] = field(default_factory=dict)


NOTHING = ObjectAccess()


def _children(kind: Kind) -> list[Kind]:
    if kind.name == "partnership":
        return [k for k in KINDS.values() if k.parent is None and k.name != "partnership"]
    return [k for k in KINDS.values() if k.parent == kind.name]


def object_access(user: AnyUser, access: PartnershipAccess, kind: Kind, obj: Any) -> ObjectAccess:
    """Every action of `user` on `obj` (of `kind`), from the same rules the views apply."""
    if not is_active_member(user):
        return NOTHING
    return ObjectAccess(
        edit=may_edit(user, access, kind, obj),
        delete=may_delete(user, access, kind, obj),
        publish=may_publish(access, kind),
        history=kind.has_history and may_read(access),
        add={
            child.name: True for child in _children(kind)
            if may_add(access, child, None if child.parent is None else obj)
        },
    )


def read_only(can: ObjectAccess) -> ObjectAccess:
    """What remains in an archived partnership: reading the history. Nothing in it can be
    changed (core.guards refuses the write), so the pages offer no change either."""
    return ObjectAccess(history=can.history)


def may_upload_media(access: PartnershipAccess) -> bool:
    """Photos and documents belong to the partnership's joint content (its events,
    measures, agreements and the partnership itself): who edits that adds them, as
    `may_edit` allows their edit and delete through the registry's "media" kind."""
    return access.edit
