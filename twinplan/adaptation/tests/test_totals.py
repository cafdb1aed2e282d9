"""The totals of adaptation effects: per risk and in total, without double counting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.adaptation.totals import COUNTED_KINDS, CountedEffect, adaptation_totals

effects = st.lists(
    st.builds(
        CountedEffect,
        measure=st.sampled_from(["m1", "m2", "m3"]),
        risk=st.sampled_from(["floods", "storms", "heat"]),
        kind=st.sampled_from(COUNTED_KINDS),
        amount=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                           allow_infinity=False),
    ),
    max_size=25,
)


def test_two_measures_against_one_flood_protect_its_people_once():
    result = adaptation_totals([
        CountedEffect("warning", "floods", "people_protected", Decimal(3000)),
        CountedEffect("dyke", "floods", "people_protected", Decimal(2000)),
    ])
    assert result.by_risk["floods"] == {"people_protected": Decimal(3000)}


def test_one_measure_against_two_risks_counts_once_in_the_total():
    result = adaptation_totals([
        CountedEffect("warning", "floods", "people_protected", Decimal(3000)),
        CountedEffect("warning", "storms", "people_protected", Decimal(3000)),
        CountedEffect("dyke", "floods", "people_protected", Decimal(500)),
        CountedEffect("dyke", "floods", "buildings_protected", Decimal(120)),
    ])
    assert result.by_risk["storms"] == {"people_protected": Decimal(3000)}
    assert result.total == {"people_protected": Decimal(3500),
                            "buildings_protected": Decimal(120)}
    assert result.by_measure["warning"] == {"people_protected": Decimal(3000)}


def test_nothing_gives_empty_totals():
    result = adaptation_totals([])
    assert (result.by_risk, result.by_measure, result.total) == ({}, {}, {})


@pytest.mark.parametrize(("kind", "amount"), [("co2e_t", Decimal(1)), ("people_protected",
                                                                   Decimal(-1))])
def test_a_tonnage_or_a_negative_figure_is_refused(kind, amount):
    with pytest.raises(ValueError, match="must"):
        CountedEffect("m", "r", kind, amount)


@settings(deadline=None)
@given(effects)
def test_per_risk_is_the_largest_figure_against_that_risk(found):
    result = adaptation_totals(found)
    for effect in found:
        assert result.by_risk[effect.risk][effect.kind] >= effect.amount
    for risk, figures in result.by_risk.items():
        for kind, amount in figures.items():
            assert amount in {e.amount for e in found if e.risk == risk and e.kind == kind}


@settings(deadline=None)
@given(effects)
def test_the_total_counts_each_measure_once_with_its_largest_figure(found):
    result = adaptation_totals(found)
    for kind in COUNTED_KINDS:
        largest = {}
        for effect in found:
            if effect.kind == kind:
                largest[effect.measure] = max(largest.get(effect.measure, Decimal(0)),
                                              effect.amount)
        expected = sum(largest.values(), Decimal(0))
        assert result.total.get(kind, Decimal(0)) == expected
        # Never more than all figures added up, never less than any risk's figure.
        assert result.total.get(kind, Decimal(0)) <= sum(
            (e.amount for e in found if e.kind == kind), Decimal(0))
        for figures in result.by_risk.values():
            assert result.total.get(kind, Decimal(0)) >= figures.get(kind, Decimal(0))


@settings(deadline=None)
@given(effects, st.randoms())
def test_repeating_or_reordering_effects_changes_nothing(found, random):
    shuffled = list(found) + list(found)
    random.shuffle(shuffled)
    assert adaptation_totals(shuffled) == adaptation_totals(found)
