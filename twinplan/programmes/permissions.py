"""Measure-level rules on top of partnerships.permissions: where a contributor is attached."""

from __future__ import annotations

from django.db.models import Q

from twinplan.accounts.models import User
from twinplan.partnerships.permissions import (
    AnyUser,
    PartnershipAccess,
    is_active_member,
    partnership_access,
)
from twinplan.programmes.models import Measure


def is_attached_to_measure(access: PartnershipAccess, measure: Measure) -> bool:
    """A contributor is attached to a measure when one of their organisations is among its
    actors; a contributor attached to the partnership itself (no organisation) is attached
    to all of its measures. Uses the prefetched actors when present."""
    if not access.contribute:
        return False
    if access.edit or not access.organisation_ids:
        return True
    return any(actor.organisation_id in access.organisation_ids for actor in measure.actors.all())


def can_report_on_measure(user: AnyUser, measure: Measure) -> bool:
    """May add progress entries and indicator values to the measure."""
    access = partnership_access(user, measure.programme.partnership)
    return access.edit or is_attached_to_measure(access, measure)


def measures_attached(user: AnyUser) -> list[Measure]:
    """The measures a contributor reports on ("my tasks"), across partnerships; none for an
    inactive account."""
    if not isinstance(user, User) or not is_active_member(user):
        return []
    from twinplan.partnerships.models import PartnershipRole, RoleKind

    where = Q(pk__in=[])
    for role in PartnershipRole.objects.filter(user=user, role=RoleKind.CONTRIBUTOR):
        scope = Q(programme__partnership_id=role.partnership_id)
        if role.organisation_id:
            scope &= Q(actors__organisation_id=role.organisation_id)
        where |= scope
    return list(
        Measure.objects.filter(where)
        .exclude(programme__status="superseded")  # an earlier edition's: no longer reported on
        .select_related("programme__partnership")
        .distinct()
        .order_by("programme__partnership__title", "code", "id")
    )
