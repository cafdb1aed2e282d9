"""The shipped factor set: complete, sourced, versioned, overridable."""

import json
from importlib import resources

import pytest

from twinplan.impact import (
    Factor,
    FactorOverride,
    FactorSet,
    ImpactError,
    UnitError,
    UnknownFactorError,
    default_factor_set,
)
from twinplan.impact.factors import load_factor_file

DATA = resources.files("twinplan.impact").joinpath("data")


def test_every_factor_names_source_year_and_licence() -> None:
    factors = default_factor_set()
    assert len(factors) > 250
    for factor in factors:
        assert factor.source.strip(), factor.key
        assert factor.licence.strip(), factor.key
        assert 1990 <= factor.edition_year <= 2030 or factor.key.startswith("fuel."), factor.key
        assert isinstance(factor.verified, bool)


def test_version_comes_from_the_manifest() -> None:
    manifest = json.loads(DATA.joinpath("manifest.json").read_text(encoding="utf-8"))
    assert default_factor_set().version == f"twinplan-factors-{manifest['version']}"


def test_grid_intensity_covers_about_200_countries_with_data_year() -> None:
    keys = default_factor_set().keys_under("electricity.grid.")
    assert len(keys) >= 200
    germany = default_factor_set().get("electricity.grid.DEU")
    assert germany.unit == "g CO2e/kWh"
    assert germany.edition_year == 2023
    assert germany.verified is True
    assert "codecarbon" in germany.source


def test_derived_files_record_their_provenance() -> None:
    for name in ("grid_intensity.json", "fuels.json"):
        document = json.loads(DATA.joinpath(name).read_text(encoding="utf-8"))
        assert document["provenance"]["wheel_sha256"]
        assert "build_impact_factors.py" in document["provenance"]["rebuild"]


def test_typed_in_values_are_marked_unverified() -> None:
    factors = default_factor_set()
    for key in ("flight.long_haul.with_rf", "pv.yield.DEU", "territorial.per_capita.VNM"):
        assert factors.get(key).verified is False


def test_ipcc_natural_gas_factor_matches_table_1_4() -> None:
    # IPCC 2006 Vol. 2 Table 1.3: natural gas 15.3 kg C/GJ (14.8-15.9);
    # x 44/12 = 56.1 t CO2/TJ (54.3-58.3), the values printed in Table 1.4.
    gas = default_factor_set().get("fuel.natural_gas")
    assert (gas.value, gas.low, gas.high) == (56.1, 54.3, 58.3)


def test_unknown_key_is_a_clear_error() -> None:
    with pytest.raises(UnknownFactorError, match=r"'electricity\.grid\.XXX'"):
        default_factor_set().get("electricity.grid.XXX")


def test_override_carries_its_own_source_and_changes_the_version() -> None:
    base = default_factor_set()
    override = FactorOverride(
        key="electricity.grid.VNM",
        value=0.5,
        unit="kg CO2e/kWh",
        source="EVN annual report 2023, table 4",
        edition_year=2023,
    )
    overridden = base.with_overrides([override])
    factor = overridden.get("electricity.grid.VNM")
    assert factor.is_override is True
    assert factor.source == "EVN annual report 2023, table 4"
    assert factor.value_in("g CO2e/kWh") == pytest.approx(500)
    assert overridden.version.startswith(base.version + "+override.")
    assert base.get("electricity.grid.VNM").is_override is False  # base untouched
    assert base.with_overrides([]) is base


def test_override_in_an_incompatible_unit_is_rejected() -> None:
    override = FactorOverride(
        key="electricity.grid.DEU", value=0.1, unit="kg CO2e/pkm", source="x", edition_year=2024
    )
    with pytest.raises(UnitError, match=r"electricity.grid.DEU"):
        default_factor_set().with_overrides([override])


def test_override_may_add_a_new_fuel() -> None:
    district_heat = FactorOverride(
        key="fuel.district_heating",
        value=180,
        unit="g CO2e/kWh",
        source="Stadtwerke Wernigerode, Fernwärme-Kennwert 2023",
        edition_year=2023,
    )
    factors = default_factor_set().with_overrides([district_heat])
    assert factors.get("fuel.district_heating").value_in("t CO2e/kWh") == pytest.approx(1.8e-4)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"key": "a", "value": 1, "unit": "t CO2e/a", "edition_year": 2020}, "lacks"),
        ({"key": "a", "value": 1, "colour": "red"}, "unknown fields"),
    ],
)
def test_malformed_factor_file_is_rejected(record: dict[str, object], message: str) -> None:
    text = json.dumps({"defaults": {"licence": "x", "verified": False}, "factors": [record]})
    with pytest.raises(ImpactError, match=message):
        load_factor_file(text)


def test_factor_range_must_contain_value() -> None:
    with pytest.raises(ImpactError, match=r"low"):
        Factor("k", 1.0, "t CO2e/a", "s", 2020, "l", False, low=2.0)


def test_duplicate_keys_are_rejected() -> None:
    factor = Factor("k", 1.0, "t CO2e/a", "s", 2020, "l", False)
    with pytest.raises(ImpactError, match=r"twice"):
        FactorSet.from_factors("v", [factor, factor])
