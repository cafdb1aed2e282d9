import factory

from twinplan.glossary.models import GlossaryTerm


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    """A global German term unless given a partnership."""

    class Meta:
        model = GlossaryTerm

    partnership = None
    key = factory.Sequence(lambda n: f"term-{n}")
    term = factory.Sequence(lambda n: f"Begriff{n}")
    definition = factory.LazyAttribute(lambda o: f"Was {o.term} bedeutet.")
    original_language = "de"
