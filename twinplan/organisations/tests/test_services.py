"""The organisation's write services: added in a partnership, an organisation is located
in a member municipality and stays in one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from twinplan.organisations.models import Organisation, OrganisationType
from twinplan.organisations.services import organisation_create, organisation_update
from twinplan.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(db):
    """A municipality of another partnership."""
    return PartnershipFactory(slug="bersenbrueck-ruma").members.first().municipality


def test_an_organisation_takes_its_towns_country_and_language(partnership, hoi_an, bao):
    school = organisation_create(by=bao, partnership=partnership, name="Trường học",
                                 kind=OrganisationType.SCHOOL, municipality=hoi_an)

    assert (school.country, school.original_language, school.version) == ("VN", "vi", 1)
    assert school.history.get().history_user == bao


def test_added_in_a_partnership_an_organisation_of_another_town_is_refused(
    partnership, stranger
):
    with pytest.raises(ValidationError) as refused:
        organisation_create(by=None, partnership=partnership, name="Verein",
                            kind=OrganisationType.ASSOCIATION, municipality=stranger)

    assert str(stranger) in refused.value.message_dict["municipality"][0]
    assert not Organisation.objects.exists()


def test_added_in_a_partnership_an_organisation_needs_its_town(partnership):
    with pytest.raises(ValidationError) as refused:
        organisation_create(by=None, partnership=partnership, name="Verein",
                            kind=OrganisationType.ASSOCIATION)

    assert "municipality" in refused.value.message_dict
    assert not Organisation.objects.exists()


def test_outside_a_partnership_an_organisation_needs_no_town(db):
    national = organisation_create(by=None, name="Brücken bauen e.V.",
                                   kind=OrganisationType.ASSOCIATION)

    assert national.municipality is None


def test_an_organisation_moves_to_the_partner_town_but_not_to_another_partnership(
    partnership, wernigerode, hoi_an, stranger, alice
):
    utility = organisation_create(by=alice, partnership=partnership, name="Stadtwerke",
                                  kind=OrganisationType.UTILITY, municipality=wernigerode)

    for elsewhere in (stranger, None):
        with pytest.raises(ValidationError) as refused:
            organisation_update(utility, by=alice, expected_version=1, municipality=elsewhere)
        assert "municipality" in refused.value.message_dict
    assert Organisation.objects.get(pk=utility.pk).municipality == wernigerode

    moved = organisation_update(utility, by=alice, expected_version=1, municipality=hoi_an)
    assert (moved.municipality, moved.version) == (hoi_an, 2)
    assert moved.history.latest("history_date").history_user == alice


def test_an_organisation_edit_that_changes_nothing_keeps_the_version(partnership, wernigerode,
                                                                      alice):
    utility = organisation_create(by=alice, partnership=partnership, name="Stadtwerke",
                                  kind=OrganisationType.UTILITY, municipality=wernigerode)

    saved = organisation_update(utility, by=alice, expected_version=1, name="Stadtwerke",
                                municipality=wernigerode)

    assert (saved.version, utility.history.count()) == (1, 1)
