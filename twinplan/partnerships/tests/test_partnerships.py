"""Partnerships: creating them with their members, awards, agreements, phases and roles,
and the selectors the public pages read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from twinplan.municipalities.services import municipality_fact_create
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import (
    Agreement,
    AgreementKind,
    Award,
    AwardAmount,
    Invitation,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    PartnershipRole,
    Phase,
    PhaseKind,
    RoleKind,
)
from twinplan.partnerships.selectors import (
    partnership_facts,
    partnership_published_or_none,
    partnerships_published,
)
from twinplan.partnerships.services import (
    agreement_create,
    award_amount_create,
    award_create,
    invitation_create,
    partnership_create,
    phase_create,
    role_grant,
)
from twinplan.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bersenbrueck(db):
    return MunicipalityFactory(slug="bersenbrueck", name="Bersenbrück", country="DE")


@pytest.fixture
def ruma(db):
    return MunicipalityFactory(
        slug="ruma", name="Ruma", country="RS", currency="RSD",
        working_languages=["sr-latn", "sr"], original_language="sr-latn",
    )


def test_members_are_stored_in_the_order_given(wernigerode, hoi_an):
    # Hội An sorts before Wernigerode by name: the order must come from the call.
    partnership = partnership_create(
        by=None, slug="wernigerode-hoi-an", title="Klimapartnerschaft Wernigerode – Hội An",
        kind=PartnershipKind.CLIMATE, municipalities=[wernigerode, hoi_an],
    )

    members = PartnershipMember.objects.filter(partnership=partnership).order_by("position")
    assert [(m.municipality, m.position) for m in members] == [(wernigerode, 0), (hoi_an, 1)]


def test_working_languages_default_to_the_members_first_languages(wernigerode, hoi_an):
    partnership = partnership_create(
        by=None, slug="wernigerode-hoi-an", title="Klimapartnerschaft Wernigerode – Hội An",
        kind=PartnershipKind.CLIMATE, municipalities=[wernigerode, hoi_an],
    )

    partnership.refresh_from_db()
    assert partnership.working_languages == ["de", "vi"]
    assert partnership.original_language == "de"


def test_a_language_two_members_share_is_listed_once(bersenbrueck, wernigerode, ruma):
    partnership = partnership_create(
        by=None, slug="three-towns", title="Drei Städte", kind=PartnershipKind.TWINNING,
        municipalities=[ruma, bersenbrueck, wernigerode],
    )

    partnership.refresh_from_db()
    # Only first languages count: Ruma's second language (sr) is not added.
    assert partnership.working_languages == ["sr-latn", "de"]
    assert partnership.original_language == "sr-latn"


def test_languages_given_explicitly_are_kept(wernigerode, hoi_an):
    partnership = partnership_create(
        by=None,
        slug="wernigerode-hoi-an", title="Climate partnership", kind=PartnershipKind.CLIMATE,
        municipalities=[wernigerode, hoi_an], working_languages=["en"], original_language="en",
    )

    partnership.refresh_from_db()
    assert (partnership.working_languages, partnership.original_language) == (["en"], "en")


@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        pytest.param({"slug": "wernigerode hội an"}, "slug", id="bad-slug"),
        pytest.param({"working_languages": ["de", "xx"]}, "working_languages",
                     id="unknown-working-language"),
    ],
)
def test_a_refused_partnership_leaves_no_partnership_and_no_members(
    wernigerode, hoi_an, fields, field_named
):
    arguments = {
        "slug": "wernigerode-hoi-an", "title": "Klimapartnerschaft", "kind": "climate",
        "municipalities": [wernigerode, hoi_an], **fields,
    }

    with pytest.raises(ValidationError) as refused:
        partnership_create(by=None, **arguments)

    assert field_named in refused.value.message_dict
    assert Partnership.objects.count() == 0
    assert PartnershipMember.objects.count() == 0


def test_a_member_refused_after_the_partnership_was_saved_rolls_the_partnership_back(
    wernigerode, hoi_an
):
    # The same municipality twice fails on the second member row, after the partnership
    # row was written: the transaction must take that row back too.
    with pytest.raises(ValidationError):
        partnership_create(
            by=None, slug="wernigerode-hoi-an", title="Klimapartnerschaft", kind="climate",
            municipalities=[wernigerode, hoi_an, wernigerode],
        )

    assert Partnership.objects.count() == 0
    assert PartnershipMember.objects.count() == 0


def test_an_award_pays_each_recipient_its_own_amount(partnership, wernigerode, hoi_an):
    award = award_create(
        partnership=partnership, by=None, name="Wettbewerb Klimaaktive Kommune",
        awarded_on=date(2021, 11, 15),
    )
    award_amount_create(award=award, by=None, recipient=wernigerode,
                        amount=Decimal("25000.00"), currency="EUR")
    award_amount_create(award=award, by=None, recipient=hoi_an, amount=Decimal("5000.00"),
                        currency="EUR")

    assert [(a.recipient, a.amount, a.currency) for a in award.amounts.all()] == [
        (wernigerode, Decimal("25000.00"), "EUR"),
        (hoi_an, Decimal("5000.00"), "EUR"),
    ]
    assert award.original_language == partnership.original_language


def test_prize_money_in_an_unknown_currency_is_refused(partnership, hoi_an):
    award = award_create(partnership=partnership, by=None, name="Preis")
    with pytest.raises(ValidationError) as refused:
        award_amount_create(award=award, by=None, recipient=hoi_an,
                            amount=Decimal("5000.00"), currency="XYZ")

    assert "currency" in refused.value.message_dict
    assert AwardAmount.objects.count() == 0
    assert Award.objects.count() == 1


def test_an_agreement_is_stored_with_its_parties(partnership, wernigerode, hoi_an):
    agreement = agreement_create(
        partnership=partnership, by=None, kind=AgreementKind.COOPERATION,
        title="Memorandum of Understanding", parties=[wernigerode, hoi_an],
        signed_on=date(2019, 9, 20), place="Hội An",
    )

    saved = Agreement.objects.get(pk=agreement.pk)
    assert set(saved.parties.all()) == {wernigerode, hoi_an}
    assert saved.original_language == partnership.original_language


def test_a_council_resolution_of_one_partner_names_only_that_party(partnership, wernigerode):
    agreement = agreement_create(
        partnership=partnership, by=None, kind=AgreementKind.COUNCIL_RESOLUTION,
        title="Beschluss des Stadtrats", parties=[wernigerode],
    )

    assert list(agreement.parties.all()) == [wernigerode]


def test_phases_are_numbered_in_the_order_they_are_added(partnership):
    kick_off = phase_create(partnership=partnership, by=None,
                            kind=PhaseKind.KICK_OFF, title="Auftakt",
                            start_date=date(2019, 1, 1), end_date=date(2019, 6, 30))
    exchange = phase_create(partnership=partnership, by=None,
                            kind=PhaseKind.EXCHANGE, title="Austausch")

    assert (kick_off.position, exchange.position) == (0, 1)


def test_a_phase_ending_before_it_starts_is_refused(partnership):
    with pytest.raises(ValidationError) as refused:
        phase_create(partnership=partnership, by=None, kind=PhaseKind.PILOT, title="Pilotmaßnahmen",
                     start_date=date(2021, 6, 1), end_date=date(2021, 5, 31))

    assert "end_date" in refused.value.message_dict
    assert Phase.objects.count() == 0


def test_a_one_day_phase_is_accepted(partnership):
    phase = phase_create(partnership=partnership, by=None,
                         kind=PhaseKind.RESOLUTION, title="Beschluss",
                         start_date=date(2021, 6, 1), end_date=date(2021, 6, 1))

    assert Phase.objects.filter(pk=phase.pk).exists()


def test_a_coordinator_must_act_for_a_municipality(partnership, olga):
    with pytest.raises(ValidationError) as refused:
        role_grant(user=olga, partnership=partnership, role=RoleKind.COORDINATOR)

    assert "municipality" in refused.value.message_dict
    assert not PartnershipRole.objects.filter(user=olga).exists()


def test_a_coordinator_for_a_municipality_is_granted(partnership, olga, wernigerode):
    role = role_grant(user=olga, partnership=partnership, role=RoleKind.COORDINATOR,
                      municipality=wernigerode)

    assert PartnershipRole.objects.get(user=olga).pk == role.pk


def test_the_directory_lists_published_partnerships_only(partnership):
    draft = PartnershipFactory(title="Entwurf", is_published=False)

    listed = list(partnerships_published())

    assert partnership in listed
    assert draft not in listed


def test_the_directory_lists_members_in_their_order(partnership, wernigerode, hoi_an):
    [listed] = partnerships_published()

    assert [member.municipality for member in listed.members.all()] == [wernigerode, hoi_an]


def test_a_published_partnership_is_found_by_its_slug(partnership):
    assert partnership_published_or_none("wernigerode-hoi-an") == partnership


def test_an_unpublished_partnership_is_not_found(partnership):
    partnership.is_published = False
    partnership.save()

    assert partnership_published_or_none("wernigerode-hoi-an") is None
    assert partnership_published_or_none("no-such-partnership") is None


def test_partnership_facts_show_members_in_order_with_facts_and_distance(
    partnership, wernigerode, hoi_an
):
    municipality_fact_create(municipality=hoi_an, by=None, text="UNESCO-Welterbe seit 1999")
    municipality_fact_create(municipality=wernigerode, by=None, text="Bunte Stadt am Harz")

    facts = partnership_facts(partnership)

    # Member order (Wernigerode first), not name order (Hội An would come first).
    assert facts.municipalities == [wernigerode, hoi_an]
    assert [[f.text for f in m.facts.all()] for m in facts.municipalities] == [
        ["Bunte Stadt am Harz"], ["UNESCO-Welterbe seit 1999"],
    ]
    [distance] = facts.distances
    assert distance.distance_km == pytest.approx(9_143, abs=5)


def test_an_invitation_for_another_partnerships_town_or_organisation_is_refused(
    partnership, alice
):
    town = MunicipalityFactory(slug="elsewhere")
    PartnershipFactory(members=[town, MunicipalityFactory()])
    for role, fields, field in [
        ("coordinator", {"municipality": town}, "municipality"),
        ("contributor", {"organisation": OrganisationFactory(municipality=town)},
         "organisation"),
    ]:
        with pytest.raises(ValidationError) as refused:
            invitation_create(partnership=partnership, email="x@example.org", role=role,
                              invited_by=alice, accept_url=lambda token: token, **fields)
        assert field in refused.value.message_dict
    assert not Invitation.objects.exists()
    assert mail.outbox == []
