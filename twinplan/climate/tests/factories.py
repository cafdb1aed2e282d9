from decimal import Decimal

import factory

from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.events.tests.factories import EventFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import MeasureFactory


class ImpactEstimateFactory(factory.django.DjangoModelFactory):
    """Stored as given: pass valid `parameters` (the services check them, this does not)."""

    class Meta:
        model = ImpactEstimate

    measure = factory.SubFactory(MeasureFactory)
    impact_type = "awareness"
    parameters = factory.LazyFunction(lambda: {"people_reached": 10})
    municipality = factory.SubFactory(MunicipalityFactory)
    parameters_source = "test figures"
    parameters_year = 2024


class TravelLegFactory(factory.django.DjangoModelFactory):
    """A return flight Wernigerode – Hội An for one person (town centres as in
    twinplan/impact/tests/test_travel.py: 9,143.066 km geodesic)."""

    class Meta:
        model = TravelLeg

    event = factory.SubFactory(EventFactory)
    origin_name = "Wernigerode"
    origin_latitude = 51.8350
    origin_longitude = 10.7853
    origin_source = "test coordinates"
    destination_name = "Hội An"
    destination_latitude = 15.8801
    destination_longitude = 108.3380
    destination_source = "test coordinates"
    mode = "flight"
    persons = 1
    return_trip = True
    source = "test travel report"


class MunicipalInventoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalInventory

    municipality = factory.SubFactory(MunicipalityFactory)
    total_co2e_t_per_year = Decimal("250000")
    year = 2022
    method = "BISKO"
    source = "Klimaschutzkonzept (test)"


class PartnershipFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipFactor

    partnership = factory.SubFactory(PartnershipFactory)
    key = "electricity.grid.SRB"
    value = 700.0
    unit = "g CO2e/kWh"
    source = "Elektroprivreda Srbije, annual report (test)"
    edition_year = 2022
