"""On a Latin page a Serbian town is written in Latin letters, its region too: in the
distance line, the key facts and the programme's lead partner (Ruma, not Рума)."""

from __future__ import annotations

import pytest

from twinplan.climate.tests.factories import ImpactEstimateFactory
from twinplan.money.tests.factories import ResourceFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin():
    ruma = MunicipalityFactory(name="Рума", names={"Latn": "Ruma"}, country="RS",
                               region_code="RS-VO", latitude=45.008, longitude=19.822,
                               location_source="test")
    home = MunicipalityFactory(name="Bersenbrück", country="DE", region_code="DE-NI",
                               latitude=52.55, longitude=7.95, location_source="test")
    partnership = PartnershipFactory(slug="twin", members=[home, ruma])
    programme = ActionProgrammeFactory(partnership=partnership, edition=1)
    measure = MeasureFactory(programme=programme, lead_municipality=ruma)
    measure.implementing_municipalities.add(ruma)
    ImpactEstimateFactory(measure=measure, municipality=ruma)
    ResourceFactory(measure=measure, provided_by=ruma, planned_amount=1000, currency="EUR")
    return partnership


def test_a_latin_page_writes_the_serbian_town_and_region_in_latin(client, twin):
    latin = client.get("/sr-latn/partnerships/twin/").content.decode()
    assert "Bersenbrück – Ruma" in latin
    assert "Рума" not in latin
    assert "Nidersašsen" in latin
    cyrillic = client.get("/sr/partnerships/twin/").content.decode()
    assert "Bersenbrück – Рума" in cyrillic
    assert "Нидерсашсен" in cyrillic
    programme = client.get("/sr-latn/partnerships/twin/programme/").content.decode()
    assert "<td>Ruma</td>" in programme
    measure = twin.programmes.get().measures.get()
    for path in ("impact/", f"measures/{measure.pk}/"):
        page = client.get(f"/sr-latn/partnerships/twin/{path}").content.decode()
        assert "Ruma" in page, path
        assert "Рума" not in page, path
