"""The adaptation services: a town's risks, which risks a measure may address, and the
effects it may count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.adaptation.services import (
    adaptation_effect_create,
    adaptation_effect_update,
    climate_risk_create,
    climate_risk_delete,
    climate_risk_update,
    measure_adaptation_create,
    measure_adaptation_delete,
    measure_adaptation_update,
)
from twinplan.core.models import BinEntry

pytestmark = pytest.mark.django_db

RISK = {"hazard": "floods", "probability": "high", "impact": "moderate",
        "intensity_change": "increase", "frequency_change": "no_change",
        "time_frame": "medium_term", "sectors": ["tourism", "buildings"],
        "vulnerable_groups": ["elderly"], "source": "Risikoanalyse 2021", "source_year": 2021}


def test_a_risk_is_stored_with_its_ratings_source_and_history(hoi_an, bao):
    risk = climate_risk_create(municipality=hoi_an, by=bao, **RISK)
    assert (risk.hazard, risk.probability, risk.impact, risk.time_frame) == (
        "floods", "high", "moderate", "medium_term")
    assert risk.sectors == ["buildings", "tourism"]  # in the data file's order
    assert risk.original_language == "vi"  # the town's language unless said otherwise
    assert risk.history.get().history_user == bao


@pytest.mark.parametrize(("field", "value"), [
    ("hazard", "meteor"), ("probability", "very high"), ("intensity_change", "more"),
    ("time_frame", "someday"), ("sectors", ["space"]), ("vulnerable_groups", ["cats"]),
    ("source", ""), ("source_year", 1800),
])
def test_a_risk_off_the_scales_or_without_source_is_refused_at_its_field(hoi_an, field, value):
    with pytest.raises(ValidationError) as error:
        climate_risk_create(municipality=hoi_an, by=None, **{**RISK, field: value})
    assert field in error.value.message_dict
    assert not ClimateRisk.objects.exists()


def test_a_town_has_each_hazard_once(hoi_an, flood):
    with pytest.raises(ValidationError) as error:
        climate_risk_create(municipality=hoi_an, by=None, **RISK)
    assert "hazard" in error.value.message_dict


def test_a_stale_risk_edit_is_refused_and_a_risk_goes_to_the_towns_bin(flood, hoi_an):
    from twinplan.core.errors import EditConflict

    climate_risk_update(flood, by=None, expected_version=1, probability="low")
    with pytest.raises(EditConflict):
        climate_risk_update(flood, by=None, expected_version=1, probability="moderate")
    climate_risk_delete(ClimateRisk.objects.get(), by=None)
    assert not ClimateRisk.objects.exists()
    assert BinEntry.objects.get().scope_id == hoi_an.pk


def test_a_measure_addresses_its_own_towns_risks(warning, flood):
    adaptation = measure_adaptation_create(measure=warning, by=None, risks=[flood],
                                           approaches=["raise_adaptive_capacity",
                                                       "reduce_exposure"])
    assert list(adaptation.risks.all()) == [flood]
    assert adaptation.approaches == ["reduce_exposure", "raise_adaptive_capacity"]


def test_a_measure_may_not_address_another_towns_risk(warning, flood, drought):
    with pytest.raises(ValidationError) as error:
        measure_adaptation_create(measure=warning, by=None, risks=[flood, drought])
    assert "risks" in error.value.message_dict
    assert "Wernigerode" in error.value.message_dict["risks"][0]
    assert not MeasureAdaptation.objects.exists()
    adaptation = measure_adaptation_create(measure=warning, by=None, risks=[flood])
    with pytest.raises(ValidationError) as error:
        measure_adaptation_update(adaptation, by=None, expected_version=None,
                                  risks=[drought])
    assert "risks" in error.value.message_dict
    assert list(MeasureAdaptation.objects.get().risks.all()) == [flood]


def test_an_implementing_town_counts_as_the_measures_own(warning, drought, wernigerode):
    warning.implementing_municipalities.add(wernigerode)
    adaptation = measure_adaptation_create(measure=warning, by=None, risks=[drought])
    assert list(adaptation.risks.all()) == [drought]


def test_a_second_adaptation_entry_for_a_measure_is_refused(warning, flood):
    measure_adaptation_create(measure=warning, by=None, risks=[flood])
    with pytest.raises(ValidationError):
        measure_adaptation_create(measure=warning, by=None, risks=[flood])


def test_an_effect_counts_only_against_a_risk_the_measure_addresses(
    warning, flood, hoi_an
):
    storm = climate_risk_create(municipality=hoi_an, by=None, **{**RISK, "hazard": "storms"})
    measure_adaptation_create(measure=warning, by=None, risks=[flood])
    with pytest.raises(ValidationError) as error:
        adaptation_effect_create(measure=warning, by=None, risk=storm,
                                 kind="people_protected", quantity=Decimal(10),
                                 source="Plan", source_year=2024)
    assert "risk" in error.value.message_dict
    effect = adaptation_effect_create(measure=warning, by=None, risk=flood,
                                      kind="people_protected", quantity=Decimal(3000),
                                      source="Plan", source_year=2024)
    with pytest.raises(ValidationError):
        adaptation_effect_update(effect, by=None, expected_version=None, risk=storm)
    assert AdaptationEffect.objects.get().risk == flood


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "people_protected"}, "quantity"),
    ({"kind": "people_protected", "quantity": Decimal("2.5")}, "quantity"),
    ({"kind": "avoided_damage", "quantity": Decimal(1000)}, "currency"),
    ({"kind": "avoided_damage", "quantity": Decimal(1000), "currency": "XYZ"}, "currency"),
    ({"kind": "buildings_protected", "quantity": Decimal(4), "currency": "EUR"}, "currency"),
    ({"kind": "statement"}, "statement"),
    ({"kind": "statement", "statement": "Besser", "quantity": Decimal(1)}, "quantity"),
    ({"kind": "co2e_t", "quantity": Decimal(5)}, "kind"),
    ({"kind": "area_protected_ha", "quantity": Decimal(-3)}, "quantity"),
    ({"kind": "area_protected_ha", "quantity": Decimal(3), "source": ""}, "source"),
])
def test_an_effect_says_what_is_wrong_at_its_field(warning, flood, fields, field):
    measure_adaptation_create(measure=warning, by=None, risks=[flood])
    values = {"source": "Plan", "source_year": 2024, **fields}
    with pytest.raises(ValidationError) as error:
        adaptation_effect_create(measure=warning, by=None, risk=flood, **values)
    assert field in error.value.message_dict
    assert not AdaptationEffect.objects.exists()


def test_a_risk_counted_by_an_effect_cannot_be_dropped(warning, flood):
    adaptation = measure_adaptation_create(measure=warning, by=None, risks=[flood])
    adaptation_effect_create(measure=warning, by=None, risk=flood, kind="statement",
                             statement="Weniger Schäden", source="Plan", source_year=2024)
    with pytest.raises(ValidationError) as error:
        measure_adaptation_update(adaptation, by=None, expected_version=None, risks=[])
    assert "risks" in error.value.message_dict
    assert MeasureAdaptation.objects.get().risks.get() == flood


def test_deleting_the_entry_takes_the_effects_along_into_the_bin(warning, flood):
    adaptation = measure_adaptation_create(measure=warning, by=None, risks=[flood])
    adaptation_effect_create(measure=warning, by=None, risk=flood, kind="statement",
                             statement="Weniger Schäden", source="Plan", source_year=2024)
    measure_adaptation_delete(adaptation, by=None)
    assert not MeasureAdaptation.objects.exists()
    assert not AdaptationEffect.objects.exists()
    assert BinEntry.objects.count() == 2


def test_a_measure_keeps_the_towns_whose_risks_it_addresses(warning, flood, wernigerode):
    """Changing the measure's towns may not leave it addressing another town's risk."""
    from twinplan.programmes.services import measure_update

    measure_adaptation_create(measure=warning, by=None, risks=[flood])
    with pytest.raises(ValidationError) as error:
        measure_update(warning, by=None, expected_version=None,
                       lead_municipality=wernigerode)
    assert "lead_municipality" in error.value.message_dict
    assert "Hội An" in error.value.message_dict["lead_municipality"][0]
    warning.refresh_from_db()
    assert warning.lead_municipality_id == flood.municipality_id
    # Hội An implementing it keeps the risk its own; then the lead may change.
    measure_update(warning, by=None, expected_version=None,
                   implementing_municipalities=[flood.municipality],
                   lead_municipality=wernigerode)
    with pytest.raises(ValidationError) as error:
        measure_update(warning, by=None, expected_version=None,
                       implementing_municipalities=[])
    assert "implementing_municipalities" in error.value.message_dict
    warning.refresh_from_db()
    assert list(warning.implementing_municipalities.all()) == [flood.municipality]
    assert warning.lead_municipality_id == wernigerode.pk


def test_a_new_edition_keeps_what_its_measures_do_against_the_risks(warning, flood):
    """programme_edition_start copies the adaptation entry and the expected effects to
    the new edition's measures, as it copies indicators and resource lines."""
    from twinplan.programmes.models import ProgrammeStatus
    from twinplan.programmes.services import programme_edition_start

    programme = warning.programme
    programme.status = ProgrammeStatus.ADOPTED
    programme.save()
    measure_adaptation_create(measure=warning, by=None, risks=[flood],
                              approaches=["reduce_exposure"], description="Sirenen")
    adaptation_effect_create(measure=warning, by=None, risk=flood, kind="people_protected",
                             quantity=Decimal(3000), source="Plan", source_year=2024)
    new = programme_edition_start(programme, by=None)
    copy = new.measures.get()
    assert list(copy.adaptation.risks.all()) == [flood]
    assert (copy.adaptation.approaches, copy.adaptation.description) == (
        ["reduce_exposure"], "Sirenen")
    effect = copy.adaptation_effects.get()
    assert (effect.risk, effect.kind, effect.quantity, effect.source) == (
        flood, "people_protected", Decimal(3000), "Plan")
    assert AdaptationEffect.objects.count() == 2  # the old edition keeps its own
