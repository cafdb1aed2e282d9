from typing import Any

import factory

from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import (
    FundingProgramme,
    Partnership,
    PartnershipKind,
)
from twinplan.partnerships.services import partnership_create, partnership_publish


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Funding programme {n}")
    slug = factory.Sequence(lambda n: f"funding-{n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A published partnership of two new municipalities (pass `members=[...]` to choose),
    made by `partnership_create` as every partnership is."""

    class Meta:
        model = Partnership

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    title = factory.Sequence(lambda n: f"Partnership {n}")
    kind = PartnershipKind.CLIMATE
    working_languages = factory.LazyFunction(lambda: ["de", "vi"])
    original_language = "de"
    is_published = True
    members = factory.LazyFunction(lambda: [
        MunicipalityFactory(),
        MunicipalityFactory(country="VN", currency="VND", working_languages=["vi"]),
    ])

    @classmethod
    def _create(cls, model_class: type[Partnership], *args: Any, **kwargs: Any) -> Partnership:
        members = kwargs.pop("members")
        published = kwargs.pop("is_published")
        partnership = partnership_create(by=None, municipalities=members, **kwargs)
        return partnership_publish(partnership, by=None, published=published)
