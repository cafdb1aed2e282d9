"""The lists and scales of climate risks and adaptation effects, read from
`data/scales.json` (each list cited there, see `data/README.md`), with their labels in the
interface languages. `tests/test_scales.py` fails when the file and the labels part."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LISTS = ("hazards", "levels", "changes", "time_frames", "sectors", "vulnerable_groups",
         "approaches", "effect_kinds")


@cache
def scales_data() -> dict[str, Any]:
    """The data file as stored."""
    text = resources.files("twinplan.adaptation").joinpath("data", "scales.json").read_text(
        encoding="utf-8"
    )
    data: dict[str, Any] = json.loads(text)
    return data


LABELS: dict[str, dict[str, Promise]] = {
    "hazards": {
        "extreme_heat": _("extreme heat"),
        "extreme_cold": _("extreme cold"),
        "extreme_precipitation": _("extreme precipitation"),
        "floods": _("floods"),
        "sea_level_rise": _("sea-level rise"),
        "droughts": _("droughts"),
        "storms": _("storms"),
        "mass_movement": _("mass movement (landslides)"),
        "wildfires": _("wildfires"),
        "water_scarcity": _("water scarcity"),
        "biological_hazards": _("biological hazards"),
        "chemical_change": _("chemical change (e.g. salt-water intrusion)"),
        "other": _("other hazard"),
    },
    "levels": {
        "high": _("high"),
        "moderate": _("moderate"),
        "low": _("low"),
        "unknown": _("not known"),
    },
    "changes": {
        "increase": _("increase"),
        "decrease": _("decrease"),
        "no_change": _("no change"),
        "unknown": _("not known"),
    },
    "time_frames": {
        "current": _("at present"),
        "short_term": _("short term"),
        "medium_term": _("medium term"),
        "long_term": _("long term"),
    },
    "sectors": {
        "buildings": _("buildings"),
        "transport": _("transport"),
        "energy": _("energy"),
        "water": _("water"),
        "waste": _("waste"),
        "land_use_planning": _("land-use planning"),
        "agriculture_forestry": _("agriculture and forestry"),
        "environment_biodiversity": _("environment and biodiversity"),
        "health": _("health"),
        "civil_protection_emergency": _("civil protection and emergency"),
        "tourism": _("tourism"),
        "education": _("education"),
        "ict": _("information and communication technology"),
        "other": _("other sector"),
    },
    "vulnerable_groups": {
        "women_and_girls": _("women and girls"),
        "children": _("children"),
        "youth": _("young people"),
        "elderly": _("elderly people"),
        "marginalised_groups": _("marginalised groups"),
        "persons_with_disabilities": _("persons with disabilities"),
        "persons_with_chronic_diseases": _("persons with chronic diseases"),
        "low_income_households": _("low-income households"),
        "unemployed": _("unemployed people"),
        "substandard_housing": _("people in substandard housing"),
        "migrants_and_displaced": _("migrants and displaced people"),
        "other": _("other group"),
    },
    "approaches": {
        "reduce_exposure": _("reduces exposure"),
        "reduce_vulnerability": _("reduces vulnerability"),
        "raise_adaptive_capacity": _("raises adaptive capacity"),
    },
    "effect_kinds": {
        "people_protected": _("people protected"),
        "buildings_protected": _("buildings protected"),
        "area_protected_ha": _("area protected (ha)"),
        "avoided_damage": _("avoided damage (money)"),
        "statement": _("qualitative statement"),
    },
}


def choices(name: str) -> list[tuple[str, Promise]]:
    """The (key, label) pairs of one list, in the order of the data file."""
    return [(key, LABELS[name][key]) for key in scales_data()[name]]


def label(name: str, key: str) -> str:
    """The label of `key` in list `name`, in the active language; the key when unknown."""
    found = LABELS.get(name, {}).get(key)
    return str(found) if found is not None else key


class EffectKind(models.TextChoices):
    PEOPLE = "people_protected"
    BUILDINGS = "buildings_protected"
    AREA = "area_protected_ha"
    DAMAGE = "avoided_damage"
    STATEMENT = "statement"


# The effect kinds that are counted (all but the statement), with their unit.
COUNTED_KINDS = (EffectKind.PEOPLE, EffectKind.BUILDINGS, EffectKind.AREA, EffectKind.DAMAGE)
