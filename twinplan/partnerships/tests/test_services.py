"""The partnership's write services: members, integrity within the partnership, versions
and the history author."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import (
    Agreement,
    AgreementKind,
    Award,
    AwardAmount,
    Partnership,
    PartnershipMember,
    Phase,
    PhaseKind,
)
from twinplan.partnerships.services import (
    agreement_create,
    agreement_delete,
    agreement_update,
    award_amount_create,
    award_amount_update,
    award_create,
    award_delete,
    award_update,
    partnership_create,
    partnership_member_add,
    partnership_member_remove,
    partnership_publish,
    partnership_update,
    phase_create,
    phase_update,
)
from twinplan.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger(db):
    """A municipality of another partnership."""
    return PartnershipFactory(slug="bersenbrueck-ruma").members.first().municipality


# --- the partnership and its members ----------------------------------------------------


def test_a_partnership_of_one_municipality_is_refused_and_nothing_saved(wernigerode):
    with pytest.raises(ValidationError) as refused:
        partnership_create(by=None, slug="solo", title="Allein", kind="climate",
                           municipalities=[wernigerode])

    assert "at least two member municipalities" in refused.value.message_dict["municipalities"][0]
    assert not Partnership.objects.exists()
    assert not PartnershipMember.objects.exists()


def test_the_same_municipality_twice_is_refused_before_anything_is_saved(wernigerode):
    with pytest.raises(ValidationError) as refused:
        partnership_create(by=None, slug="twice", title="Zweimal", kind="climate",
                           municipalities=[wernigerode, wernigerode])

    assert "municipalities" in refused.value.message_dict
    assert not Partnership.objects.exists()


def test_a_new_partnership_records_who_created_it(wernigerode, hoi_an, olga):
    partnership = partnership_create(by=olga, slug="w-h", title="W–H", kind="climate",
                                     municipalities=[wernigerode, hoi_an])

    assert partnership.history.get().history_user == olga
    assert (partnership.version, partnership.is_published) == (1, False)


def test_an_initiator_located_in_another_town_is_refused(wernigerode, hoi_an, stranger):
    foreign = OrganisationFactory(name="Verein in Ruma", municipality=stranger)

    with pytest.raises(ValidationError) as refused:
        partnership_create(by=None, slug="w-h", title="W–H", kind="climate",
                           municipalities=[wernigerode, hoi_an], initiator=foreign)

    assert "Verein in Ruma" in refused.value.message_dict["initiator"][0]
    assert not Partnership.objects.filter(slug="w-h").exists()


def test_an_initiator_of_no_town_or_of_a_member_is_accepted(partnership, alice, wernigerode):
    national = OrganisationFactory(name="Brücken bauen e.V.")
    local = OrganisationFactory(name="Stadtwerke", municipality=wernigerode)

    partnership_update(partnership, by=alice, expected_version=1, initiator=national)
    saved = partnership_update(partnership, by=alice, expected_version=2, initiator=local)

    assert (saved.initiator, saved.version) == (local, 3)


def test_an_edit_of_the_partnership_is_versioned_and_recorded(partnership, alice):
    saved = partnership_update(partnership, by=alice, expected_version=1, title="Neu")

    assert (saved.title, saved.version) == ("Neu", 2)
    assert saved.history.latest("history_date").history_user == alice


def test_an_edit_that_changes_nothing_keeps_the_version_and_writes_no_history(
    partnership, alice
):
    records = partnership.history.count()

    saved = partnership_update(partnership, by=alice, expected_version=1,
                               title=partnership.title, kind=partnership.kind)

    assert saved.version == 1
    assert partnership.history.count() == records


def test_publishing_keeps_the_version(partnership, alice):
    partnership.is_published = False
    partnership.save()

    published = partnership_publish(partnership, by=alice)

    assert (published.is_published, published.version) == (True, 1)


def test_a_member_below_two_cannot_be_removed(partnership, wernigerode, alice):
    with pytest.raises(ValidationError) as refused:
        partnership_member_remove(partnership, wernigerode, by=alice)

    assert "at least two" in refused.value.message_dict["municipality"][0]
    assert partnership.members.count() == 2


def test_a_third_member_joins_and_may_leave_again(partnership, alice):
    third = MunicipalityFactory(name="Dritte Stadt")

    member = partnership_member_add(partnership=partnership, municipality=third, by=alice)
    assert member.position == 2
    with pytest.raises(ValidationError):
        partnership_member_add(partnership=partnership, municipality=third, by=alice)

    partnership_member_remove(partnership, third, by=alice)
    assert partnership.members.count() == 2


def test_removing_a_town_that_is_no_member_is_refused(partnership, alice, stranger):
    with pytest.raises(ValidationError) as refused:
        partnership_member_remove(partnership, stranger, by=alice)

    assert "municipality" in refused.value.message_dict


# --- agreements -------------------------------------------------------------------------


def test_an_agreement_with_a_party_of_another_partnership_is_refused(
    partnership, wernigerode, stranger
):
    with pytest.raises(ValidationError) as refused:
        agreement_create(partnership=partnership, by=None, kind=AgreementKind.FRIENDSHIP,
                         title="Vertrag", parties=[wernigerode, stranger])

    assert str(stranger) in refused.value.message_dict["parties"][0]
    assert not Agreement.objects.exists()


def test_an_edit_adding_a_foreign_party_changes_nothing(partnership, wernigerode, stranger,
                                                        alice):
    agreement = agreement_create(partnership=partnership, by=alice,
                                 kind=AgreementKind.FRIENDSHIP, title="Vertrag",
                                 parties=[wernigerode])

    with pytest.raises(ValidationError) as refused:
        agreement_update(agreement, by=alice, expected_version=1, title="Anders",
                         parties=[stranger])

    assert "parties" in refused.value.message_dict
    saved = Agreement.objects.get(pk=agreement.pk)
    assert (saved.title, saved.version, list(saved.parties.all())) == (
        "Vertrag", 1, [wernigerode])


def test_an_agreement_edit_is_recorded_and_a_repeat_changes_nothing(
    partnership, wernigerode, hoi_an, alice, bao
):
    agreement = agreement_create(partnership=partnership, by=alice,
                                 kind=AgreementKind.FRIENDSHIP, title="Vertrag",
                                 parties=[wernigerode])

    agreement_update(agreement, by=bao, expected_version=1, parties=[wernigerode, hoi_an])
    again = agreement_update(agreement, by=bao, expected_version=2,
                             parties=[hoi_an, wernigerode], title="Vertrag")

    assert again.version == 2
    assert agreement.history.count() == 2
    assert agreement.history.latest("history_date").history_user == bao
    agreement_delete(again, by=alice)
    assert not Agreement.objects.exists()


# --- awards and prize money -------------------------------------------------------------


def test_prize_money_for_another_partnerships_town_is_refused(partnership, stranger):
    award = award_create(partnership=partnership, by=None, name="Preis")

    with pytest.raises(ValidationError) as refused:
        award_amount_create(award=award, by=None, recipient=stranger,
                            amount=Decimal("100"), currency="EUR")

    assert str(stranger) in refused.value.message_dict["recipient"][0]
    assert not AwardAmount.objects.exists()


def test_prize_money_cannot_be_moved_to_another_partnerships_town(
    partnership, wernigerode, stranger, alice
):
    award = award_create(partnership=partnership, by=None, name="Preis")
    amount = award_amount_create(award=award, by=None, recipient=wernigerode,
                                 amount=Decimal("100"), currency="EUR")

    with pytest.raises(ValidationError) as refused:
        award_amount_update(amount, by=alice, expected_version=1, recipient=stranger)

    assert "recipient" in refused.value.message_dict
    assert AwardAmount.objects.get(pk=amount.pk).recipient == wernigerode


def test_negative_prize_money_is_refused_at_the_field_and_by_the_database(
    partnership, wernigerode
):
    award = award_create(partnership=partnership, by=None, name="Preis")
    with pytest.raises(ValidationError) as refused:
        award_amount_create(award=award, by=None, recipient=wernigerode,
                            amount=Decimal("-1"), currency="EUR")
    assert "amount" in refused.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        AwardAmount.objects.create(award=award, recipient=wernigerode, amount=Decimal("-1"),
                                   currency="EUR")


def test_an_award_edit_records_its_author_and_deleting_takes_its_money(
    partnership, wernigerode, alice
):
    award = award_create(partnership=partnership, by=alice, name="Preis")
    award_amount_create(award=award, by=alice, recipient=wernigerode, amount=Decimal("5"),
                        currency="EUR")

    unchanged = award_update(award, by=alice, expected_version=1, name="Preis")
    assert (unchanged.version, award.history.count()) == (1, 1)
    changed = award_update(award, by=alice, expected_version=1, place="Düsseldorf")
    assert (changed.version, changed.history.latest("history_date").history_user) == (2, alice)

    award_delete(changed, by=alice)
    assert not Award.objects.exists()
    assert not AwardAmount.objects.exists()


# --- phases -----------------------------------------------------------------------------


def test_a_phase_edit_ending_before_its_start_changes_nothing(partnership, alice):
    phase = phase_create(partnership=partnership, by=alice, kind=PhaseKind.PILOT,
                         title="Pilot", start_date=date(2021, 6, 1))

    with pytest.raises(ValidationError) as refused:
        phase_update(phase, by=alice, expected_version=1, end_date=date(2021, 5, 1))

    assert "end_date" in refused.value.message_dict
    saved = Phase.objects.get(pk=phase.pk)
    assert (saved.end_date, saved.version, saved.history.count()) == (None, 1, 1)


def test_the_database_refuses_a_phase_ending_before_it_starts(partnership):
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(partnership=partnership, kind=PhaseKind.PILOT, title="Pilot",
                             start_date=date(2021, 6, 1), end_date=date(2021, 5, 1))


def _member_forms(partnership, delete: set[int]):
    from django.forms import inlineformset_factory

    from twinplan.partnerships.admin import MemberFormSet

    formset_class = inlineformset_factory(
        Partnership, PartnershipMember, formset=MemberFormSet,
        fields=["municipality", "position"], can_delete=True, extra=0,
    )
    members = list(partnership.members.all())
    data = {"members-TOTAL_FORMS": len(members), "members-INITIAL_FORMS": len(members),
            "members-MIN_NUM_FORMS": 0, "members-MAX_NUM_FORMS": 1000}
    for index, member in enumerate(members):
        data |= {f"members-{index}-id": member.pk, f"members-{index}-partnership": partnership.pk,
                 f"members-{index}-municipality": member.municipality_id,
                 f"members-{index}-position": member.position}
        if member.municipality_id in delete:
            data[f"members-{index}-DELETE"] = "on"
    return formset_class(data, instance=partnership, prefix="members")


def test_the_admin_keeps_at_least_two_members(partnership, wernigerode):
    assert _member_forms(partnership, delete=set()).is_valid()

    refused = _member_forms(partnership, delete={wernigerode.pk})

    assert not refused.is_valid()
    assert "at least two member municipalities" in " ".join(refused.non_form_errors())
