import factory

from twinplan.municipalities.models import Municipality, MunicipalityKind


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    kind = MunicipalityKind.TOWN
    country = "DE"
    currency = "EUR"
    working_languages = factory.LazyFunction(lambda: ["de"])
    original_language = "de"
