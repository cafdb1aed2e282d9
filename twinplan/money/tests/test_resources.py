"""Resource lines: money needs its currency, other kinds have none."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.money.models import FundingSource, Resource, ResourceKind, ResourceState
from twinplan.money.services import resource_add
from twinplan.programmes.services import measure_create, programme_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(partnership):
    return programme_create(by=None, partnership=partnership, title="Handlungsprogramm")


def test_money_needs_its_currency(programme):
    measure = measure_create(by=None, programme=programme, title="Solaranlage")

    with pytest.raises(ValidationError) as refused:
        resource_add(measure=measure, kind=ResourceKind.MONEY, amount=Decimal("12000"),
                          state=ResourceState.PLANNED, source_of_funds=FundingSource.OWN_BUDGET)

    assert "currency" in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_staff_days_have_no_currency(programme):
    measure = measure_create(by=None, programme=programme, title="Solaranlage")

    with pytest.raises(ValidationError) as refused:
        resource_add(measure=measure, kind=ResourceKind.STAFF_DAYS, amount=Decimal("10"),
                          currency="EUR", state=ResourceState.SPENT,
                          source_of_funds=FundingSource.OWN_BUDGET)

    assert "currency" in refused.value.message_dict
    assert Resource.objects.count() == 0


def test_money_and_staff_days_are_recorded(programme, wernigerode):
    measure = measure_create(by=None, programme=programme, title="Solaranlage")

    resource_add(measure=measure, kind=ResourceKind.MONEY, amount=Decimal("12000"),
                      currency="EUR", state=ResourceState.PLANNED,
                      source_of_funds=FundingSource.FUNDING_PROGRAMME, provided_by=wernigerode)
    resource_add(measure=measure, kind=ResourceKind.STAFF_DAYS, amount=Decimal("10"),
                      state=ResourceState.SPENT, source_of_funds=FundingSource.OWN_BUDGET)

    assert [(r.kind, r.amount, r.currency) for r in measure.resources.all()] == [
        (ResourceKind.MONEY, Decimal("12000.00"), "EUR"),
        (ResourceKind.STAFF_DAYS, Decimal("10.00"), ""),
    ]
