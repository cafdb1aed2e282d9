import factory

from twinplan.events.models import Event, EventKind
from twinplan.partnerships.tests.factories import PartnershipFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    partnership = factory.SubFactory(PartnershipFactory)
    kind = EventKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Event {n}")
    original_language = "de"
    is_published = True
