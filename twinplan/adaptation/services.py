"""Writes of climate adaptation: `climate_risk_*` (a municipality's own data, into the
town's bin), `measure_adaptation_*` and `adaptation_effect_*` (the partnership's joint
content). Each is keyword-only, validates the whole object, records `by` in the history
and saves nothing on bad input; a measure addresses only risks of the municipalities that
lead or implement it, and an effect counts only against a risk its measure addresses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.adaptation.scales import scales_data
from twinplan.core.writes import (
    Author,
    object_change,
    object_copy_values,
    object_insert,
    object_remove,
)
from twinplan.municipalities.models import Municipality
from twinplan.programmes.models import Measure

# --- climate risks ---------------------------------------------------------------------


class ClimateRiskFields(TypedDict, total=False):
    hazard: str
    probability: str
    impact: str
    intensity_change: str
    frequency_change: str
    time_frame: str
    sectors: list[str]
    vulnerable_groups: list[str]
    description: str
    source: str
    source_year: int
    original_language: str
    is_demo_content: bool


def _in_list_order(fields: dict[str, Any], names: dict[str, str]) -> None:
    """Lists of keys (sectors, groups, approaches) as a set in the data file's order, so
    that the same choice is stored the same way whichever order it came in; unknown keys
    stay (last) for the model to name."""
    for field, name in names.items():
        values = fields.get(field)
        if isinstance(values, list | tuple):
            order = {key: index for index, key in enumerate(scales_data()[name])}
            unique = list(dict.fromkeys(values))
            fields[field] = sorted(unique, key=lambda key: order.get(key, len(order)))


_RISK_LISTS = {"sectors": "sectors", "vulnerable_groups": "vulnerable_groups"}


def _risk_unique(municipality: Municipality, hazard: str | None, pk: int | None) -> None:
    same = ClimateRisk.objects.filter(municipality=municipality, hazard=hazard)
    if pk is not None:
        same = same.exclude(pk=pk)
    if hazard and same.exists():
        raise ValidationError({"hazard": _(
            "%(town)s has this hazard already; change that entry instead."
        ) % {"town": municipality.name}})


def climate_risk_create(
    *, municipality: Municipality, by: Author, **fields: Unpack[ClimateRiskFields]
) -> ClimateRisk:
    """A hazard of the municipality with its ratings, source and year (once per hazard).
    Written in the municipality's first language unless `original_language` says so."""
    _risk_unique(municipality, fields.get("hazard"), None)
    _in_list_order(fields, _RISK_LISTS)  # type: ignore[arg-type]
    if not fields.get("original_language"):
        fields["original_language"] = municipality.original_language
    return object_insert(ClimateRisk(municipality=municipality, **fields), by=by)


def climate_risk_update(
    risk: ClimateRisk, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[ClimateRiskFields],
) -> ClimateRisk:
    _risk_unique(risk.municipality, fields.get("hazard"), risk.pk)
    _in_list_order(fields, _RISK_LISTS)  # type: ignore[arg-type]
    return object_change(risk, by=by, expected_version=expected_version, values=fields)


def climate_risk_delete(risk: ClimateRisk, /, *, by: Author) -> None:
    """A town's own data goes to the town's bin, with the effects counted against it."""
    object_remove(risk, by=by, scope=risk.municipality)


# --- what a measure does against which risks -------------------------------------------


def measure_towns(measure: Measure) -> set[int]:
    """The keys of the municipalities that lead or implement the measure."""
    towns = set(measure.implementing_municipalities.values_list("pk", flat=True))
    if measure.lead_municipality_id is not None:
        towns.add(measure.lead_municipality_id)
    return towns


def _check_risks(measure: Measure, risks: Iterable[ClimateRisk]) -> None:
    towns = measure_towns(measure)
    for risk in risks:
        if risk.municipality_id not in towns:
            raise ValidationError({"risks": _(
                "“%(risk)s” is not a risk of a municipality that leads or implements this "
                "measure. Name the municipality in the measure first, or choose one of its "
                "towns' risks."
            ) % {"risk": risk}})


def risks_keep_their_towns(
    *, measure: Measure, lead: Municipality | None, implementing: Sequence[Municipality],
    **_signal: Any,
) -> None:
    """Refuse new lead or implementing municipalities of a measure that leave it
    addressing a risk of a town that no longer takes part (connected to
    programmes.services.measure_towns_changing)."""
    towns = {town.pk for town in implementing}
    if lead is not None:
        towns.add(lead.pk)
    stranded = ClimateRisk.objects.filter(adaptations__measure=measure).exclude(
        municipality__in=towns
    ).select_related("municipality").first()
    if stranded is None:
        return
    message = _(
        "The measure addresses “%(risk)s”; keep %(town)s among the municipalities that "
        "lead or implement it, or drop that risk from what the measure does against "
        "climate risks first."
    ) % {"risk": stranded, "town": stranded.municipality.name}
    lead_before = measure.lead_municipality_id
    lead_now = lead.pk if lead is not None else None
    raise ValidationError({
        "lead_municipality" if lead_now != lead_before else "implementing_municipalities":
            message
    })


