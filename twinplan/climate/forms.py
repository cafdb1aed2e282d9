"""Forms for the impact inputs, used by the admin now and by the editor's workspace later.

`MeasureImpactForm` has one field per parameter of any impact type; the chosen type's
parameters are checked by the calculation package and each error is shown at the field
it concerns.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan import impact
from twinplan.climate.models import ImpactEstimate, TravelLeg
from twinplan.climate.parameters import (
    PARAMETER_SPECS,
    ParameterSpec,
    all_parameter_specs,
    specs_for,
)
from twinplan.climate.selectors import partnership_factor_set
from twinplan.climate.services import (
    impact_default_municipality,
    impact_parameters_completed,
    impact_parameters_errors,
    travel_place,
)
from twinplan.municipalities.gazetteer import place_by_geonameid
from twinplan.programmes.models import Measure


def _form_field(spec: ParameterSpec) -> forms.Field:
    options: dict[str, Any] = {
        "label": spec.label, "help_text": spec.help_text, "required": False,
    }
    if spec.kind is int:
        return forms.IntegerField(**options)
    if spec.kind is float:
        return forms.FloatField(**options)
    return forms.CharField(max_length=300, **options)


PARAMETER_FIELDS = tuple(all_parameter_specs())


class BaseMeasureImpactForm(forms.ModelForm):
    """The common fields; `MeasureImpactForm` adds one field per parameter."""

    class Meta:
        model = ImpactEstimate
        fields = ["measure", "impact_type", "municipality", "parameters_source",
                  "parameters_year", "note", "is_demo_content"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "municipality" in self.fields:
            self.fields["municipality"].required = False
            self.fields["municipality"].help_text = gettext_lazy(
                "The partner municipality whose emissions the measure reduces. Left empty: "
                "the lead partner, else the only implementing municipality."
            )
        stored = self.instance.parameters if isinstance(self.instance.parameters, dict) else {}
        for name in PARAMETER_FIELDS:
            if name in stored and name not in self.initial:
                self.initial[name] = stored[name]

    def _measure(self) -> Measure | None:
        measure = self.cleaned_data.get("measure")
        if measure is None and self.instance.measure_id is not None:
            measure = Measure.objects.select_related("programme__partnership").get(
                pk=self.instance.measure_id
            )
        return measure

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        impact_type = cleaned.get("impact_type")
        if not impact_type:
            return cleaned
        names = {spec.name for spec in specs_for(impact_type)}
        label = dict(self.fields["impact_type"].choices).get(impact_type, impact_type)  # type: ignore[attr-defined]
        for name in PARAMETER_FIELDS:
            if name not in names and cleaned.get(name) not in (None, ""):
                self.add_error(name, _("Not a parameter of “%(type)s”; leave it empty.")
                               % {"type": label})
        measure = self._measure()
        if cleaned.get("municipality") is None and measure is not None:
            cleaned["municipality"] = impact_default_municipality(measure)
        if cleaned.get("municipality") is None and "municipality" not in self.errors:
            self.add_error("municipality", _(
                "Say in which partner municipality the measure takes effect."
            ))
        factors = (
            partnership_factor_set(measure.programme.partnership)
            if measure is not None else impact.default_factor_set()
        )
        values = impact_parameters_completed(
            impact_type=impact_type,
            parameters={name: cleaned.get(name) for name in names},
            municipality=cleaned.get("municipality"),
            factors=factors,
        )
        for field, messages in impact_parameters_errors(
            impact_type=impact_type, parameters=values, factors=factors
        ).items():
            if field in self.errors:
                continue  # its own message says what is wrong ("Enter a number."), not "Required."
            for message in messages:
                self.add_error(field, message)
        self.instance.parameters = values
        return cleaned


# The parameter fields are declared on the class (not added per instance) so that the
# admin, which builds its form class from the fieldsets, knows them.
MeasureImpactForm: type[BaseMeasureImpactForm] = type(
    "MeasureImpactForm",
    (BaseMeasureImpactForm,),
    {name: _form_field(spec) for name, spec in all_parameter_specs().items()},
)


def measure_impact_fieldsets(with_measure: bool) -> list[tuple[Any, dict[str, Any]]]:
    """Admin fieldsets: the common fields, the parameters several types share (lifetime,
    country), then one group per impact type with its own parameters."""
    common = ["impact_type", "municipality", "parameters_source", "parameters_year", "note",
              "is_demo_content"]
    uses: dict[str, int] = {}
    for specs in PARAMETER_SPECS.values():
        for spec in specs:
            uses[spec.name] = uses.get(spec.name, 0) + 1
    shared = [name for name, count in uses.items() if count > 1]
    sets: list[tuple[Any, dict[str, Any]]] = [
        (None, {"fields": (["measure"] if with_measure else []) + common}),
        (gettext_lazy("Parameters several types share"), {
            "fields": shared,
            "description": gettext_lazy(
                "Fill in the parameters of the chosen impact type only; the others stay empty."
            ),
        }),
    ]
    labels = dict(ImpactEstimate._meta.get_field("impact_type").choices or [])
    for impact_type, specs in PARAMETER_SPECS.items():
        own = [spec.name for spec in specs if spec.name not in shared]
        if own:
            sets.append((
                format_lazy(gettext_lazy("Parameters: {type}"), type=labels.get(impact_type)),
                {"fields": own},
            ))
    return sets


class TravelLegForm(forms.ModelForm):
    """A travel leg; either end can be given by its GeoNames id instead of coordinates."""

    origin_geonameid = forms.IntegerField(
        label=gettext_lazy("from: GeoNames id"), required=False,
        help_text=gettext_lazy("Fills name, coordinates and source from the packaged GeoNames "
                               "data, e.g. 2810808 for Wernigerode."),
    )
    destination_geonameid = forms.IntegerField(
        label=gettext_lazy("to: GeoNames id"), required=False,
        help_text=gettext_lazy("e.g. 1580541 for Hội An."),
    )

    class Meta:
        model = TravelLeg
        fields = [
            "event", "origin_geonameid", "origin_name", "origin_latitude", "origin_longitude",
            "origin_source", "destination_geonameid", "destination_name",
            "destination_latitude", "destination_longitude", "destination_source", "mode",
            "persons", "return_trip", "route_distance_km", "cars", "radiative_forcing",
            "source", "position", "is_demo_content",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix in ("origin", "destination"):
            for name in ("name", "latitude", "longitude", "source"):
                self.fields[f"{prefix}_{name}"].required = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for prefix in ("origin", "destination"):
            geonameid = cleaned.get(f"{prefix}_geonameid")
            if geonameid is not None:
                try:
                    place = place_by_geonameid(geonameid)
                except KeyError:
                    self.add_error(f"{prefix}_geonameid", _(
                        "No place with GeoNames id %(id)s in the packaged data (places of "
                        "1,000 inhabitants or more)."
                    ) % {"id": geonameid})
                    continue
                for name, value in travel_place(prefix, place).items():
                    if cleaned.get(name) in (None, ""):
                        cleaned[name] = value
                        setattr(self.instance, name, value)
            for name in ("name", "latitude", "longitude", "source"):
                if cleaned.get(f"{prefix}_{name}") in (None, ""):
                    self.add_error(f"{prefix}_{name}", _(
                        "Required, unless a GeoNames id is given."
                    ))
        return cleaned
