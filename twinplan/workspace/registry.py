"""Every kind of object the workspace edits, in one table: its form, its parent, how it
belongs to a partnership and which rules apply. Views, URLs and the permission-matrix test
are all generated from this table, so no kind can be forgotten by one of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from twinplan.adaptation import services as adaptation_services
from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.climate import services as climate_services
from twinplan.climate.models import ImpactEstimate, MunicipalInventory, PartnershipFactor, TravelLeg
from twinplan.events import services as event_services
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary import services as glossary_services
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators import services as indicator_services
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.media import services as media_services
from twinplan.media.models import MediaItem
from twinplan.money import services as money_services
from twinplan.money.models import Resource
from twinplan.municipalities import services as municipality_services
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.organisations import services as organisation_services
from twinplan.organisations.models import Organisation
from twinplan.partnerships import services as partnership_services
from twinplan.partnerships.models import Agreement, Award, AwardAmount, Partnership, Phase
from twinplan.programmes import services as programme_services
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureComment,
    ProgrammeAdoption,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.workspace import forms


@dataclass(frozen=True)
class Services:
    """The services of the owning app that write one kind, called by the workspace (and
    the API and imports) with the form's arguments:

    - `create(by=user, <owner>=parent, **arguments)`; `owner` names the argument that takes
      the parent (or the partnership); None when the kind is not added in the workspace;
    - `update(obj, by=user, expected_version=version, **arguments)`;
    - `delete(obj, by=user)`; None when the kind is not deleted in the workspace;
    - `publish(obj, by=user, published=True|False)` for kinds that are published.
    """

    update: Callable[..., Any]
    create: Callable[..., Any] | None = None
    owner: str = ""
    delete: Callable[..., None] | None = None
    publish: Callable[..., Any] | None = None


@dataclass(frozen=True)
class Kind:
    name: str  # in URLs: /workspace/<slug>/<name>/…
    model: type[Model]
    form: type[forms.WorkspaceForm]
    label: str | Promise
    # Queryset lookup from this kind to the partnership it belongs to, such as
    # "programme__partnership"; "" for the partnership itself.
    partnership_path: str
    services: Services
    parent: str | None = None  # the kind of the parent, when created under one
    parent_field: str | None = None  # the foreign key to the parent
    # Contributors may add these where they are attached, and edit their own.
    contributed: bool = False
    author_field: str | None = None
    # Municipal data: only the coordinators acting for that municipality edit it.
    municipal: bool = False
    # Model fields the form computes rather than shows (the completed impact parameters).
    computed_fields: tuple[str, ...] = ()
    # The municipality whose own data an object is (municipal kinds), and the measure an
    # object reports on (for the contributor rule).
    municipality_lookup: Callable[[Any], Municipality | None] | None = None
    measure_lookup: Callable[[Any], Measure | None] | None = None

    @property
    def can_add(self) -> bool:
        return self.services.create is not None

    @property
    def can_delete(self) -> bool:
        return self.services.delete is not None

    @property
    def publishable(self) -> bool:
        return self.services.publish is not None

    @property
    def versioned(self) -> bool:
        return hasattr(self.model, "version")

    @property
    def has_history(self) -> bool:
        return hasattr(self.model, "history")

    def in_partnership(self, partnership: Partnership) -> QuerySet[Any]:
        """The objects of this kind that belong to the partnership."""
        manager = self.model._default_manager
        if not self.partnership_path:
            return manager.filter(pk=partnership.pk)
        return manager.filter(**{self.partnership_path: partnership}).distinct()

    def municipality_of(self, obj: Any) -> Municipality | None:
        """The municipality whose own data the object is (municipal kinds)."""
        return self.municipality_lookup(obj) if self.municipality_lookup else None

    def measure_of(self, obj: Any) -> Measure | None:
        """The measure an object reports on, for the contributor rule."""
        return self.measure_lookup(obj) if self.measure_lookup else None


def _itself(obj: Any) -> Any:
    return obj


def _its_municipality(obj: Any) -> Municipality:
    return obj.municipality


def _its_measure(obj: Any) -> Measure:
    return obj.measure


def _its_indicators_measure(obj: Any) -> Measure | None:
    return obj.indicator.measure


P = programme_services
PS = partnership_services
MS = municipality_services
OS = organisation_services
ES = event_services
GS = glossary_services
C = climate_services
M = money_services
I = indicator_services  # noqa: E741
A = adaptation_services
MED = media_services

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("partnership", Partnership, forms.PartnershipForm, _("partnership"), "",
             Services(update=PS.partnership_update, publish=PS.partnership_publish)),
        Kind("municipality", Municipality, forms.MunicipalityForm, _("municipality"),
             "memberships__partnership", Services(update=MS.municipality_update),
             municipal=True, municipality_lookup=_itself),
        Kind("fact", MunicipalityFact, forms.FactForm, _("fact"),
             "municipality__memberships__partnership",
             Services(create=MS.municipality_fact_create, owner="municipality",
                      update=MS.municipality_fact_update, delete=MS.municipality_fact_delete),
             parent="municipality", parent_field="municipality",
             municipal=True, municipality_lookup=_its_municipality),
        # Added in the workspace, an organisation is located in a member municipality.
        Kind("organisation", Organisation, forms.OrganisationForm, _("organisation"),
             "municipality__memberships__partnership",
             Services(create=OS.organisation_create, owner="partnership",
                      update=OS.organisation_update)),
        Kind("agreement", Agreement, forms.AgreementForm, _("agreement"), "partnership",
             Services(create=PS.agreement_create, owner="partnership",
                      update=PS.agreement_update, delete=PS.agreement_delete)),
        Kind("award", Award, forms.AwardForm, _("award"), "partnership",
             Services(create=PS.award_create, owner="partnership", update=PS.award_update,
                      delete=PS.award_delete)),
        Kind("awardamount", AwardAmount, forms.AwardAmountForm, _("prize money"),
             "award__partnership",
             Services(create=PS.award_amount_create, owner="award",
                      update=PS.award_amount_update, delete=PS.award_amount_delete),
             parent="award", parent_field="award"),
        Kind("phase", Phase, forms.PhaseForm, _("phase"), "partnership",
             Services(create=PS.phase_create, owner="partnership", update=PS.phase_update,
                      delete=PS.phase_delete)),
        Kind("programme", ActionProgramme, forms.ProgrammeForm, _("action programme"),
             "partnership",
             Services(create=P.programme_create, owner="partnership",
                      update=P.programme_update, delete=P.programme_delete,
                      publish=P.programme_publish)),
        Kind("baseline", ProgrammeBaseline, forms.BaselineForm, _("baseline"),
             "programme__partnership",
             Services(create=P.baseline_create, owner="programme", update=P.baseline_update,
                      delete=P.baseline_delete),
             parent="programme", parent_field="programme"),
        Kind("field", FieldOfAction, forms.FieldOfActionForm, _("field of action"),
             "programme__partnership",
             Services(create=P.field_of_action_create, owner="programme",
                      update=P.field_of_action_update, delete=P.field_of_action_delete),
             parent="programme", parent_field="programme"),
        Kind("goal", Goal, forms.GoalForm, _("goal"), "programme__partnership",
             Services(create=P.goal_create, owner="programme", update=P.goal_update,
                      delete=P.goal_delete),
             parent="programme", parent_field="programme"),
        Kind("measure", Measure, forms.MeasureForm, _("measure"), "programme__partnership",
             Services(create=P.measure_create, owner="programme", update=P.measure_update,
                      delete=P.measure_delete, publish=P.measure_publish),
             parent="programme", parent_field="programme", measure_lookup=_itself),
        Kind("actor", MeasureActor, forms.ActorForm, _("actor"),
             "measure__programme__partnership",
             Services(create=P.measure_actor_create, owner="measure",
                      update=P.measure_actor_update, delete=P.measure_actor_delete),
             parent="measure", parent_field="measure"),
        Kind("resource", Resource, forms.ResourceForm, _("resource"),
             "measure__programme__partnership",
             Services(create=M.resource_create, owner="measure", update=M.resource_update,
                      delete=M.resource_delete),
             parent="measure", parent_field="measure"),
        Kind("challenge", Challenge, forms.ChallengeForm, _("challenge"),
             "measure__programme__partnership",
             Services(create=P.challenge_create, owner="measure", update=P.challenge_update,
                      delete=P.challenge_delete),
             parent="measure", parent_field="measure"),
        Kind("progress", ProgressEntry, forms.ProgressForm, _("progress entry"),
             "measure__programme__partnership",
             Services(create=P.progress_entry_create, owner="measure",
                      update=P.progress_entry_update, delete=P.progress_entry_delete),
             parent="measure", parent_field="measure", contributed=True,
             author_field="author", measure_lookup=_its_measure),
        Kind("indicator", Indicator, forms.IndicatorForm, _("indicator"),
             "measure__programme__partnership",
             Services(create=I.indicator_create, owner="measure", update=I.indicator_update,
                      delete=I.indicator_delete),
             parent="measure", parent_field="measure", measure_lookup=_its_measure),
        Kind("indicatorvalue", IndicatorValue, forms.IndicatorValueForm, _("measured value"),
             "indicator__measure__programme__partnership",
             Services(create=I.indicator_value_create, owner="indicator",
                      update=I.indicator_value_update, delete=I.indicator_value_delete),
             parent="indicator", parent_field="indicator", contributed=True,
             author_field="author", measure_lookup=_its_indicators_measure),
        Kind("event", Event, forms.EventForm, _("event"), "partnership",
             Services(create=ES.event_create, owner="partnership", update=ES.event_update,
                      delete=ES.event_delete, publish=ES.event_publish)),
        Kind("outcome", EventOutcome, forms.OutcomeForm, _("outcome"), "event__partnership",
             Services(create=ES.event_outcome_create, owner="event",
                      update=ES.event_outcome_update, delete=ES.event_outcome_delete),
             parent="event", parent_field="event"),
        Kind("idea", Idea, forms.IdeaForm, _("idea"), "event__partnership",
             Services(create=ES.idea_create, owner="event", update=ES.idea_update,
                      delete=ES.idea_delete),
             parent="event", parent_field="event", contributed=True, author_field="author"),
        # The partnership's own terms; global ones are edited in the admin.
        Kind("glossaryterm", GlossaryTerm, forms.GlossaryTermForm, _("glossary term"),
             "partnership",
             Services(create=GS.glossary_term_create, owner="partnership",
                      update=GS.glossary_term_update, delete=GS.glossary_term_delete)),
        Kind("impact", ImpactEstimate, forms.ImpactForm, _("impact estimate"),
             "measure__programme__partnership",
             Services(create=C.impact_estimate_create, owner="measure",
                      update=C.impact_estimate_update, delete=C.impact_estimate_delete),
             parent="measure", parent_field="measure", computed_fields=("parameters",)),
        Kind("travelleg", TravelLeg, forms.TravelForm, _("travel leg"), "event__partnership",
             Services(create=C.travel_leg_create, owner="event", update=C.travel_leg_update,
                      delete=C.travel_leg_delete),
             parent="event", parent_field="event"),
        Kind("inventory", MunicipalInventory, forms.InventoryForm, _("emissions inventory"),
             "municipality__memberships__partnership",
             Services(create=C.municipal_inventory_create, owner="municipality",
                      update=C.municipal_inventory_update, delete=C.municipal_inventory_delete),
             parent="municipality",
             parent_field="municipality", municipal=True,
             municipality_lookup=_its_municipality),
        Kind("factoroverride", PartnershipFactor, forms.FactorOverrideForm, _("factor override"),
             "partnership",
             Services(create=C.partnership_factor_create, owner="partnership",
                      update=C.partnership_factor_update, delete=C.partnership_factor_delete)),
        # Climate adaptation: a town's own risks; what a measure does against them (joint).
        Kind("risk", ClimateRisk, forms.ClimateRiskForm, _("climate risk"),
             "municipality__memberships__partnership",
             Services(create=A.climate_risk_create, owner="municipality",
                      update=A.climate_risk_update, delete=A.climate_risk_delete),
             parent="municipality", parent_field="municipality", municipal=True,
             municipality_lookup=_its_municipality),
        Kind("adaptation", MeasureAdaptation, forms.MeasureAdaptationForm,
             _("adaptation to climate risks"), "measure__programme__partnership",
             Services(create=A.measure_adaptation_create, owner="measure",
                      update=A.measure_adaptation_update, delete=A.measure_adaptation_delete),
             parent="measure", parent_field="measure", measure_lookup=_its_measure),
        Kind("adaptationeffect", AdaptationEffect, forms.AdaptationEffectForm,
             _("adaptation effect"), "measure__programme__partnership",
             Services(create=A.adaptation_effect_create, owner="measure",
                      update=A.adaptation_effect_update, delete=A.adaptation_effect_delete),
             parent="measure", parent_field="measure", measure_lookup=_its_measure),
        # Uploaded through workspace.media_views (a file comes with it); edited and
        # deleted here like the event, measure or agreement it belongs to.
        Kind("media", MediaItem, forms.MediaForm, _("photo or document"), "partnership",
             Services(update=MED.media_update, delete=MED.media_delete)),
        Kind("adoption", ProgrammeAdoption, forms.AdoptionForm, _("adoption"),
             "programme__partnership",
             Services(create=P.programme_adoption_create, owner="programme",
                      update=P.programme_adoption_update, delete=P.programme_adoption_delete),
             parent="programme", parent_field="programme"),
        Kind("comment", MeasureComment, forms.CommentForm, _("comment"),
             "measure__programme__partnership",
             Services(create=P.measure_comment_create, owner="measure",
                      update=P.measure_comment_update, delete=P.measure_comment_delete),
             parent="measure", parent_field="measure", measure_lookup=_its_measure),
    ]
}
