import factory

from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import (
    FundingProgramme,
    Partnership,
    PartnershipKind,
    PartnershipMember,
)


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Funding programme {n}")
    slug = factory.Sequence(lambda n: f"funding-{n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A published partnership of two new municipalities (pass `members=[...]` to choose)."""

    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    title = factory.Sequence(lambda n: f"Partnership {n}")
    kind = PartnershipKind.CLIMATE
    working_languages = factory.LazyFunction(lambda: ["de", "vi"])
    original_language = "de"
    is_published = True

    @factory.post_generation
    def members(self, create: bool, extracted: object, **kwargs: object) -> None:
        if not create:
            return
        municipalities = extracted if extracted is not None else [
            MunicipalityFactory(), MunicipalityFactory(country="VN", currency="VND",
                                                       working_languages=["vi"]),
        ]
        for position, municipality in enumerate(municipalities):  # type: ignore[arg-type]
            PartnershipMember.objects.create(
                partnership=self, municipality=municipality, position=position
            )
