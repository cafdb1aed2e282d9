"""Every kind of object the workspace edits, in one table: its form, its parent, how it
belongs to a partnership and which rules apply. Views, URLs and the permission-matrix test
are all generated from this table, so no kind can be forgotten by one of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from twinplan.climate.models import ImpactEstimate, MunicipalInventory, PartnershipFactor, TravelLeg
from twinplan.core.writes import (
    object_change,
    object_insert,
    object_remove,
    object_set_published,
)
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators import services as indicator_services
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import Resource
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import Agreement, Award, AwardAmount, Partnership, Phase
from twinplan.programmes import services as programme_services
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
    # Set on the stand-in services of kinds whose app has no services for them yet.
    provisional: bool = False


def _scope_of(obj: Any, partnership_path: str) -> Any:
    """The partnership an object belongs to, along its registry path; a town's own data
    (reached through the town's memberships) belongs to the municipality."""
    target = obj
    for step in partnership_path.split("__"):
        if step == "memberships":
            return target
        target = getattr(target, step)
    return target


def _provisional_delete(path: str) -> Callable[..., None]:
    def _delete(obj: Any, /, *, by: Any) -> None:
        object_remove(obj, by=by, scope=_scope_of(obj, path))

    return _delete


def _with_scopes(kinds: list[Kind]) -> list[Kind]:
    """The stand-in delete services, told where each kind's bin is."""
    return [
        replace(kind, services=replace(
            kind.services, delete=_provisional_delete(kind.partnership_path)
        )) if kind.services.provisional and kind.services.delete else kind
        for kind in kinds
    ]


def _provisional(model: type[Model], owner: str, *, create: bool = True,
                 delete: bool = True, author_field: str = "") -> Services:
    """Stand-in services for a kind not yet written through its app's services."""

    def _create(*, by: Any, **arguments: Any) -> Any:
        links = {name: arguments.pop(name) for name in list(arguments)
                 if model._meta.get_field(name).many_to_many}
        if author_field:
            arguments[author_field] = by
        return object_insert(model(**arguments), by=by, links=links)

    def _update(obj: Any, /, *, by: Any, expected_version: int | None, **arguments: Any) -> Any:
        return object_change(obj, by=by, expected_version=expected_version, values=arguments)

    def _publish(obj: Any, /, *, by: Any, published: bool) -> Any:
        return object_set_published(obj, by=by, published=published)

    return Services(
        update=_update,
        create=_create if create else None,
        owner=owner,
        # A stand-in for "delete"; `_with_scopes` gives it the kind's path to the partnership.
        delete=_provisional_delete("") if delete else None,
        publish=_publish if hasattr(model, "is_published") else None,
        provisional=True,
    )


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
I = indicator_services  # noqa: E741

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in _with_scopes([
        Kind("partnership", Partnership, forms.PartnershipForm, _("partnership"), "",
             _provisional(Partnership, "", create=False, delete=False)),
        Kind("municipality", Municipality, forms.MunicipalityForm, _("municipality"),
             "memberships__partnership",
             _provisional(Municipality, "", create=False, delete=False),
             municipal=True, municipality_lookup=_itself),
        Kind("fact", MunicipalityFact, forms.FactForm, _("fact"),
             "municipality__memberships__partnership", _provisional(MunicipalityFact,
             "municipality"), parent="municipality", parent_field="municipality",
             municipal=True, municipality_lookup=_its_municipality),
        Kind("organisation", Organisation, forms.OrganisationForm, _("organisation"),
             "municipality__memberships__partnership",
             _provisional(Organisation, "", delete=False)),
        Kind("agreement", Agreement, forms.AgreementForm, _("agreement"), "partnership",
             _provisional(Agreement, "partnership")),
        Kind("award", Award, forms.AwardForm, _("award"), "partnership",
             _provisional(Award, "partnership")),
        Kind("awardamount", AwardAmount, forms.AwardAmountForm, _("prize money"),
             "award__partnership", _provisional(AwardAmount, "award"), parent="award",
             parent_field="award"),
        Kind("phase", Phase, forms.PhaseForm, _("phase"), "partnership",
             _provisional(Phase, "partnership")),
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
             "measure__programme__partnership", _provisional(Resource, "measure"),
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
             _provisional(Event, "partnership")),
        Kind("outcome", EventOutcome, forms.OutcomeForm, _("outcome"), "event__partnership",
             _provisional(EventOutcome, "event"), parent="event", parent_field="event"),
        Kind("idea", Idea, forms.IdeaForm, _("idea"), "event__partnership",
             _provisional(Idea, "event", author_field="author"), parent="event",
             parent_field="event", contributed=True, author_field="author"),
        # The partnership's own terms; global ones are edited in the admin.
        Kind("glossaryterm", GlossaryTerm, forms.GlossaryTermForm, _("glossary term"),
             "partnership", _provisional(GlossaryTerm, "partnership")),
        Kind("impact", ImpactEstimate, forms.ImpactForm, _("impact estimate"),
             "measure__programme__partnership", _provisional(ImpactEstimate, "measure"),
             parent="measure", parent_field="measure", computed_fields=("parameters",)),
        Kind("travelleg", TravelLeg, forms.TravelForm, _("travel leg"), "event__partnership",
             _provisional(TravelLeg, "event"), parent="event", parent_field="event"),
        Kind("inventory", MunicipalInventory, forms.InventoryForm, _("emissions inventory"),
             "municipality__memberships__partnership",
             _provisional(MunicipalInventory, "municipality"), parent="municipality",
             parent_field="municipality", municipal=True,
             municipality_lookup=_its_municipality),
        Kind("factoroverride", PartnershipFactor, forms.FactorOverrideForm, _("factor override"),
             "partnership", _provisional(PartnershipFactor, "partnership")),
    ])
}
