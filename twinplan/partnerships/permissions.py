"""Who may do what in a partnership: the one place the roles are interpreted.

- network admin (superuser): everything.
- programme coordinator (partnerships of one funding programme): read everything, drafts
  included, and export; no content edits.
- partnership coordinator (one municipality in one partnership): create, edit, publish and
  delete everything of the partnership; invite people; edit their own municipality's data.
- contributor (an organisation in one partnership): add progress entries, ideas and
  indicator values where attached; edit their own entries; no publishing.
- anonymous: published content only.

An inactive account has no rights at all, whatever roles it still holds: every function
here (and the measure and workspace rules built on them) asks `is_active_member` first.

Views, the API and commands ask `partnership_access(user, partnership)`; querysets ask
`Partnership.objects.visible_to(user)` / `with_drafts_for(user)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from twinplan.accounts.models import User
from twinplan.partnerships.models import (
    FundingProgrammeCoordinator,
    Partnership,
    PartnershipRole,
    RoleKind,
)

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class PartnershipAccess:
    """What one user may do in one partnership."""

    view_drafts: bool = False
    edit: bool = False  # create, edit, publish and delete any content of the partnership
    invite: bool = False
    export: bool = False
    contribute: bool = False  # report progress, ideas and indicator values where attached
    # The organisations a contributor acts for; empty with `contribute` means the whole
    # partnership (a contributor attached to the partnership itself).
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    # The municipalities a coordinator acts for: they alone edit its key figures.
    municipality_ids: frozenset[int] = field(default_factory=frozenset)
    all_municipalities: bool = False  # network admins

    @property
    def any(self) -> bool:
        return self.view_drafts or self.contribute


NO_ACCESS = PartnershipAccess()
FULL_ACCESS = PartnershipAccess(view_drafts=True, edit=True, invite=True, export=True,
                                contribute=True, all_municipalities=True)


def is_active_member(user: AnyUser) -> bool:
    """Signed in with an active account: the precondition of every right."""
    return bool(user.is_authenticated and user.is_active)


def is_network_admin(user: AnyUser) -> bool:
    return bool(is_active_member(user) and user.is_superuser)


def partnership_access(user: AnyUser, partnership: Partnership) -> PartnershipAccess:
    """Two queries at most, cached on the user object for the rest of the request."""
    if not isinstance(user, User) or not is_active_member(user):
        return NO_ACCESS
    if is_network_admin(user):
        return FULL_ACCESS
    cache: dict[int, PartnershipAccess] = user.__dict__.setdefault("_partnership_access", {})
    if partnership.pk in cache:
        return cache[partnership.pk]
    roles = list(PartnershipRole.objects.filter(user=user, partnership=partnership))
    coordinator = [r for r in roles if r.role == RoleKind.COORDINATOR]
    contributor = [r for r in roles if r.role == RoleKind.CONTRIBUTOR]
    programme_reader = bool(
        partnership.funding_programme_id
        and FundingProgrammeCoordinator.objects.filter(
            user=user, funding_programme_id=partnership.funding_programme_id
        ).exists()
    )
    if coordinator:
        access = PartnershipAccess(
            view_drafts=True, edit=True, invite=True, export=True, contribute=True,
            municipality_ids=frozenset(r.municipality_id for r in coordinator
                                       if r.municipality_id),
        )
    else:
        access = PartnershipAccess(
            view_drafts=programme_reader or bool(contributor),
            export=programme_reader,
            contribute=bool(contributor),
            organisation_ids=frozenset(
                r.organisation_id for r in contributor if r.organisation_id
            ),
        )
    cache[partnership.pk] = access
    return access


def partnerships_with_drafts_q(user: AnyUser, prefix: str = "") -> Q:
    """A filter for partnerships whose drafts `user` may read (`prefix` for related
    lookups, e.g. "programme__partnership__")."""
    if not is_active_member(user):
        return Q(pk__in=[])
    if is_network_admin(user):
        return Q()
    return Q(**{f"{prefix}roles__user": user}) | Q(
        **{f"{prefix}funding_programme__coordinators__user": user}
    )


def partnerships_with_drafts(user: AnyUser) -> QuerySet[Partnership, int]:
    """Ids of the partnerships whose drafts `user` may read, as a subquery."""
    return (
        Partnership.objects.filter(partnerships_with_drafts_q(user))
        .values_list("pk", flat=True)
        .distinct()
    )
