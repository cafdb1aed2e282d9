"""Forms of the workspace: they parse and validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from twinplan.climate.forms import BaseMeasureImpactForm, MeasureImpactForm, TravelLegForm
from twinplan.climate.models import MunicipalInventory, PartnershipFactor
from twinplan.climate.services import impact_default_municipality
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import Resource
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    Partnership,
    Phase,
    RoleKind,
)
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
from twinplan.reference.models import SdgGoal, SdgTarget


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class LanguagesField(forms.MultipleChoiceField):
    """Content languages as checkboxes, stored as a list of codes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=settings.CONTENT_LANGUAGES, **kwargs)


def unify_line_breaks(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """Texts with line breaks as they are stored: a browser sends those of a textarea as
    CR LF, so a text submitted unchanged would otherwise differ from itself."""
    for name, value in cleaned_data.items():
        if isinstance(value, str) and "\r" in value:
            cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
    return cleaned_data


class WorkspaceForm(forms.ModelForm):
    """Base: dates as date inputs, choice lists limited to the partnership, and a hidden
    `version` for models that detect conflicting edits."""

    def __init__(
        self,
        *args: Any,
        partnership: Partnership,
        parent: Model | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.parent = parent
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        if "original_language" in self.fields:
            self.fields["original_language"] = forms.ChoiceField(
                label=_("Written in"),
                choices=settings.CONTENT_LANGUAGES,
                help_text=_("The language of the text you enter; other languages are "
                            "translations of it."),
                initial=self.instance.original_language,
                required=False,
            )
        self.limit_choices()

    def arguments(self) -> dict[str, Any]:
        """The cleaned input as the arguments of the kind's create and update services:
        the model fields the form shows (many-to-many ones as lists), without the version;
        form-only fields (a travel leg's GeoNames ids) have done their work in the form."""
        model_fields = {field.name for field in self._meta.model._meta.get_fields()}
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields or ()
            if name in self.cleaned_data and name in model_fields and name != "version"
        }

    def clean_original_language(self) -> str:
        """Left out, the language stays what it was (or the author's default)."""
        value: str = self.cleaned_data.get("original_language") or ""
        return value or self.instance.original_language

    def clean(self) -> dict[str, Any]:
        super().clean()
        return unify_line_breaks(self.cleaned_data)

    def clean_working_languages(self) -> list[str]:
        """Checkboxes carry no order, but the stored list has one (its first language is
        the default of new texts): languages kept stay in their place, new ones follow."""
        chosen: list[str] = self.cleaned_data.get("working_languages") or []
        stored = list(getattr(self.instance, "working_languages", None) or [])
        return [code for code in stored if code in chosen] + [
            code for code in chosen if code not in stored
        ]

    def limit_choices(self) -> None:
        """Restrict related-object choices to what belongs to this partnership."""

    # helpers for subclasses
    def members(self) -> Any:
        return Municipality.objects.filter(memberships__partnership=self.partnership)

    def member_organisations(self) -> Any:
        return Organisation.objects.filter(
            municipality__memberships__partnership=self.partnership
        )

    def programme(self) -> ActionProgramme | None:
        if isinstance(self.parent, ActionProgramme):
            return self.parent
        if isinstance(self.instance, (Goal, Measure, FieldOfAction, ProgrammeBaseline)):
            return self.instance.programme if self.instance.programme_id else None
        return None

    def limit(self, name: str, queryset: Any) -> None:
        if name in self.fields:
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]


