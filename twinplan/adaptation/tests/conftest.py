import pytest

from twinplan.adaptation.tests.factories import ClimateRiskFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory


@pytest.fixture
def programme(partnership):
    partnership.is_published = True
    partnership.save()
    return ActionProgrammeFactory(partnership=partnership)


@pytest.fixture
def flood(hoi_an):
    return ClimateRiskFactory(municipality=hoi_an, hazard="floods")


@pytest.fixture
def drought(wernigerode):
    return ClimateRiskFactory(municipality=wernigerode, hazard="droughts")


@pytest.fixture
def warning(programme, hoi_an):
    """A measure led by Hội An."""
    return MeasureFactory(programme=programme, code="A1", title="Hochwasser-Frühwarnung",
                          lead_municipality=hoi_an)
