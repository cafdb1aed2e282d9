"""The roles as `partnership_access` and the partnership querysets read them, and the rule
that an inactive account has no rights at all, whatever roles it still holds."""

from __future__ import annotations

import pytest

from twinplan.accounts.tests.factories import UserFactory
from twinplan.partnerships.models import (
    FundingProgrammeCoordinator,
    Partnership,
    PartnershipRole,
    RoleKind,
)
from twinplan.partnerships.permissions import (
    FULL_ACCESS,
    NO_ACCESS,
    is_active_member,
    is_network_admin,
    partnership_access,
    partnerships_with_drafts,
)
from twinplan.partnerships.tests.factories import FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return type(user).objects.get(pk=user.pk)  # a fresh object, as the next request loads


@pytest.fixture
def draft(partnership):
    partnership.is_published = False
    partnership.save(update_fields=["is_published"])
    return partnership


@pytest.fixture
def paula(partnership):
    funding = FundingProgrammeFactory()
    partnership.funding_programme = funding
    partnership.save(update_fields=["funding_programme"])
    user = UserFactory(username="paula")
    FundingProgrammeCoordinator.objects.create(user=user, funding_programme=funding)
    return user


def test_the_roles_give_their_access(partnership, wernigerode, alice, charlie, olga, paula):
    coordinator = partnership_access(alice, partnership)
    assert (coordinator.edit, coordinator.invite, coordinator.municipality_ids) == (
        True, True, frozenset({wernigerode.pk}),
    )
    contributor = partnership_access(charlie, partnership)
    assert (contributor.view_drafts, contributor.contribute, contributor.edit) == (
        True, True, False,
    )
    assert contributor.organisation_ids == {PartnershipRole.objects.get(user=charlie)
                                            .organisation_id}
    reader = partnership_access(paula, partnership)
    assert (reader.view_drafts, reader.export, reader.edit, reader.contribute) == (
        True, True, False, False,
    )
    assert partnership_access(olga, partnership) == NO_ACCESS


@pytest.mark.parametrize("who", ["alice", "charlie", "paula"])
def test_an_inactive_account_keeps_no_role(request, partnership, who):
    user = request.getfixturevalue(who)
    assert partnership_access(user, partnership).any
    assert partnership_access(deactivate(user), partnership) == NO_ACCESS


def test_an_inactive_network_admin_is_no_admin(partnership):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert is_network_admin(root)
    assert partnership_access(root, partnership) == FULL_ACCESS
    root = deactivate(root)
    assert not is_active_member(root)
    assert not is_network_admin(root)
    assert partnership_access(root, partnership) == NO_ACCESS


@pytest.mark.parametrize("who", ["alice", "charlie", "paula"])
def test_an_inactive_account_sees_no_drafts(request, draft, who):
    user = request.getfixturevalue(who)
    assert list(Partnership.objects.with_drafts_for(user)) == [draft]
    assert list(Partnership.objects.visible_to(user)) == [draft]
    user = deactivate(user)
    assert list(partnerships_with_drafts(user)) == []
    assert list(Partnership.objects.with_drafts_for(user)) == []
    assert list(Partnership.objects.visible_to(user)) == []


def test_an_inactive_network_admin_sees_no_drafts(draft):
    root = UserFactory(username="root", is_superuser=True)
    assert list(Partnership.objects.with_drafts_for(root)) == [draft]
    assert list(Partnership.objects.with_drafts_for(deactivate(root))) == []


def test_a_coordinator_acts_for_their_own_municipality_only(partnership, wernigerode, hoi_an,
                                                            alice, bao):
    assert partnership_access(alice, partnership).municipality_ids == {wernigerode.pk}
    assert partnership_access(bao, partnership).municipality_ids == {hoi_an.pk}
    assert not partnership_access(alice, partnership).all_municipalities


def test_a_role_in_another_partnership_gives_nothing_here(partnership, olga):
    from twinplan.partnerships.tests.factories import PartnershipFactory

    elsewhere = PartnershipFactory()
    PartnershipRole.objects.create(user=olga, partnership=elsewhere, role=RoleKind.COORDINATOR,
                                   municipality=elsewhere.members.first().municipality)
    assert partnership_access(olga, elsewhere).edit
    assert partnership_access(olga, partnership) == NO_ACCESS