class VersionedForm(WorkspaceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class PartnershipForm(VersionedForm):
    working_languages = LanguagesField(label=_("Working languages"))

    class Meta:
        model = Partnership
        fields = ["title", "kind", "summary", "description", "aims", "agenda_2030_value",
                  "start_date", "initiator", "working_languages", "original_language"]

    def limit_choices(self) -> None:
        # An organisation of a member municipality, or of none (a national association).
        self.limit("initiator", Organisation.objects.filter(
            Q(municipality__isnull=True) | Q(municipality__in=self.members())
        ))


class MunicipalityForm(VersionedForm):
    working_languages = LanguagesField(label=_("Working languages"))

    class Meta:
        model = Municipality
        fields = ["name", "kind", "region_code", "region_name", "region_source",
                  "population", "population_year", "population_source",
                  "area_km2", "area_year", "area_source",
                  "latitude", "longitude", "location_source",
                  "currency", "working_languages", "description", "original_language"]


class FactForm(VersionedForm):
    class Meta:
        model = MunicipalityFact
        fields = ["text", "source", "year", "position", "original_language"]


class OrganisationForm(VersionedForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "municipality", "website", "iati_identifier", "description",
                  "original_language"]

    def limit_choices(self) -> None:
        self.limit("municipality", self.members())


class AgreementForm(VersionedForm):
    class Meta:
        model = Agreement
        fields = ["kind", "title", "signed_on", "place", "parties", "description", "source",
                  "original_language"]
        widgets = {"parties": forms.CheckboxSelectMultiple}

    def limit_choices(self) -> None:
        self.limit("parties", self.members())


class AwardForm(VersionedForm):
    class Meta:
        model = Award
        fields = ["name", "category", "awarded_on", "place", "awarded_by", "description",
                  "source", "original_language"]


class AwardAmountForm(VersionedForm):
    class Meta:
        model = AwardAmount
        fields = ["recipient", "amount", "currency"]

    def limit_choices(self) -> None:
        self.limit("recipient", self.members())


class PhaseForm(VersionedForm):
    class Meta:
        model = Phase
        fields = ["kind", "title", "start_date", "end_date", "position", "description",
                  "original_language"]


class ProgrammeForm(VersionedForm):
    """programmes.services.programme_create / programme_update."""

    class Meta:
        model = ActionProgramme
        fields = ["title", "edition", "status", "adopted_on", "adopted_by", "period_start",
                  "period_end", "summary", "original_language"]


class BaselineForm(VersionedForm):
    """programmes.services.baseline_create / baseline_update: a member municipality."""

    class Meta:
        model = ProgrammeBaseline
        fields = ["municipality", "text", "year", "source", "original_language"]

    def limit_choices(self) -> None:
        self.limit("municipality", self.members())


class FieldOfActionForm(VersionedForm):
    """programmes.services.field_of_action_create / field_of_action_update."""

    class Meta:
        model = FieldOfAction
        fields = ["code", "title", "description", "position", "original_language"]


class SdgTagsMixin:
    def limit_sdgs(self) -> None:
        form: Any = self
        form.limit("sdg_goals", SdgGoal.objects.all())
        form.limit("sdg_targets", SdgTarget.objects.select_related("goal"))


class GoalForm(VersionedForm, SdgTagsMixin):
    """programmes.services.goal_create / goal_update: a field of the same programme."""

    class Meta:
        model = Goal
        fields = ["field_of_action", "code", "title", "description", "position",
                  "sdg_goals", "sdg_targets", "original_language"]
        widgets = {"sdg_goals": forms.CheckboxSelectMultiple}

    def limit_choices(self) -> None:
        self.limit("field_of_action", FieldOfAction.objects.filter(programme=self.programme()))
        self.limit_sdgs()


class MeasureForm(VersionedForm, SdgTagsMixin):
    """programmes.services.measure_create / measure_update. Its progress is not edited
    here: it comes from the progress entries."""

    class Meta:
        model = Measure
        fields = ["code", "title", "summary", "description", "context", "field_of_action",
                  "goals", "is_pilot", "status", "weight",
                  "planned_start", "planned_end", "actual_start", "actual_end",
                  "lead_municipality", "implementing_municipalities", "dac_sector",
                  "sdg_goals", "sdg_targets", "covenant_sector",
                  "energy_saved_mwh_per_year", "renewable_energy_mwh_per_year",
                  "co2_reduced_t_per_year", "reported_figures_source", "original_language"]
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "implementing_municipalities": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
        }

    def limit_choices(self) -> None:
        programme = self.programme()
        self.limit("field_of_action", FieldOfAction.objects.filter(programme=programme))
        self.limit("goals", Goal.objects.filter(programme=programme))
        self.limit("lead_municipality", self.members())
        self.limit("implementing_municipalities", self.members())
        self.limit_sdgs()


class ActorForm(VersionedForm):
    """programmes.services.measure_actor_create / measure_actor_update: organisations of
    the partnership's member municipalities only."""

    class Meta:
        model = MeasureActor
        fields = ["kind", "organisation", "role"]

    def limit_choices(self) -> None:
        self.limit("organisation", Organisation.objects.filter(
            municipality__memberships__partnership=self.partnership).distinct())


