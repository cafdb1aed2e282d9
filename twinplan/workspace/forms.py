"""Forms of the workspace: they parse and validate input; services do the writing."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.adaptation.scales import choices as adaptation_choices
from twinplan.adaptation.services import measure_towns
from twinplan.climate.forms import BaseMeasureImpactForm, MeasureImpactForm, TravelLegForm
from twinplan.climate.models import MunicipalInventory, PartnershipFactor
from twinplan.climate.services import impact_default_municipality
from twinplan.core.formats import format_number
from twinplan.core.languages import content_language_choices
from twinplan.events.models import Event, EventOutcome, Idea
from twinplan.glossary.models import GlossaryTerm
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.media.models import MediaItem, MediaKind, People
from twinplan.media.processing import check, read_upload
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
    MeasureComment,
    ProgrammeAdoption,
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
        super().__init__(choices=content_language_choices, **kwargs)


def unify_line_breaks(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """Texts with line breaks as they are stored: a browser sends those of a textarea as
    CR LF, so a text submitted unchanged would otherwise differ from itself."""
    for name, value in cleaned_data.items():
        if isinstance(value, str) and "\r" in value:
            cleaned_data[name] = value.replace("\r\n", "\n").replace("\r", "\n")
    return cleaned_data


def translated_choices(form: forms.BaseForm) -> None:
    """Choices of fields of action and goals named in the reader's language where a
    translation exists (the original otherwise)."""
    from django.utils.translation import get_language

    from twinplan.core.translation import translated

    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            continue
        if field.queryset.model not in (FieldOfAction, Goal):
            continue
        field.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: translated(obj, "title", get_language() or "en").text
        )


def _read_in_page_language(field: forms.DecimalField | forms.FloatField) -> None:
    """Numbers are read and shown in the page's format: "1,5" on a German page is 1.5
    (Django's `localize`). A text input with a decimal keyboard instead of the browser's
    number input, which refuses a comma in some browsers and locales."""
    field.localize = True
    attrs = {key: value for key, value in field.widget.attrs.items()
             if key not in ("step", "min", "max")}
    field.widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal"})
    field.widget.is_localized = True
    read: Any = field.to_python
    field.to_python = lambda value: read(without_grouping(value))  # type: ignore[method-assign]


def without_grouping(value: Any) -> Any:
    """ "2.500" on a German page is two thousand five hundred, as a German reader writes it
    ("2,5" is two and a half): digits grouped in threes by the page language's thousands
    separator lose the separators. Django reads them only with USE_THOUSAND_SEPARATOR, which
    would also change every number the pages print."""
    if not isinstance(value, str):
        return value
    thousands = str(get_format("THOUSAND_SEPARATOR"))
    decimal = str(get_format("DECIMAL_SEPARATOR"))
    whole, point, decimals = value.strip().partition(decimal)
    separators = {thousands, "\u00a0", "\u202f"} if thousands.isspace() else {thousands}
    for separator in separators - {"", decimal}:
        if re.fullmatch(rf"[-+]?\d{{1,3}}({re.escape(separator)}\d{{3}})+", whole):
            return whole.replace(separator, "") + point + decimals
    return value


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
            elif isinstance(field, (forms.DecimalField, forms.FloatField)):
                _read_in_page_language(field)
        self._upper_case_currencies()
        if "original_language" in self.fields:
            self.fields["original_language"] = forms.ChoiceField(
                label=_("Written in"),
                choices=content_language_choices,
                help_text=_("The language of the text you enter; other languages are "
                            "translations of it."),
                initial=self.instance.original_language,
                required=False,
            )
        self.limit_choices()
        translated_choices(self)

    def _upper_case_currencies(self) -> None:
        """A currency typed as "eur" is EUR: the codes are stored in capitals."""
        if not self.is_bound:
            return
        names = [self.add_prefix(name) for name in self.fields
                 if name == "currency" or name.endswith("_currency")]
        if not any(isinstance(self.data.get(name), str) for name in names):
            return
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for name in names:
            if isinstance(data.get(name), str):
                data[name] = data[name].strip().upper()
        self.data = data

    def shown_again(self) -> bool:
        """True when the user asked for the form back, filled in further (a "Find" or "Use
        this place" button), not for a save: the view shows it again, without errors."""
        return False

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
                  "start_date", "initiator", "working_languages", "original_language",
                  "review_contributions", "stale_after_days"]

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
        fields = ["kind", "title", "start_date", "end_date", "status", "position",
                  "description", "original_language"]


class ProgrammeForm(VersionedForm):
    """programmes.services.programme_create / programme_update."""

    class Meta:
        model = ActionProgramme
        fields = ["title", "edition", "status", "period_start", "period_end", "summary",
                  "original_language"]


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


class DacSectorInput(forms.TextInput):
    """A DAC purpose code, searchable in the codelist (a datalist: no JavaScript)."""

    template_name = "workspace/widgets/dac_sector.html"

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        from twinplan.reference.codes import dac_sectors

        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-list"
        context["widget"]["sectors"] = [s for s in dac_sectors() if not s.withdrawn]
        # The codelist's names are English only.
        context["widget"]["names_lang"] = "" if (get_language() or "en") == "en" else "en"
        return context


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes grouped under a heading each (a <details> per group, open where a box is
    ticked), with a search field that filters them as one types (the static script
    workspace/choice-filter.js; without JavaScript the grouped list alone)."""

    template_name = "workspace/widgets/grouped_checkboxes.html"

    def __init__(self, *args: Any, search_label: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_label = search_label
        # value → the language of its label, where it is not the page's (`lang`).
        self.option_languages: dict[str, str] = {}

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                option["lang"] = self.option_languages.get(str(option["value"]), "")
        context["widget"]["groups"] = [
            {"name": group, "options": options,
             "open": any(option["selected"] for option in options)}
            for group, options, _index in context["widget"]["optgroups"]
        ]
        context["widget"]["search_label"] = self.search_label
        return context


class SdgTagsMixin:
    def limit_sdgs(self) -> None:
        form: Any = self
        form.limit("sdg_goals", SdgGoal.objects.all())
        form.limit("sdg_targets", SdgTarget.objects.select_related("goal"))
        if "sdg_targets" in form.fields:
            # The targets grouped under their goal, in the reader's language.
            groups: dict[Any, list[tuple[int, str]]] = {}
            languages: dict[str, str] = {}
            page_language = get_language() or "en"
            for target in form.fields["sdg_targets"].queryset:
                groups.setdefault(target.goal, []).append((target.pk, str(target)))
                if target.title_language != page_language:  # no translation: English
                    languages[str(target.pk)] = target.title_language
            field = form.fields["sdg_targets"]
            field.widget = GroupedCheckboxes(search_label=_("Find a target (number or words)"))
            field.widget.choices = [(str(goal), choices) for goal, choices in groups.items()]
            field.widget.option_languages = languages


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
        if "dac_sector" in self.fields:
            # Typed code or name, the browser offering the codelist as one types.
            self.fields["dac_sector"].widget = DacSectorInput()


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


class PlaceSearchInput(forms.TextInput):
    """The gazetteer search with its "Find" button, which sends the form to be shown again
    with the matches (htmx swaps the form in place; without JavaScript the page reloads)."""

    template_name = "workspace/widgets/place_search.html"
    input_type = "search"


class PlaceMatches(forms.RadioSelect):
    """The places found, each a radio button, and "Use this place"."""

    template_name = "workspace/widgets/place_matches.html"


FIND_PLACE = "find_place"
USE_PLACE = "use_place"


class EventForm(VersionedForm):
    """The place of an event is typed by hand, or found in the packaged GeoNames data: "Find"
    lists the matches, "Use this place" fills in its name, country and coordinates with
    GeoNames as their source."""

    place_search = forms.CharField(
        label=_("Find the place in GeoNames"), required=False, max_length=200,
        widget=PlaceSearchInput(),
        help_text=_("A town's name, in any case and with or without accents; or enter the "
                    "place by hand below."),
    )
    place_found = forms.TypedChoiceField(
        label=_("Places found"), required=False, coerce=int, widget=PlaceMatches(),
    )

    class Meta:
        model = Event
        fields = ["kind", "title", "phase", "start_date", "end_date", "sequence",
                  "place_name", "country", "host_municipality", "latitude", "longitude",
                  "location_source", "participant_count", "participants_text",
                  "organisations", "description", "source", "original_language"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        order = list(self.fields)
        for name in ("place_search", "place_found"):
            order.remove(name)
        at = order.index("place_name") if "place_name" in order else len(order)
        self.order_fields([*order[:at], "place_search", "place_found", *order[at:]])
        self.place_note: Any = ""  # a (lazy) message at the search field
        action = self.data.get("action", "") if self.is_bound else ""
        if action == USE_PLACE:
            self._use_place()
        query = (self.data.get(self.add_prefix("place_search"), "") if self.is_bound else "")
        if action == FIND_PLACE or (action == USE_PLACE and self.place_note):
            self._find_places(query.strip())
        else:
            del self.fields["place_found"]
        if self.place_note:  # said at the search field itself
            self.fields["place_search"].help_text = self.place_note

    def shown_again(self) -> bool:
        return self.is_bound and self.data.get("action", "") in (FIND_PLACE, USE_PLACE)

    def _find_places(self, query: str) -> None:
        from twinplan.municipalities.gazetteer import places_matching
        from twinplan.reference.names import country_name

        places = places_matching(query, limit=10) if query else []
        if not places:
            self.place_note = self.place_note or (
                _("Type at least two letters of the place's name.") if len(query) < 2 else
                _("No place of that name in the GeoNames data (places of 1,000 inhabitants "
                  "or more). Enter it by hand below.")
            )
            del self.fields["place_found"]
            return
        reader = get_language() or "en"
        choice_field = self.fields["place_found"]
        assert isinstance(choice_field, forms.TypedChoiceField)
        choice_field.choices = [
            (place.geonameid, _("%(name)s, %(country)s (%(latitude)s, %(longitude)s)") % {
                "name": place.name, "country": country_name(place.country, reader),
                "latitude": format_number(place.latitude, reader, places=4),
                "longitude": format_number(place.longitude, reader, places=4)})
            for place in places
        ]

    def _use_place(self) -> None:
        from twinplan.municipalities.gazetteer import place_by_geonameid

        raw = self.data.get(self.add_prefix("place_found"), "")
        if not str(raw).isdigit():
            self.place_note = _("Choose one of the places found first.")
            return
        try:
            place = place_by_geonameid(int(raw))
        except KeyError:
            self.place_note = _("That place is not in the GeoNames data.")
            return
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for name, value in (("place_name", place.name), ("country", place.country),
                            ("latitude", self._number(place.latitude)),
                            ("longitude", self._number(place.longitude)),
                            ("location_source", place.source), ("place_search", "")):
            if name in self.fields:
                data[self.add_prefix(name)] = value
        self.data = data
        self.place_note = ""

    def _number(self, value: float) -> str:
        """A coordinate as the form field reads it back (localised only when it is)."""
        return number_format(value, 6) if self.fields["latitude"].localize else str(value)

    def limit_choices(self) -> None:
        self.limit("phase", Phase.objects.filter(partnership=self.partnership))
        self.limit("host_municipality", self.members())
        self.limit("organisations", Organisation.objects.filter(
            municipality__in=self.members()
        ))
        if "place_name" in self.fields:
            self.fields["place_name"].help_text = _(
                "When you enter a place and leave the coordinates empty, they are taken from "
                "GeoNames (the largest place of that name, in the country given)."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        place = (data.get("place_name") or "").strip()
        if (place and self.instance.pk is None  # a new event; an edit keeps what it has
                and data.get("latitude") is None and data.get("longitude") is None):
            from twinplan.municipalities.gazetteer import places_named

            found = places_named(place, data.get("country") or None)
            if found:
                data["latitude"], data["longitude"] = found[0].latitude, found[0].longitude
                data["location_source"] = found[0].source
        return data


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
    """The key is chosen from the factor set (with the unit of its default value); an
    override stored under another key stays choosable."""

    class Meta:
        model = PartnershipFactor
        fields = ["key", "value", "unit", "low", "high", "source", "edition_year", "licence",
                  "url", "note"]

    def limit_choices(self) -> None:
        super().limit_choices()
        from twinplan.impact.factors import default_factor_set

        reader = get_language() or "en"
        # The default value as the page's language writes numbers: "561,224 g" in German,
        # not "561.224 g", which reads as 561 thousand.
        choices = [("", "—")] + [
            (factor.key,
             f"{factor.key} ({format_number(factor.value, reader, places=6)} {factor.unit})")
            for factor in sorted(default_factor_set(), key=lambda factor: factor.key)
        ]
        current = self.instance.key if self.instance.pk else ""
        if current and current not in {key for key, _label in choices}:
            choices.append((current, current))
        self.fields["key"] = forms.ChoiceField(
            label=self.fields["key"].label, choices=choices,
            help_text=_("The factor of the calculation whose value you replace; the default "
                        "value and unit are shown."),
        )


# --- climate adaptation (the adaptation app's services) ------------------------------------


class ClimateRiskForm(VersionedForm):
    """adaptation.services.climate_risk_create / _update: a town's own data."""

    sectors = forms.MultipleChoiceField(
        label=_("Sectors affected"), choices=adaptation_choices("sectors"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    vulnerable_groups = forms.MultipleChoiceField(
        label=_("Vulnerable groups"), choices=adaptation_choices("vulnerable_groups"),
        required=False, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ClimateRisk
        fields = ["hazard", "probability", "impact", "intensity_change", "frequency_change",
                  "time_frame", "sectors", "vulnerable_groups", "description", "source",
                  "source_year", "original_language"]


def _measure_of(form: WorkspaceForm) -> Measure | None:
    if isinstance(form.parent, Measure):
        return form.parent
    measure_id = getattr(form.instance, "measure_id", None)
    return Measure.objects.filter(pk=measure_id).first() if measure_id else None


class MeasureAdaptationForm(VersionedForm):
    """adaptation.services.measure_adaptation_create / _update: the risks offered are those
    of the municipalities that lead or implement the measure."""

    approaches = forms.MultipleChoiceField(
        label=_("What it does"), choices=adaptation_choices("approaches"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = MeasureAdaptation
        fields = ["risks", "approaches", "description", "original_language"]
        widgets = {"risks": forms.CheckboxSelectMultiple}

    def limit_choices(self) -> None:
        measure = _measure_of(self)
        towns = measure_towns(measure) if measure is not None else set()
        # The risks already named stay on offer, so that the service can say what is wrong.
        named = list(self.instance.risks.values_list("pk", flat=True)) if self.instance.pk else []
        self.limit("risks", ClimateRisk.objects.filter(
            Q(municipality__in=towns) | Q(pk__in=named)
        ).select_related("municipality"))


class AdaptationEffectForm(VersionedForm):
    """adaptation.services.adaptation_effect_create / _update: against one of the risks
    the measure addresses."""

    class Meta:
        model = AdaptationEffect
        fields = ["risk", "kind", "quantity", "currency", "statement", "source",
                  "source_year", "original_language"]

    def limit_choices(self) -> None:
        measure = _measure_of(self)
        self.limit("risk", ClimateRisk.objects.filter(
            adaptations__measure=measure
        ).select_related("municipality") if measure is not None else ClimateRisk.objects.none())


class MediaForm(VersionedForm):
    """The texts and rights of a photo or document; the file itself is uploaded once
    (MediaUploadForm) and not replaced here."""

    class Meta:
        model = MediaItem
        fields = ["caption", "alt_text", "credit", "licence", "people", "is_cover", "sequence",
                  "original_language"]
        widgets = {"people": forms.RadioSelect, "caption": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = self.fields["people"]
        assert isinstance(people, forms.ChoiceField)
        people.choices = list(People.choices)
        if self.instance.pk and self.instance.kind == MediaKind.DOCUMENT:
            for name in ("alt_text", "people", "is_cover"):
                del self.fields[name]
        elif self.instance.pk and (
            self.instance.event_id or self.instance.measure_id or self.instance.agreement_id
        ):
            del self.fields["is_cover"]


class MediaUploadForm(MediaForm):
    """A new photo or document: the file, what it belongs to, its texts and rights."""

    upload = forms.FileField(
        label=_("File"),
        help_text=_("A picture (JPEG, PNG, WebP or HEIC from a phone) or a PDF document. "
                    "Location and camera data are removed from pictures."),
    )
    attached_to = forms.ChoiceField(label=_("Belongs to"))
    field_order = ["upload", "attached_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partnership = self.partnership
        choices: list[tuple[str, Any]] = [
            ("partnership", _("the partnership itself (e.g. its cover picture)"))]
        events = [(f"event:{e.pk}", str(e)) for e in partnership.events.all()]
        measures = [(f"measure:{m.pk}", str(m)) for m in
                    Measure.objects.filter(programme__partnership=partnership)]
        agreements = [(f"agreement:{a.pk}", str(a)) for a in partnership.agreements.all()]
        for label, group in ((_("Events"), events), (_("Measures"), measures),
                             (_("Agreements and resolutions (PDF)"), agreements)):
            if group:
                choices.append((str(label), group))
        attached_to = self.fields["attached_to"]
        assert isinstance(attached_to, forms.ChoiceField)
        attached_to.choices = choices
        self.fields["upload"].widget.attrs["accept"] = (  # a hint to the browser only
            "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf"
        )

    def clean_upload(self) -> Any:
        """The file's quick check, so that its message comes with those of the other
        fields; the service checks it in full before it stores anything."""
        upload = self.cleaned_data["upload"]
        try:
            check(read_upload(upload))
        except ValidationError as error:
            raise ValidationError(error.message_dict["file"]) from None
        return upload


class AdoptionForm(VersionedForm):
    """programmes.services.programme_adoption_create / _update: one member council's
    adoption; without a resolution chosen, the service records a new council resolution."""

    class Meta:
        model = ProgrammeAdoption
        fields = ["municipality", "body", "adopted_on", "resolution"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].required = False
        self.fields["resolution"].help_text = _(
            "Leave empty to record a new council resolution among the partnership's "
            "agreements."
        )

    def limit_choices(self) -> None:
        self.limit("municipality", self.members())
        self.limit("resolution", Agreement.objects.filter(partnership=self.partnership))


class CommentForm(VersionedForm):
    """programmes.services.measure_comment_create / _update."""

    class Meta:
        model = MeasureComment
        fields = ["text", "original_language"]


class ReviewForm(forms.Form):
    """A coordinator's decision on a contributor's report."""

    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("approve", _("Approve: make it public and let it count")),
                 ("decline", _("Decline, with a reason for its author"))],
    )
    reason = forms.CharField(label=_("Reason for declining"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BulkMeasureForm(forms.Form):
    """Several measures of one programme at once: their status, owner or lead partner."""

    measures = forms.ModelMultipleChoiceField(
        label=_("Measures"), queryset=Measure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one measure.")},
    )
    status = forms.ChoiceField(label=_("Set the status to"), required=False)
    owner = forms.ModelChoiceField(label=_("Set the owner to"), required=False,
                                   queryset=Measure.objects.none())
    lead_municipality = forms.ModelChoiceField(label=_("Set the lead partner to"),
                                               required=False,
                                               queryset=Municipality.objects.none())

    def __init__(self, *args: Any, programme: ActionProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from twinplan.accounts.models import User
        from twinplan.programmes.models import MeasureStatus

        self.fields["measures"].queryset = Measure.objects.filter(  # type: ignore[attr-defined]
            programme=programme)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", _("(keep)")), *MeasureStatus.choices]
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            partnership_roles__partnership=programme.partnership_id).distinct()
        self.fields["owner"].empty_label = _("(keep)")  # type: ignore[attr-defined]
        self.fields["lead_municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            memberships__partnership=programme.partnership_id)
        self.fields["lead_municipality"].empty_label = _("(keep)")  # type: ignore[attr-defined]

    def changes(self) -> dict[str, Any]:
        """What to set on every selected measure: the fields given."""
        return {name: self.cleaned_data[name]
                for name in ("status", "owner", "lead_municipality")
                if self.cleaned_data.get(name)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.changes():
            raise forms.ValidationError(_("Choose what to change for the selected measures."))
        return cleaned
