"""Every kind of object the workspace edits, in one table: its form, its parent, how it
belongs to a partnership and which rules apply. Views, URLs and the permission-matrix test
are all generated from this table, so no kind can be forgotten by one of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from twinplan.climate.models import ImpactEstimate, MunicipalInventory, PartnershipFactor, TravelLeg
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import Resource
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Agreement, Award, AwardAmount, Partnership, Phase
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.workspace import forms


@dataclass(frozen=True)
class Kind:
    name: str  # in URLs: /workspace/<slug>/<name>/…
    model: type[Model]
    form: type[forms.WorkspaceForm]
    label: str | Promise
    # Queryset lookup from this kind to the partnership it belongs to, such as
    # "programme__partnership"; "" for the partnership itself.
    partnership_path: str
    parent: str | None = None  # the kind of the parent, when created under one
    parent_field: str | None = None  # the foreign key to the parent
    can_add: bool = True
    can_delete: bool = True
    # Contributors may add these where they are attached, and edit their own.
    contributed: bool = False
    author_field: str | None = None
    # Municipal data: only the coordinators acting for that municipality edit it.
    municipal: bool = False
    # Model fields the form computes rather than shows (the completed impact parameters).
    computed_fields: tuple[str, ...] = ()

    @property
    def publishable(self) -> bool:
        return hasattr(self.model, "is_published")

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
        if isinstance(obj, Municipality):
            return obj
        if isinstance(obj, (MunicipalityFact, MunicipalInventory)):
            return obj.municipality
        return None

    def measure_of(self, obj: Any) -> Measure | None:
        """The measure an object reports on, for the contributor rule."""
        if isinstance(obj, Measure):
            return obj
        if isinstance(obj, (ProgressEntry, Indicator)):
            return obj.measure
        if isinstance(obj, IndicatorValue):
            return obj.indicator.measure
        return None


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("partnership", Partnership, forms.PartnershipForm, _("partnership"), "",
             can_add=False, can_delete=False),
        Kind("municipality", Municipality, forms.MunicipalityForm, _("municipality"),
             "memberships__partnership", can_add=False, can_delete=False, municipal=True),
        Kind("fact", MunicipalityFact, forms.FactForm, _("fact"),
             "municipality__memberships__partnership", parent="municipality",
             parent_field="municipality", municipal=True),
        Kind("organisation", Organisation, forms.OrganisationForm, _("organisation"),
             "municipality__memberships__partnership", can_delete=False),
        Kind("agreement", Agreement, forms.AgreementForm, _("agreement"), "partnership"),
        Kind("award", Award, forms.AwardForm, _("award"), "partnership"),
        Kind("awardamount", AwardAmount, forms.AwardAmountForm, _("prize money"),
             "award__partnership", parent="award", parent_field="award"),
        Kind("phase", Phase, forms.PhaseForm, _("phase"), "partnership"),
        Kind("programme", ActionProgramme, forms.ProgrammeForm, _("action programme"),
             "partnership"),
        Kind("baseline", ProgrammeBaseline, forms.BaselineForm, _("baseline"),
             "programme__partnership", parent="programme", parent_field="programme"),
        Kind("field", FieldOfAction, forms.FieldOfActionForm, _("field of action"),
             "programme__partnership", parent="programme", parent_field="programme"),
        Kind("goal", Goal, forms.GoalForm, _("goal"), "programme__partnership",
             parent="programme", parent_field="programme"),
        Kind("measure", Measure, forms.MeasureForm, _("measure"), "programme__partnership",
             parent="programme", parent_field="programme"),
        Kind("actor", MeasureActor, forms.ActorForm, _("actor"),
             "measure__programme__partnership", parent="measure", parent_field="measure"),
        Kind("resource", Resource, forms.ResourceForm, _("resource"),
             "measure__programme__partnership", parent="measure", parent_field="measure"),
        Kind("challenge", Challenge, forms.ChallengeForm, _("challenge"),
             "measure__programme__partnership", parent="measure", parent_field="measure"),
        Kind("progress", ProgressEntry, forms.ProgressForm, _("progress entry"),
             "measure__programme__partnership", parent="measure", parent_field="measure",
             contributed=True, author_field="author"),
        Kind("indicator", Indicator, forms.IndicatorForm, _("indicator"),
             "measure__programme__partnership", parent="measure", parent_field="measure"),
        Kind("indicatorvalue", IndicatorValue, forms.IndicatorValueForm, _("measured value"),
             "indicator__measure__programme__partnership", parent="indicator",
             parent_field="indicator", contributed=True, author_field="author"),
        Kind("event", Event, forms.EventForm, _("event"), "partnership"),
        Kind("outcome", EventOutcome, forms.OutcomeForm, _("outcome"), "event__partnership",
             parent="event", parent_field="event"),
        Kind("idea", Idea, forms.IdeaForm, _("idea"), "event__partnership", parent="event",
             parent_field="event", contributed=True, author_field="author"),
        # The partnership's own terms; global ones are edited in the admin.
        Kind("glossaryterm", GlossaryTerm, forms.GlossaryTermForm, _("glossary term"),
             "partnership"),
        Kind("impact", ImpactEstimate, forms.ImpactForm, _("impact estimate"),
             "measure__programme__partnership", parent="measure", parent_field="measure",
             computed_fields=("parameters",)),
        Kind("travelleg", TravelLeg, forms.TravelForm, _("travel leg"), "event__partnership",
             parent="event", parent_field="event"),
        Kind("inventory", MunicipalInventory, forms.InventoryForm, _("emissions inventory"),
             "municipality__memberships__partnership", parent="municipality",
             parent_field="municipality", municipal=True),
        Kind("factoroverride", PartnershipFactor, forms.FactorOverrideForm, _("factor override"),
             "partnership"),
    ]
}
