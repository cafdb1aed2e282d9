"""The data file of hazards and scales: complete, cited, and labelled in the interface."""

from __future__ import annotations

from twinplan.adaptation.scales import LABELS, LISTS, choices, scales_data
from twinplan.adaptation.totals import COUNTED_KINDS


def test_every_list_of_the_file_has_unique_keys_and_a_label_for_each():
    data = scales_data()
    for name in LISTS:
        keys = data[name]
        assert keys, f"{name} is empty"
        assert len(keys) == len(set(keys)), f"{name} repeats a key"
        assert set(keys) == set(LABELS[name]), f"{name}: the file and the labels differ"


def test_each_list_names_where_it_comes_from():
    data = scales_data()
    citation = data["citation"]
    assert "Covenant of Mayors" in citation["hazards"]
    assert "IPCC" in citation["approaches"]
    assert citation["effect_kinds"]
    # Typed in from the frameworks, not checked against the documents: said so.
    assert data["verified"] is False


def test_the_hazards_and_scales_are_those_of_the_reporting_template():
    data = scales_data()
    assert {"extreme_heat", "extreme_cold", "extreme_precipitation", "floods",
            "sea_level_rise", "droughts", "storms", "mass_movement", "wildfires",
            "water_scarcity", "biological_hazards"} <= set(data["hazards"])
    assert data["levels"] == ["high", "moderate", "low", "unknown"]
    assert data["changes"] == ["increase", "decrease", "no_change", "unknown"]
    assert data["time_frames"] == ["current", "short_term", "medium_term", "long_term"]
    assert data["approaches"] == ["reduce_exposure", "reduce_vulnerability",
                                  "raise_adaptive_capacity"]


def test_the_effects_are_people_assets_money_or_words_and_never_tonnes():
    kinds = scales_data()["effect_kinds"]
    assert set(kinds) == {*COUNTED_KINDS, "statement"}
    assert not [kind for kind in kinds if "co2" in kind or "t_" in kind or "ton" in kind]


def test_choices_follow_the_file_order_with_their_labels():
    assert [key for key, _label in choices("levels")] == scales_data()["levels"]
    assert str(dict(choices("hazards"))["floods"]) == "floods"