class ResourceForm(VersionedForm):
    class Meta:
        model = Resource
        fields = ["kind", "planned_amount", "spent_amount", "currency", "source_of_funds",
                  "award", "funding_programme", "provided_by", "provided_by_organisation",
                  "value_amount", "value_currency", "valuation", "date", "description",
                  "original_language"]

    def limit_choices(self) -> None:
        self.limit("provided_by", self.members())
        self.limit("provided_by_organisation", self.member_organisations())
        self.limit("award", Award.objects.filter(partnership=self.partnership))


class ChallengeForm(VersionedForm):
    """programmes.services.challenge_create / challenge_update."""

    class Meta:
        model = Challenge
        fields = ["category", "description", "response", "original_language"]


class ProgressForm(VersionedForm):
    """programmes.services.progress_entry_create / progress_entry_update."""

    class Meta:
        model = ProgressEntry
        fields = ["kind", "date", "text", "progress_percent", "original_language"]


class IndicatorForm(VersionedForm):
    """indicators.services.indicator_create / indicator_update: a baseline and a target
    each with their year and source."""

    class Meta:
        model = Indicator
        fields = ["name", "description", "unit", "measure_type", "ascending",
                  "baseline_value", "baseline_year", "baseline_source",
                  "target_value", "target_year", "target_source", "original_language"]


class IndicatorValueForm(VersionedForm):
    """indicators.services.indicator_value_create / indicator_value_update."""

    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "note", "source"]


class EventForm(VersionedForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "phase", "start_date", "end_date", "sequence",
                  "place_name", "country", "host_municipality", "latitude", "longitude",
                  "location_source", "participant_count", "participants_text",
                  "organisations", "description", "source", "original_language"]

    def limit_choices(self) -> None:
        self.limit("phase", Phase.objects.filter(partnership=self.partnership))
        self.limit("host_municipality", self.members())
        self.limit("organisations", Organisation.objects.filter(
            municipality__in=self.members()
        ))


class OutcomeForm(VersionedForm):
    class Meta:
        model = EventOutcome
        fields = ["kind", "text", "measures", "original_language"]
        widgets = {"measures": forms.CheckboxSelectMultiple}

    def limit_choices(self) -> None:
        self.limit("measures", Measure.objects.filter(programme__partnership=self.partnership))


class IdeaForm(VersionedForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "fate", "measure", "fate_reason", "original_language"]

    def limit_choices(self) -> None:
        self.limit("measure", Measure.objects.filter(programme__partnership=self.partnership))


class GlossaryTermForm(VersionedForm):
    """A partnership's own glossary term in its original language; its translations are
    edited in the translation workspace. Left empty, the key is derived from the term (by
    the service)."""

    class Meta:
        model = GlossaryTerm
        fields = ["term", "forms", "definition", "source", "key", "original_language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("For municipality (coordinators)"), queryset=Municipality.objects.none(),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("For organisation (contributors)"), queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            memberships__partnership=partnership
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            municipality__memberships__partnership=partnership
        )


# --- impact inputs (the climate app's forms, scoped to the partnership) -------------------


class ImpactForm(VersionedForm, MeasureImpactForm):  # type: ignore[misc,valid-type]
    """A measure's impact type and parameters, checked by the calculation package. Where
    the measure takes effect is offered as `impact_default_municipality` decides."""

    class Meta(BaseMeasureImpactForm.Meta):
        fields = ["impact_type", "municipality", "parameters_source", "parameters_year", "note"]

    def limit_choices(self) -> None:
        self.limit("municipality", self.members())
        measure = self.parent if isinstance(self.parent, Measure) else None
        if measure is not None and not self.instance.municipality_id:
            default = impact_default_municipality(measure)
            if default is not None:
                self.fields["municipality"].initial = default.pk


class TravelForm(VersionedForm, TravelLegForm):
    """The fields are the service's arguments; the GeoNames ids (declared on
    `TravelLegForm`) only fill the ends in and are shown beside them."""

    class Meta(TravelLegForm.Meta):
        fields = [name for name in TravelLegForm.Meta.fields
                  if name not in {"event", "is_demo_content", "origin_geonameid",
                                  "destination_geonameid"}]

    field_order = [name for name in TravelLegForm.Meta.fields
                   if name not in {"event", "is_demo_content"}]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False  # left empty: the service puts it last


class InventoryForm(VersionedForm):
    class Meta:
        model = MunicipalInventory
        fields = ["total_co2e_t_per_year", "year", "method", "source", "url"]


class FactorOverrideForm(VersionedForm):
    class Meta:
        model = PartnershipFactor
        fields = ["key", "value", "unit", "low", "high", "source", "edition_year", "licence",
                  "url", "note"]
