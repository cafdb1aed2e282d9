"""Tests of the reference data and its loader (no database, no Django)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from twinplan.reference import codes

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "twinplan" / "reference" / "data"
STANDARDS = REPO.parent / "shared" / "standards"
CODELISTS = STANDARDS / "iati-2.03" / "codelists"
GOAL_LANGUAGES = ("en", "fr", "de", "sr-latn", "sr", "vi")

CYRILLIC_TO_LATIN = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
         "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"],
        strict=True,
    )
)  # fmt: skip


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_reference_data", REPO / "scripts" / "build_reference_data.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def to_latin(text: str) -> str:
    out = []
    for char in text:
        latin = CYRILLIC_TO_LATIN.get(char.lower(), char)
        out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def test_17_goals_with_colours() -> None:
    goals = codes.sdg_goals()
    assert [g.code for g in goals] == list(range(1, 18))
    assert goals[0].colour == "#E5243B"
    assert all(re.fullmatch(r"#[0-9A-F]{6}", g.colour) for g in goals)
    assert len({g.colour for g in goals}) == 17


def test_169_targets_each_with_an_existing_goal() -> None:
    targets = codes.sdg_targets()
    assert len(targets) == 169
    assert len({t.code for t in targets}) == 169
    goal_codes = {g.code for g in codes.sdg_goals()}
    for target in targets:
        assert target.goal in goal_codes
        assert target.code.startswith(f"{target.goal}.")
        assert target.titles["en"]
        assert target.titles["fr"]


def test_every_goal_is_named_in_every_language() -> None:
    for goal in codes.sdg_goals():
        for lang in GOAL_LANGUAGES:
            assert goal.names.get(lang, "").strip(), (goal.code, lang)


def test_cyrillic_names_have_no_latin_letters_and_match_the_latin_ones() -> None:
    for goal in codes.sdg_goals():
        cyrillic = goal.names["sr"]
        assert not re.search(r"[A-Za-zčćđšžČĆĐŠŽ]", cyrillic), cyrillic
        assert to_latin(cyrillic) == goal.names["sr-latn"]


def test_transliteration_handles_digraphs() -> None:
    translit = build_script().latin_to_cyrillic
    assert translit("Ljubljana, Njegoš, džep") == "Љубљана, Његош, џеп"
    assert translit("LJUBAV NJIVA DŽEM") == "ЉУБАВ ЊИВА ЏЕМ"
    assert translit("Đorđe i Ćuprija, 2030.") == "Ђорђе и Ћуприја, 2030."


def test_goal_and_country_names_fall_back_to_english() -> None:
    assert codes.sdg_goal_name(1, "de") == "Keine Armut"
    assert codes.sdg_goal_name(1, "de-AT") == "Keine Armut"
    assert codes.sdg_goal_name(13, "xx") == codes.sdg_goal_name(13, "en")
    assert codes.country_name("vn", "fr") == codes.country_name("VN")
    with pytest.raises(KeyError):
        codes.sdg_goal_name(18)


def test_dac_sector_codes_are_five_digits_in_known_categories() -> None:
    sectors = codes.dac_sectors()
    assert sectors
    categories = {c.code for c in codes.dac_sector_categories()}
    for sector in sectors:
        assert re.fullmatch(r"\d{5}", sector.code), sector.code
        assert sector.code.startswith(sector.category)
        assert sector.category in categories
        assert sector.category_name


def test_currencies_countries_languages() -> None:
    assert {"EUR", "RSD", "VND"} <= {c.code for c in codes.currencies()}
    assert {"DE", "RS", "VN"} <= {c.code for c in codes.countries()}
    assert {"de", "en", "fr", "sr", "vi"} <= {lang.code for lang in codes.languages()}


@pytest.mark.parametrize("name", sorted(codes.DATA_FILES))
def test_every_file_cites_its_source(name: str) -> None:
    source = codes.reference_source(name)
    assert source["citation"] == "IATI Standard 2.03"
    assert source["commit"] in {"75e827b", "7aeece7"}
    assert source["licence"]


def test_short_goal_names_are_marked_unverified() -> None:
    names = codes.reference_source("sdgs")["goal_names"]
    for lang in ("de", "sr-latn", "sr", "vi"):
        assert names[lang]["verified"] is False


def test_committed_files_equal_build_output() -> None:
    if not CODELISTS.is_dir():
        pytest.skip(f"../shared/standards not present: cannot rebuild from {CODELISTS}")
    built = build_script().build(CODELISTS)
    assert sorted(built) == sorted(codes.DATA_FILES.values())
    for name, text in built.items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python scripts/build_reference_data.py"
