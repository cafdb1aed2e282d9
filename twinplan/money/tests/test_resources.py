"""Resource lines: planned and spent on one line, money with its currency, staff days and
in-kind support with their money value, and only the partnership's own towns,
organisations and awards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.models import BinEntry
from twinplan.money.models import FundingSource, Resource, ResourceKind
from twinplan.money.services import resource_create, resource_delete, resource_update
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import Award
from twinplan.partnerships.tests.factories import FundingProgrammeFactory, PartnershipFactory
from twinplan.programmes.services import measure_create, programme_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(partnership):
    programme = programme_create(by=None, partnership=partnership, title="Handlungsprogramm")
    return measure_create(by=None, programme=programme, title="Solaranlage")


@pytest.fixture
def elsewhere(db):
    town = MunicipalityFactory(slug="elsewhere", name="Elsewhere")
    other = PartnershipFactory(members=[town, MunicipalityFactory()])
    return town, other


def money(**fields):
    return {"kind": ResourceKind.MONEY, "planned_amount": Decimal("12000"), "currency": "EUR",
            "source_of_funds": FundingSource.OWN_BUDGET, **fields}


def test_money_needs_its_currency(measure):
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, **money(currency=""))
    assert "currency" in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_staff_days_have_no_currency(measure):
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, kind=ResourceKind.STAFF_DAYS,
                        spent_amount=Decimal("10"), currency="EUR",
                        source_of_funds=FundingSource.OWN_BUDGET)
    assert "currency" in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_a_line_gives_planned_and_spent_on_one_row(measure, wernigerode):
    line = resource_create(measure=measure, by=None,
                           **money(spent_amount=Decimal("4000"), provided_by=wernigerode))
    assert (line.planned_amount, line.spent_amount) == (Decimal("12000"), Decimal("4000"))
    assert line.original_language == measure.original_language


def test_a_line_without_planned_or_spent_is_refused(measure):
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, **money(planned_amount=None))
    assert "planned_amount" in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_staff_days_give_their_money_value_and_how_it_was_valued(measure):
    line = resource_create(
        measure=measure, by=None, kind=ResourceKind.STAFF_DAYS, planned_amount=Decimal("8"),
        source_of_funds=FundingSource.OWN_BUDGET, value_amount=Decimal("3200"),
        value_currency="EUR", valuation="8 staff days × 400 EUR, municipal pay scale 2024",
    )
    assert (line.value_amount, line.value_currency) == (Decimal("3200"), "EUR")


@pytest.mark.parametrize(("fields", "field"), [
    ({"value_amount": Decimal("3200"), "valuation": "pay scale"}, "value_currency"),
    ({"value_amount": Decimal("3200"), "value_currency": "EUR"}, "valuation"),
    ({"value_currency": "EUR", "valuation": "pay scale"}, "value_amount"),
])
def test_a_money_value_needs_its_amount_currency_and_valuation(measure, fields, field):
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, kind=ResourceKind.IN_KIND,
                        planned_amount=Decimal("1"),
                        source_of_funds=FundingSource.THIRD_PARTY, **fields)
    assert field in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_money_has_no_money_value(measure):
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, **money(value_amount=Decimal("1"),
                                                          value_currency="EUR",
                                                          valuation="x"))
    assert "value_amount" in refused.value.message_dict


def test_an_award_and_a_funding_programme_fit_the_source_of_funds(measure, partnership):
    award = Award.objects.create(partnership=partnership, name="Prize")
    programme = FundingProgrammeFactory()
    line = resource_create(measure=measure, by=None,
                           **money(source_of_funds=FundingSource.AWARD, award=award))
    assert line.award == award
    line = resource_create(measure=measure, by=None, **money(
        source_of_funds=FundingSource.FUNDING_PROGRAMME, funding_programme=programme))
    assert line.funding_programme == programme
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, **money(award=award))
    assert "award" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        resource_create(measure=measure, by=None, **money(funding_programme=programme))
    assert "funding_programme" in refused.value.message_dict
    assert Resource.objects.count() == 2


def test_another_partnerships_town_organisation_and_award_are_refused(measure, elsewhere):
    town, other = elsewhere
    organisation = OrganisationFactory(municipality=town)
    award = Award.objects.create(partnership=other, name="Their prize")
    for fields, field in [
        ({"provided_by": town}, "provided_by"),
        ({"provided_by_organisation": organisation}, "provided_by_organisation"),
        ({"source_of_funds": FundingSource.AWARD, "award": award}, "award"),
    ]:
        with pytest.raises(ValidationError) as refused:
            resource_create(measure=measure, by=None, **money(**fields))
        assert field in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_an_update_to_another_partnerships_organisation_is_refused(measure, elsewhere):
    line = resource_create(measure=measure, by=None, **money())
    organisation = OrganisationFactory(municipality=elsewhere[0])
    with pytest.raises(ValidationError) as refused:
        resource_update(line, by=None, expected_version=1,
                        provided_by_organisation=organisation)
    assert "provided_by_organisation" in refused.value.message_dict
    line.refresh_from_db()
    assert (line.provided_by_organisation, line.version) == (None, 1)


def test_an_update_records_its_author_and_a_no_op_keeps_the_version(measure):
    editor = UserFactory()
    line = resource_create(measure=measure, by=editor, **money())
    assert line.history.get().history_user == editor
    same = resource_update(line, by=editor, expected_version=1, planned_amount=Decimal("12000"))
    assert (same.version, line.history.count()) == (1, 1)
    changed = resource_update(line, by=editor, expected_version=1, spent_amount=Decimal("50"))
    assert changed.version == 2
    assert changed.history.first().history_user == editor


def test_a_line_is_deleted_into_the_partnerships_bin(measure, partnership):
    line = resource_create(measure=measure, by=None, **money())
    resource_delete(line, by=None)
    assert Resource.objects.count() == 0
    assert BinEntry.objects.get().scope_id == partnership.pk


def test_the_database_refuses_negative_amounts_and_a_line_without_both(measure):
    line = resource_create(measure=measure, by=None, **money())
    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=line.pk).update(spent_amount=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.filter(pk=line.pk).update(planned_amount=None)
