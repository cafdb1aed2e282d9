"""The lossless partnership file: every partnership-owned model is carried, a partnership
survives export → import into an empty database → export unchanged, shared towns are
linked and never deleted, and a bad file writes nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import models

from twinplan.climate.models import PartnershipFactor
from twinplan.core.writes import object_insert
from twinplan.glossary.models import GlossaryTerm
from twinplan.interchange.partnership_file import (
    FORMAT,
    FORMAT_VERSION,
    NOT_CARRIED,
    OWNED,
    PartnershipFileError,
    partnership_document,
    partnership_file,
    partnership_import,
)
from twinplan.money.models import CurrencyRate
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation
from twinplan.partnerships.models import FundingProgramme, Partnership, PartnershipRole
from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


# --- coverage ---------------------------------------------------------------------------


def _is_history(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


def _partnership_owned() -> set[str]:
    """Every model with a chain of foreign keys to a partnership (history excepted)."""
    owned: set[type[models.Model]] = {Partnership}
    changed = True
    candidates = [model for model in apps.get_models() if not _is_history(model)]
    while changed:
        changed = False
        for model in candidates:
            if model in owned:
                continue
            if any(
                f.many_to_one or f.one_to_one
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in owned
            ):
                owned.add(model)
                changed = True
    owned.discard(Partnership)
    return {model._meta.label_lower for model in owned}


def test_every_partnership_owned_model_is_carried_or_left_out_with_a_reason():
    carried = {entry.model._meta.label_lower for entry in OWNED}
    owned = _partnership_owned()
    forgotten = owned - carried - set(NOT_CARRIED)
    assert not forgotten, (
        f"Partnership-owned models the partnership file neither carries nor leaves out: "
        f"{sorted(forgotten)}. Add an Owned(...) line to interchange/partnership_file.py "
        "(OWNED), or a reason to NOT_CARRIED."
    )
    assert all(reason.strip() for reason in NOT_CARRIED.values())
    assert not carried & set(NOT_CARRIED)


def test_the_walk_finds_models_that_hang_off_a_partnership_indirectly():
    owned = _partnership_owned()
    # Through programme → measure → indicator → value, and event → travel leg.
    assert {"indicators.indicatorvalue", "climate.travelleg", "programmes.measureactor",
            "partnerships.invitation"} <= owned


# --- the round trip ---------------------------------------------------------------------


def _wipe_installation() -> None:
    """The project's data gone, as in a fresh installation (reference rows such as the SDGs
    stay: migrations load them there too)."""
    Partnership.objects.all().delete()
    GlossaryTerm.objects.all().delete()
    Organisation.objects.all().delete()
    FundingProgramme.objects.all().delete()
    Municipality.objects.all().delete()
    CurrencyRate.objects.all().delete()
    get_user_model().objects.all().delete()


def _enrich(partnership: Partnership) -> None:
    """Rows the demo data lacks, so that every section of the file is exercised."""
    factor = PartnershipFactor(
        partnership=partnership, key="electricity.grid.DE", value=420.0, unit="g CO2e/kWh",
        source="Umweltbundesamt, CO2-Emissionsfaktoren 2024", edition_year=2024,
    )
    object_insert(factor, by=None)
    term = GlossaryTerm(
        partnership=partnership, key="klimapartnerschaft", term="Klimapartnerschaft",
        definition="Eine Partnerschaft zweier Kommunen für den Klimaschutz.",
        original_language="de",
        translations={"vi": {"definition": {"text": "Quan hệ đối tác khí hậu.",
                                            "status": "reviewed",
                                            "source_fingerprint": "0123456789abcdef"}}},
    )
    object_insert(term, by=None)


def test_export_import_into_an_empty_installation_export_gives_the_same_document():
    call_command("seed_demo", stdout=StringIO())
    for partnership in Partnership.objects.all():
        _enrich(partnership)
    documents = {p.slug: partnership_file(p) for p in Partnership.objects.order_by("slug")}
    counts = {
        p.slug: {entry.section: entry.rows(p).count() for entry in OWNED}
        for p in Partnership.objects.all()
    }
    assert all(counts[slug]["glossary"] == 1 for slug in counts)
    _wipe_installation()
    assert not Municipality.objects.exists()

    for text in documents.values():
        partnership_import(text, by=None)

    for slug, text in documents.items():
        partnership = Partnership.objects.get(slug=slug)
        assert partnership_file(partnership) == text
        assert {entry.section: entry.rows(partnership).count() for entry in OWNED} == \
            counts[slug]
    # The translations arrived with their status and fingerprint.
    term = GlossaryTerm.objects.get(key="klimapartnerschaft",
                                    partnership__slug="wernigerode-hoi-an")
    assert term.translations["vi"]["definition"]["status"] == "reviewed"
    # Roles by e-mail: the accounts exist again, without a password, with their roles.
    role = PartnershipRole.objects.select_related("user").filter(
        partnership__slug="bersenbrueck-ruma", user__email="ruma@example.org"
    ).get()
    assert not role.user.has_usable_password()


def test_a_document_has_its_format_version_and_sections(partnership, alice):
    ActionProgrammeFactory(partnership=partnership)
    document = partnership_document(partnership)
    assert document["format"] == FORMAT
    assert document["format_version"] == FORMAT_VERSION
    assert document["partnership"]["slug"] == "wernigerode-hoi-an"
    assert [town["name"] for town in document["towns"]] == ["Wernigerode", "Hội An"]
    assert document["members"][0]["municipality"].startswith("towns:")
    assert document["roles"][0]["user"].startswith("users:")
    assert document["programmes"][0]["partnership"] == "partnership"
    assert "id" not in document["programmes"][0]
    assert "version" not in document["programmes"][0]


# --- towns: linked, not duplicated; never deleted ----------------------------------------


def test_towns_already_present_are_linked_not_duplicated(partnership, wernigerode, hoi_an):
    text = partnership_file(partnership)
    Partnership.objects.all().delete()
    # The same town under another slug, found by its GeoNames id; the other by name.
    Municipality.objects.filter(pk=wernigerode.pk).update(slug="wr", name="Stadt Wernigerode")
    towns = Municipality.objects.count()

    summary = partnership_import(text, by=None)

    assert Municipality.objects.count() == towns
    assert set(summary.partnership.municipalities.all()) == {wernigerode, hoi_an}
    assert sorted(summary.towns_linked) == ["Hội An", "Stadt Wernigerode"]


def test_an_existing_partnership_is_refused_unless_replaced(partnership, alice):
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             title="Solardach")
    text = partnership_file(partnership)
    with pytest.raises(PartnershipFileError, match=r"exists already.*--replace"):
        partnership_import(text, by=None)
    assert Measure.objects.get() == measure

    towns = set(Municipality.objects.values_list("pk", flat=True))
    summary = partnership_import(text, by=None, replace=True)

    assert summary.replaced
    assert set(Municipality.objects.values_list("pk", flat=True)) == towns
    assert Partnership.objects.get().pk == summary.partnership.pk != partnership.pk
    assert Measure.objects.get().title == "Solardach"


# --- bad input ----------------------------------------------------------------------------


def _valid_text(partnership: Partnership) -> str:
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership), code="M1")
    return partnership_file(partnership)


def _changed(text: str, change: Any) -> str:
    document = json.loads(text)
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda text: b"PK\x03\x04 spreadsheet", "zip file"),
        (lambda text: "<?xml version='1.0'?><iati-activities/>", "XML"),
        (lambda text: b"\xff\xfe\x00garbage", "not UTF-8"),
        (lambda text: text[: len(text) // 2], "invalid JSON at line"),
        (lambda text: '{"name": "something else"}', "not a partnership file"),
        (lambda text: "[1, 2]", "not a partnership file"),
        (lambda text: _changed(text, lambda d: d.update(format_version=99)),
         "format version 99"),
        (lambda text: _changed(text, lambda d: d.pop("partnership")), "no \"partnership\""),
        (lambda text: _changed(text, lambda d: d.update(measures={})),
         "'measures' must be a list"),
        (lambda text: _changed(text, lambda d: d["measures"][0].update(colour="red")),
         "measures:1: unknown fields colour"),
        (lambda text: _changed(text, lambda d: d["measures"][0].update(planned_start="soon")),
         "measures:1, field planned_start: 'soon' is not a valid"),
        (lambda text: _changed(text, lambda d: d["measures"][0].update(programme="goals:7")),
         "measures:1, field programme: refers to 'goals:7'"),
        (lambda text: _changed(text, lambda d: d["measures"][0].update(weight=0)),
         "measures:1: weight"),
        (lambda text: _changed(text, lambda d: (
            d["towns"].append({**d["towns"][0], "name": "Elsewhere", "slug": "elsewhere",
                               "latitude": None, "longitude": None, "location_source": ""}),
            d["measures"][0].update(lead_municipality="towns:3"))),
         "measures:1, field lead_municipality: 'towns:3' is not a member town"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_writes_nothing(partnership, make, message):
    text = _valid_text(partnership)
    Partnership.objects.all().delete()
    before = (Municipality.objects.count(), Organisation.objects.count(),
              get_user_model().objects.count())

    with pytest.raises(PartnershipFileError, match=message):
        partnership_import(make(text), by=None)

    assert not Partnership.objects.exists()
    assert (Municipality.objects.count(), Organisation.objects.count(),
            get_user_model().objects.count()) == before


def test_a_failure_in_the_last_row_leaves_no_new_town_behind(partnership):
    text = _valid_text(partnership)
    Partnership.objects.all().delete()
    Municipality.objects.all().delete()
    broken = _changed(text, lambda d: d["measures"][-1].update(title=""))

    with pytest.raises(PartnershipFileError, match="measures:1: title"):
        partnership_import(broken, by=None)

    assert not Municipality.objects.exists()
    assert not Partnership.objects.exists()


# --- the commands -------------------------------------------------------------------------


def test_the_commands_move_a_partnership_through_a_file(partnership, tmp_path: Path):
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                   energy_saved_mwh_per_year=Decimal("12.50"),
                   reported_figures_source="Stadtwerke Wernigerode, Jahresbericht 2024")
    path = tmp_path / "partnership.json"
    call_command("export_partnership", partnership.slug, "--output", str(path),
                 stdout=StringIO())
    first = path.read_text(encoding="utf-8")

    with pytest.raises(CommandError, match="exists already"):
        call_command("import_partnership", str(path), stdout=StringIO())
    output = StringIO()
    call_command("import_partnership", str(path), "--replace", stdout=output)

    assert "Replaced the partnership wernigerode-hoi-an" in output.getvalue()
    assert Measure.objects.get().energy_saved_mwh_per_year == Decimal("12.50")
    call_command("export_partnership", partnership.slug, "--output", str(path),
                 stdout=StringIO())
    assert path.read_text(encoding="utf-8") == first


def test_the_import_command_names_the_file_and_the_problem(db, tmp_path: Path):
    path = tmp_path / "measures.xlsx"
    path.write_bytes(b"PK\x03\x04whatever")
    with pytest.raises(CommandError, match=r"measures\.xlsx: This is a zip file"):
        call_command("import_partnership", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_partnership", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="No partnership with the slug"):
        call_command("export_partnership", "nowhere", "--output", str(tmp_path / "x.json"))