class MeasureAdaptationFields(TypedDict, total=False):
    risks: Sequence[ClimateRisk]
    approaches: list[str]
    description: str
    original_language: str
    is_demo_content: bool


def measure_adaptation_create(
    *, measure: Measure, by: Author, **fields: Unpack[MeasureAdaptationFields]
) -> MeasureAdaptation:
    """Say which risks of its own towns the measure addresses and what it does (a measure
    has one such entry)."""
    if MeasureAdaptation.objects.filter(measure=measure).exists():
        raise ValidationError(_(
            "This measure says what it does against climate risks already; change that "
            "entry instead."
        ))
    values: dict[str, Any] = dict(fields)
    _in_list_order(values, {"approaches": "approaches"})
    risks = list(values.pop("risks", []))
    _check_risks(measure, risks)
    if not values.get("original_language"):
        values["original_language"] = measure.original_language
    return object_insert(MeasureAdaptation(measure=measure, **values), by=by,
                         links={"risks": risks})


def measure_adaptation_update(
    adaptation: MeasureAdaptation, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MeasureAdaptationFields],
) -> MeasureAdaptation:
    """Change the fields given. A risk can be dropped only when no effect of the measure
    is counted against it."""
    if "risks" in fields:
        risks = list(fields["risks"])
        _check_risks(adaptation.measure, risks)
        kept = {risk.pk for risk in risks}
        used = AdaptationEffect.objects.filter(measure=adaptation.measure_id).exclude(
            risk__in=kept
        ).select_related("risk__municipality").first()
        if used is not None:
            raise ValidationError({"risks": _(
                "An effect of this measure is counted against “%(risk)s”; delete or change "
                "that effect before you drop the risk."
            ) % {"risk": used.risk}})
        fields["risks"] = risks
    _in_list_order(fields, {"approaches": "approaches"})  # type: ignore[arg-type]
    return object_change(adaptation, by=by, expected_version=expected_version, values=fields)


def measure_adaptation_delete(adaptation: MeasureAdaptation, /, *, by: Author) -> None:
    """Delete the entry, and with it the measure's expected effects (they count only
    against the risks it names); each goes to the partnership's bin."""
    scope = adaptation.measure.programme.partnership
    with transaction.atomic():
        for effect in AdaptationEffect.objects.filter(measure=adaptation.measure_id):
            object_remove(effect, by=by, scope=scope)
        object_remove(adaptation, by=by, scope=scope)


def adaptation_copy_for_edition(
    *, measures: dict[int, Measure], by: Author, **_signal: Any
) -> None:
    """What the measures of a programme's previous edition do against climate risks and
    their expected effects, for the measures of its new one (the risks are the towns' own
    and stay as they are; connected to programmes.services.edition_started)."""
    for adaptation in MeasureAdaptation.objects.filter(
        measure_id__in=list(measures)
    ).prefetch_related("risks"):
        object_insert(MeasureAdaptation(
            **object_copy_values(adaptation, exclude=("measure",)),
            measure=measures[adaptation.measure_id],
        ), by=by, links={"risks": list(adaptation.risks.all())})
    for effect in AdaptationEffect.objects.filter(measure_id__in=list(measures)):
        object_insert(AdaptationEffect(
            **object_copy_values(effect, exclude=("measure",)),
            measure=measures[effect.measure_id],
        ), by=by)


# --- expected effects ------------------------------------------------------------------


class AdaptationEffectFields(TypedDict, total=False):
    risk: ClimateRisk
    kind: str
    quantity: Decimal | None
    currency: str
    statement: str
    source: str
    source_year: int
    original_language: str
    is_demo_content: bool


def _check_effect_risk(measure: Measure, risk: ClimateRisk | None) -> None:
    if risk is None:
        return
    addressed = MeasureAdaptation.objects.filter(measure=measure, risks=risk).exists()
    if not addressed:
        raise ValidationError({"risk": _(
            "The measure does not address “%(risk)s”. Add the risk to what the measure does "
            "against climate risks first."
        ) % {"risk": risk}})


def adaptation_effect_create(
    *, measure: Measure, by: Author, **fields: Unpack[AdaptationEffectFields]
) -> AdaptationEffect:
    """An expected effect of the measure against one risk it addresses: a figure of a
    kind (people, buildings, hectares, avoided damage with its currency) or a statement,
    with its source and year."""
    _check_effect_risk(measure, fields.get("risk"))
    if fields.get("currency"):
        fields["currency"] = fields["currency"].upper()
    if not fields.get("original_language"):
        fields["original_language"] = measure.original_language
    return object_insert(AdaptationEffect(measure=measure, **fields), by=by)


def adaptation_effect_update(
    effect: AdaptationEffect, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[AdaptationEffectFields],
) -> AdaptationEffect:
    if "risk" in fields:
        _check_effect_risk(effect.measure, fields["risk"])
    if fields.get("currency"):
        fields["currency"] = fields["currency"].upper()
    return object_change(effect, by=by, expected_version=expected_version, values=fields)


def adaptation_effect_delete(effect: AdaptationEffect, /, *, by: Author) -> None:
    object_remove(effect, by=by, scope=effect.measure.programme.partnership)
