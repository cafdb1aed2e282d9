"""A small partnership whose balance is worked out by hand in the tests.

Wernigerode (DE, 33,000 inhabitants in 2018) and Ruma (RS, 56,000 in 2018); measures
P1 (a 30 kWp PV system in Ruma, in implementation) and K1 (120,000 kWh/a of natural gas
saved in Wernigerode for 20 years, completed); one event with a return flight
Wernigerode – Hội An for three persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from twinplan.climate.services import measure_impact_set
from twinplan.climate.tests.factories import TravelLegFactory
from twinplan.events.tests.factories import EventFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory


@dataclass
class Twin:
    partnership: Any
    programme: Any
    wernigerode: Any
    ruma: Any
    pv: Any
    heat: Any
    event: Any
    leg: Any


def impact(measure, impact_type: str, parameters: dict, municipality, **fields):
    return measure_impact_set(
        measure=measure, impact_type=impact_type, parameters=parameters,
        municipality=municipality, parameters_source="test figures", parameters_year=2024,
        **fields,
    )


@pytest.fixture
def twin(db) -> Twin:
    wernigerode = MunicipalityFactory(
        slug="wernigerode-t", name="Wernigerode", country="DE", currency="EUR",
        population=33000, population_year=2018, population_source="article",
    )
    ruma = MunicipalityFactory(
        slug="ruma-t", name="Ruma", country="RS", currency="RSD", population=56000,
        population_year=2018, population_source="slides", latitude=45.0081,
        longitude=19.8222, location_source="test coordinates",
    )
    partnership = PartnershipFactory(slug="twin", members=[wernigerode, ruma])
    programme = ActionProgrammeFactory(partnership=partnership)
    pv = MeasureFactory(programme=programme, code="P1", title="PV on a school",
                        status=MeasureStatus.IN_PROGRESS)
    heat = MeasureFactory(programme=programme, code="K1", title="Insulation",
                          status=MeasureStatus.COMPLETED)
    impact(pv, "photovoltaic", {"capacity_kwp": 30}, ruma)
    impact(heat, "heat_saved", {"heat_saved_kwh_per_year": 120_000, "fuel": "natural_gas",
                                "lifetime_years": 20}, wernigerode)
    event = EventFactory(partnership=partnership, title="Delegation trip")
    leg = TravelLegFactory(event=event, persons=3)
    return Twin(partnership, programme, wernigerode, ruma, pv, heat, event, leg)
