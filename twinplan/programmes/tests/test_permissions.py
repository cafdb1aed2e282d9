"""Where a contributor reports: on the measures their organisation is an actor of (all of
the partnership's when the role names no organisation); nowhere with an inactive account."""

from __future__ import annotations

import pytest

from twinplan.accounts.tests.factories import UserFactory
from twinplan.organisations.models import OrganisationType
from twinplan.partnerships.models import PartnershipRole, RoleKind
from twinplan.partnerships.permissions import partnership_access
from twinplan.programmes.models import MeasureActor
from twinplan.programmes.permissions import (
    can_report_on_measure,
    is_attached_to_measure,
    measures_attached,
)
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measures(partnership, charlie):
    programme = ActionProgrammeFactory(partnership=partnership)
    school = PartnershipRole.objects.get(user=charlie).organisation
    with_school = MeasureFactory(programme=programme, code="1", title="Solar school")
    MeasureActor.objects.create(measure=with_school, kind=OrganisationType.SCHOOL,
                                organisation=school)
    without = MeasureFactory(programme=programme, code="2", title="Town hall")
    return with_school, without


@pytest.fixture
def gabi(partnership):
    """A contributor attached to the partnership itself, with no organisation."""
    user = UserFactory(username="gabi")
    PartnershipRole.objects.create(user=user, partnership=partnership,
                                   role=RoleKind.CONTRIBUTOR)
    return user


def deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return type(user).objects.get(pk=user.pk)


def test_a_contributor_reports_where_their_organisation_acts(measures, charlie):
    with_school, without = measures
    assert measures_attached(charlie) == [with_school]
    assert can_report_on_measure(charlie, with_school)
    assert not can_report_on_measure(charlie, without)


def test_a_contributor_without_organisation_reports_on_every_measure(measures, gabi, partnership):
    with_school, without = measures
    assert measures_attached(gabi) == [with_school, without]
    assert can_report_on_measure(gabi, with_school)
    assert can_report_on_measure(gabi, without)
    assert is_attached_to_measure(partnership_access(gabi, partnership), without)


def test_coordinators_report_on_every_measure_and_outsiders_on_none(measures, alice, bao, olga):
    for measure in measures:
        assert can_report_on_measure(alice, measure)
        assert can_report_on_measure(bao, measure)
        assert not can_report_on_measure(olga, measure)
    # "My tasks" are a contributor's: coordinators have no attachment list.
    assert measures_attached(alice) == []


@pytest.mark.parametrize("who", ["charlie", "gabi"])
def test_an_inactive_contributor_reports_nowhere(request, measures, who):
    user = request.getfixturevalue(who)
    assert measures_attached(user)
    user = deactivate(user)
    assert measures_attached(user) == []
    assert not any(can_report_on_measure(user, measure) for measure in measures)


def test_an_inactive_coordinator_reports_nowhere(measures, alice):
    alice = deactivate(alice)
    assert not any(can_report_on_measure(alice, measure) for measure in measures)
