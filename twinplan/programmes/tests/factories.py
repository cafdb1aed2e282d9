import factory

from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    ChallengeCategory,
    FieldOfAction,
    Goal,
    Measure,
    MeasureStatus,
    ProgressEntry,
)


class ActionProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionProgramme

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Programme {n}")
    edition = factory.Sequence(lambda n: n + 1)
    original_language = "de"
    is_published = True


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    programme = factory.SubFactory(ActionProgrammeFactory)
    title = factory.Sequence(lambda n: f"Field {n}")
    original_language = "de"


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    programme = factory.SubFactory(ActionProgrammeFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    original_language = "de"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    programme = factory.SubFactory(ActionProgrammeFactory)
    title = factory.Sequence(lambda n: f"Measure {n}")
    status = MeasureStatus.IN_PROGRESS
    original_language = "de"
    is_published = True


class ProgressEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    measure = factory.SubFactory(MeasureFactory)
    text = factory.Sequence(lambda n: f"Step {n}")
    original_language = "de"


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    measure = factory.SubFactory(MeasureFactory)
    category = ChallengeCategory.LANGUAGE
    description = "Sprachbarrieren"
    original_language = "de"
