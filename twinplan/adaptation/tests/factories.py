from decimal import Decimal

import factory

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.programmes.tests.factories import MeasureFactory


class ClimateRiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClimateRisk

    municipality = factory.SubFactory(MunicipalityFactory)
    hazard = "floods"
    probability = "high"
    impact = "high"
    intensity_change = "increase"
    frequency_change = "increase"
    time_frame = "current"
    sectors = factory.LazyFunction(lambda: ["buildings"])
    vulnerable_groups = factory.LazyFunction(lambda: ["elderly"])
    description = "Hochwasser in der Altstadt"
    source = "Risikoanalyse der Stadt"
    source_year = 2022
    original_language = "de"


class MeasureAdaptationFactory(factory.django.DjangoModelFactory):
    """Pass `risks=[…]` (of the measure's own towns: the services check that, this does
    not)."""

    class Meta:
        model = MeasureAdaptation
        skip_postgeneration_save = True

    measure = factory.SubFactory(MeasureFactory)
    approaches = factory.LazyFunction(lambda: ["reduce_exposure"])
    description = "Frühwarnung"
    original_language = "de"

    @factory.post_generation
    def risks(self, create, extracted, **kwargs):
        if create and extracted:
            self.risks.set(extracted)


class AdaptationEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdaptationEffect

    measure = factory.SubFactory(MeasureFactory)
    risk = factory.SubFactory(ClimateRiskFactory)
    kind = "people_protected"
    quantity = Decimal("100")
    currency = ""
    source = "Planung des Bauamts"
    source_year = 2023
    original_language = "de"
