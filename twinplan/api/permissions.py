"""What a caller may read and write through the API: the editor pages' rules, built from
the same functions they ask (partnerships.permissions for the roles,
programmes.permissions for a contributor's attachment to a measure).

The workspace states its rules per kind in workspace.permissions, which sits beside the
API in the top layer and cannot be imported here; these functions spell out the same
rules for the four kinds the API writes, and tests/test_permissions.py checks that they
agree with workspace.permissions for every kind of user and object.
"""

from __future__ import annotations

from django.db.models import Q

from twinplan.accounts.models import User
from twinplan.events.models import Event
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import (
    AnyUser,
    PartnershipAccess,
    is_active_member,
    partnership_access,
    partnerships_with_drafts,
)
from twinplan.programmes.models import ActionProgramme, Measure, ProgressEntry
from twinplan.programmes.permissions import is_attached_to_measure


def access_to(user: AnyUser, partnership: Partnership) -> PartnershipAccess:
    return partnership_access(user, partnership)


def _is_author(user: AnyUser, author_id: int | None) -> bool:
    return bool(isinstance(user, User) and author_id is not None and author_id == user.pk)


# --- measures ----------------------------------------------------------------------------


def may_add_measure(user: AnyUser, programme: ActionProgramme) -> bool:
    """Coordinators of the partnership (and network admins); contributors do not add
    measures."""
    return is_active_member(user) and access_to(user, programme.partnership).edit


def may_edit_measure(user: AnyUser, measure: Measure) -> bool:
    return is_active_member(user) and access_to(user, measure.programme.partnership).edit


# --- progress entries and measured values (contributed kinds) ----------------------------


def may_add_progress(user: AnyUser, measure: Measure) -> bool:
    """Coordinators, and contributors attached to the measure (one of their organisations
    among its actors, or a contributor of the whole partnership)."""
    if not is_active_member(user):
        return False
    access = access_to(user, measure.programme.partnership)
    return access.edit or (access.contribute and is_attached_to_measure(access, measure))


def may_edit_progress(user: AnyUser, entry: ProgressEntry) -> bool:
    """Coordinators, and a contributor their own entries."""
    if not is_active_member(user):
        return False
    access = access_to(user, entry.measure.programme.partnership)
    return access.edit or (access.contribute and _is_author(user, entry.author_id))


def _indicator_partnership(indicator: Indicator) -> Partnership:
    owner = indicator.measure if indicator.measure is not None else indicator.goal
    assert owner is not None
    return owner.programme.partnership


def may_add_indicator_value(user: AnyUser, indicator: Indicator) -> bool:
    """Coordinators; contributors attached to the indicator's measure (an indicator of a
    goal: any contributor of the partnership, as in the workspace)."""
    if not is_active_member(user):
        return False
    access = access_to(user, _indicator_partnership(indicator))
    if access.edit:
        return True
    if not access.contribute:
        return False
    return indicator.measure is None or is_attached_to_measure(access, indicator.measure)


def may_edit_indicator_value(user: AnyUser, value: IndicatorValue) -> bool:
    if not is_active_member(user):
        return False
    access = access_to(user, _indicator_partnership(value.indicator))
    return access.edit or (access.contribute and _is_author(user, value.author_id))


# --- events ------------------------------------------------------------------------------


def may_add_event(user: AnyUser, partnership: Partnership) -> bool:
    return is_active_member(user) and access_to(user, partnership).edit


def may_edit_event(user: AnyUser, event: Event) -> bool:
    return is_active_member(user) and access_to(user, event.partnership).edit


# --- reading -----------------------------------------------------------------------------


def may_read_drafts(user: AnyUser, partnership: Partnership) -> bool:
    return access_to(user, partnership).view_drafts


def draft_partnerships_q(user: AnyUser, prefix: str) -> Q:
    """Objects of the partnerships whose drafts `user` reads (`prefix` leads from the
    object to its partnership, e.g. "programme__partnership")."""
    if not is_active_member(user):
        return Q(pk__in=[])
    return Q(**{f"{prefix}__in": partnerships_with_drafts(user)})
