"""A small but complete partnership for the workspace tests, one object of every kind,
and the people of the permission matrix.

The municipal objects (municipality, fact, inventory) are Wernigerode's: alice acts for
it, bao for the partner town Hội An."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from twinplan.accounts.tests.factories import UserFactory
from twinplan.adaptation.tests.factories import (
    AdaptationEffectFactory,
    ClimateRiskFactory,
    MeasureAdaptationFactory,
)
from twinplan.climate.tests.factories import (
    ImpactEstimateFactory,
    MunicipalInventoryFactory,
    PartnershipFactorFactory,
    TravelLegFactory,
)
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.media.tests.factories import media_item
from twinplan.money.models import Resource
from twinplan.municipalities.models import MunicipalityFact
from twinplan.organisations.models import OrganisationType
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    FundingProgrammeCoordinator,
    PartnershipRole,
    Phase,
    RoleKind,
)
from twinplan.partnerships.tests.factories import FundingProgrammeFactory, PartnershipFactory
from twinplan.programmes.models import (
    Challenge,
    FieldOfAction,
    Goal,
    MeasureActor,
    MeasureComment,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory


@dataclass
class World:
    partnership: Any
    objects: dict[str, Any]  # one object of every kind of the registry
    users: dict[str, Any]
    # Other parents, by kind, for kinds of which a parent holds one at most (an impact
    # estimate per measure).
    spare: dict[str, Any] = dataclasses.field(default_factory=dict)


@pytest.fixture
def world(partnership, wernigerode, hoi_an, alice, bao, charlie) -> World:
    funding = FundingProgrammeFactory()
    partnership.funding_programme = funding
    partnership.save()
    school = PartnershipRole.objects.get(user=charlie).organisation
    programme = ActionProgrammeFactory(partnership=partnership)
    field = FieldOfAction.objects.create(programme=programme, title="Klimaschutz",
                                         original_language="de")
    goal = Goal.objects.create(programme=programme, title="Energie sparen",
                               field_of_action=field, original_language="de")
    measure = MeasureFactory(programme=programme, title="Solar school", owner=alice)
    measure.goals.add(goal)
    MeasureActor.objects.create(measure=measure, kind=OrganisationType.SCHOOL,
                                organisation=school)
    other_measure = MeasureFactory(programme=programme, title="Not charlie's measure")
    # Both measures are carried out in Wernigerode, so they may address its climate risks.
    measure.implementing_municipalities.add(wernigerode)
    other_measure.implementing_municipalities.add(wernigerode)
    risk = ClimateRiskFactory(municipality=wernigerode, hazard="droughts")
    adaptation = MeasureAdaptationFactory(measure=measure, risks=[risk])
    indicator = Indicator.objects.create(measure=measure, name="kWh", unit="kWh",
                                         original_language="de")
    event = Event.objects.create(partnership=partnership, kind="workshop", title="Workshop",
                                 original_language="de")
    award = Award.objects.create(partnership=partnership, name="Preis", original_language="de")
    organisation = OrganisationFactory(name="Stadtwerke", kind=OrganisationType.UTILITY,
                                       municipality=wernigerode)
    objects = {
        "partnership": partnership,
        "municipality": wernigerode,
        "fact": MunicipalityFact.objects.create(municipality=wernigerode, text="Harz",
                                                original_language="de"),
        "organisation": organisation,
        "agreement": Agreement.objects.create(partnership=partnership, kind="friendship",
                                              title="Vertrag", original_language="de"),
        "award": award,
        "awardamount": AwardAmount.objects.create(award=award, recipient=wernigerode,
                                                  amount=30000, currency="EUR"),
        "phase": Phase.objects.create(partnership=partnership, kind="kick_off", title="Start",
                                      original_language="de"),
        "programme": programme,
        "baseline": ProgrammeBaseline.objects.create(programme=programme,
                                                     municipality=wernigerode, text="2018",
                                                     year=2018, source="Statistik",
                                                     original_language="de"),
        "field": field,
        "goal": goal,
        "measure": measure,
        "actor": measure.actors.get(),
        "resource": Resource.objects.create(measure=measure, kind="money", planned_amount=100,
                                                currency="EUR",
                                                source_of_funds="own_budget"),
        "challenge": Challenge.objects.create(measure=measure, category="language",
                                              description="Sprache", original_language="de"),
        "progress": ProgressEntry.objects.create(measure=measure, text="Charlie's step",
                                                 author=charlie, original_language="de"),
        "indicator": indicator,
        "indicatorvalue": IndicatorValue.objects.create(indicator=indicator,
                                                        date=date(2026, 1, 1), value=5,
                                                        source="Zähler", author=charlie),
        "event": event,
        "outcome": EventOutcome.objects.create(event=event, kind="decision", text="Beschluss",
                                               original_language="de"),
        "idea": Idea.objects.create(event=event, title="Charlie's idea", author=charlie,
                                    original_language="de"),
        "glossaryterm": GlossaryTerm.objects.create(
            partnership=partnership, key="klimaanpassung", term="Klimaanpassung",
            definition="Anpassung an die Folgen des Klimawandels.", original_language="de"),
        "impact": ImpactEstimateFactory(measure=measure, municipality=hoi_an),
        "travelleg": TravelLegFactory(event=event),
        "inventory": MunicipalInventoryFactory(municipality=wernigerode),
        "factoroverride": PartnershipFactorFactory(partnership=partnership),
        "risk": risk,
        "adaptation": adaptation,
        "adaptationeffect": AdaptationEffectFactory(measure=measure, risk=risk),
        "media": media_item(partnership, attached_to=event),
    }
    objects["adoption"] = ProgrammeAdoption.objects.create(
        programme=programme, municipality=wernigerode, body="Stadtrat Wernigerode",
        adopted_on=date(2026, 1, 10),
        resolution=Agreement.objects.create(partnership=partnership, kind="council_resolution",
                                            title="Ratsbeschluss", original_language="de"))
    objects["comment"] = MeasureComment.objects.create(
        measure=measure, text="Gut gemacht", author=alice, municipality=wernigerode,
        original_language="de")
    dora = UserFactory(username="dora")
    PartnershipRole.objects.create(
        user=dora, partnership=partnership, role=RoleKind.CONTRIBUTOR,
        organisation=OrganisationFactory(name="Verein", municipality=hoi_an),
    )
    elsewhere = PartnershipFactory(slug="elsewhere")
    erik = UserFactory(username="erik")
    PartnershipRole.objects.create(user=erik, partnership=elsewhere, role=RoleKind.COORDINATOR,
                                   municipality=elsewhere.members.first().municipality)
    paula = UserFactory(username="paula")
    FundingProgrammeCoordinator.objects.create(user=paula, funding_programme=funding)
    # A contributor attached to the partnership itself: every measure, no organisation.
    gabi = UserFactory(username="gabi")
    PartnershipRole.objects.create(user=gabi, partnership=partnership, role=RoleKind.CONTRIBUTOR)
    # A coordinator of Wernigerode whose account was switched off: roles kept, no rights.
    ingo = UserFactory(username="ingo", is_active=False)
    PartnershipRole.objects.create(user=ingo, partnership=partnership, role=RoleKind.COORDINATOR,
                                   municipality=wernigerode)
    users = {
        "anonymous": None,
        "outsider": UserFactory(username="olga"),
        "inactive_coordinator": ingo,
        "contributor": charlie,
        "contributor_elsewhere": dora,
        "contributor_without_organisation": gabi,
        "other_coordinator": erik,
        "coordinator": alice,
        # Bao coordinates for Hội An: joint content yes, Wernigerode's own data no.
        "partner_coordinator": bao,
        "programme_coordinator": paula,
        "network_admin": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    return World(partnership=partnership, objects=objects, users=users,
                 spare={"measure": other_measure})
