import datetime
from decimal import Decimal

import factory

from twinplan.money.models import CurrencyRate, FundingSource, Resource, ResourceKind, ResourceState
from twinplan.programmes.tests.factories import MeasureFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    measure = factory.SubFactory(MeasureFactory)
    kind = ResourceKind.MONEY
    amount = 1000
    currency = "EUR"
    state = ResourceState.PLANNED
    source_of_funds = FundingSource.OWN_BUDGET


class CurrencyRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CurrencyRate

    date = datetime.date(2018, 1, 3)
    base = "EUR"
    quote = "RSD"
    rate = Decimal("118.40")
    source = "National Bank of Serbia (test)"
