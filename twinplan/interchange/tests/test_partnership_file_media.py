"""The partnership file carries photos and documents with their files, the towns' climate
risks and the measures' adaptations, and reads files of format version 1."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pytest
from django.core.files.storage import default_storage

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation
from twinplan.adaptation.tests.factories import (
    AdaptationEffectFactory,
    ClimateRiskFactory,
    MeasureAdaptationFactory,
)
from twinplan.core.languages import content_language_codes, forget_content_languages
from twinplan.core.models import ContentLanguage
from twinplan.core.services import content_language_add
from twinplan.events.tests.factories import EventFactory
from twinplan.interchange.partnership_file import (
    PartnershipFileError,
    partnership_document,
    partnership_file,
    partnership_import,
)
from twinplan.media.models import MediaItem
from twinplan.media.tests.factories import image_bytes, media_item, pdf_bytes
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Agreement, Partnership
from twinplan.programmes.models import MeasureComment, ProgrammeAdoption
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def _stored(item: MediaItem) -> list[str]:
    return [item.file.name, *item.renditions.values()]


def _all_stored() -> set[str]:
    return {name for item in MediaItem.objects.all() for name in _stored(item)}


@pytest.fixture
def owned(partnership, wernigerode, hoi_an):
    """A partnership with a photo of an event, a cover picture with transparency, the
    signed agreement as PDF, climate risks of both towns and an adapted measure."""
    event = EventFactory(partnership=partnership, title="Pflanzfest")
    agreement = Agreement.objects.create(partnership=partnership, kind="friendship",
                                         title="Freundschaftsvertrag", original_language="de")
    photo = media_item(partnership, attached_to=event, caption="Baumpflanzung",
                       translations={"vi": {"caption": {"text": "Trồng cây",
                                                        "status": "human",
                                                        "source_fingerprint": "abc"}}})
    cover = media_item(partnership, data=image_bytes("PNG", size=(800, 500), mode="RGBA"),
                       is_cover=True, caption="Titelbild")
    document = media_item(partnership, attached_to=agreement, data=pdf_bytes())
    flood = ClimateRiskFactory(municipality=hoi_an, hazard="floods")
    ClimateRiskFactory(municipality=wernigerode, hazard="droughts")
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             code="A1", lead_municipality=hoi_an)
    MeasureAdaptationFactory(measure=measure, risks=[flood])
    AdaptationEffectFactory(measure=measure, risk=flood)
    return {"photo": photo, "cover": cover, "document": document}


def _files() -> set[str]:
    """Every file under media/ in the storage."""
    if not default_storage.exists("media"):
        return set()
    return {
        f"media/{folder}/{name}"
        for folder in default_storage.listdir("media")[0]
        for name in default_storage.listdir(f"media/{folder}")[1]
    }


def _wipe() -> None:
    for item in MediaItem.objects.all():
        for name in _stored(item):
            default_storage.delete(name)
    Partnership.objects.all().delete()
    Municipality.objects.all().delete()


def test_media_risks_and_adaptations_survive_the_round_trip_byte_for_byte(owned):
    files = {key: item.file.read() for key, item in owned.items()}
    text = partnership_file(Partnership.objects.get())
    document = json.loads(text)
    assert document["format_version"] == 2
    assert len(document["media"]) == 3
    assert "key" not in document["media"][0]
    assert "renditions" not in document["media"][0]
    assert {risk["hazard"] for town in document["towns"] for risk in town["climate_risks"]} \
        == {"floods", "droughts"}
    assert document["measure_adaptations"][0]["risks"][0].endswith("/floods")
    _wipe()
    assert not ClimateRisk.objects.exists()

    summary = partnership_import(text, by=None)

    assert summary.created["media"] == 3
    assert partnership_file(summary.partnership) == text
    items = {item.caption: item for item in MediaItem.objects.all()}
    # The print files are the exported ones, byte for byte; renditions made again.
    assert items["Baumpflanzung"].file.read() == files["photo"]
    assert items["Titelbild"].file.read() == files["cover"]
    assert items["Vertrag"].file.read() == files["document"]
    assert items["Baumpflanzung"].renditions
    assert items["Titelbild"].is_cover
    assert all(default_storage.exists(name) for name in _stored(items["Baumpflanzung"]))
    assert items["Baumpflanzung"].translations["vi"]["caption"]["status"] == "human"
    assert items["Vertrag"].agreement.title == "Freundschaftsvertrag"
    adaptation = MeasureAdaptation.objects.get()
    assert [risk.hazard for risk in adaptation.risks.all()] == ["floods"]
    assert AdaptationEffect.objects.get().risk.municipality.name == "Hội An"


def test_a_linked_town_keeps_its_risks_and_gains_only_the_missing_ones(owned, hoi_an):
    text = partnership_file(Partnership.objects.get())
    Partnership.objects.all().delete()
    ClimateRisk.objects.filter(municipality=hoi_an).update(description="Eigene Bewertung")
    ClimateRisk.objects.filter(hazard="droughts").delete()

    partnership_import(text, by=None)

    assert ClimateRisk.objects.get(municipality=hoi_an).description == "Eigene Bewertung"
    assert ClimateRisk.objects.filter(hazard="droughts").count() == 1
    assert MeasureAdaptation.objects.get().risks.get().municipality == hoi_an


def _with_content(content: bytes) -> Any:
    def change(row: dict[str, Any]) -> None:
        row["file"] = {"name": "file.jpg", "sha256": hashlib.sha256(content).hexdigest(),
                       "base64": base64.b64encode(content).decode()}
    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda row: row.pop("file"), r"media:3, field file: the file is missing"),
        (lambda row: row["file"].update(base64="not base64!"), "not valid base64"),
        (lambda row: row["file"].update(sha256="0" * 64), "does not match its SHA-256"),
        (_with_content(b"GIF89a not a picture we take"),
         "media:3: file: This file is not a picture"),
        (lambda row: row.update(alt_text=""), "media:3: alt_text: Describe what the picture"),
        (lambda row: row.update(event="events:9"), "media:3, field event: refers to"),
    ],
)
def test_a_bad_file_in_the_partnership_file_is_refused_and_nothing_stays(
    owned, change, message
):
    document = json.loads(partnership_file(Partnership.objects.get()))
    # The photo moves last, so that the other two were stored before it is refused.
    document["media"].append(document["media"].pop(0))
    change(document["media"][-1])
    broken = json.dumps(document)
    _wipe()
    before = _files()

    with pytest.raises(PartnershipFileError, match=message):
        partnership_import(broken, by=None)

    assert not Partnership.objects.exists()
    assert not MediaItem.objects.exists()
    assert not Municipality.objects.exists()
    # No file of the items written before the bad one is left in the storage.
    assert _files() == before


def test_a_file_of_format_version_1_still_imports(partnership):
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership), code="M1")
    document = partnership_document(partnership)
    for section in ("media", "measure_adaptations", "adaptation_effects"):
        assert document.pop(section) == []
    for town in document["towns"]:
        town.pop("climate_risks")
    document["format_version"] = 1
    Partnership.objects.all().delete()

    summary = partnership_import(json.dumps(document), by=None)

    assert summary.partnership.slug == "wernigerode-hoi-an"
    assert summary.created["media"] == 0
    assert summary.partnership.programmes.get().measures.get().code == "M1"


def test_replacing_a_partnership_removes_its_old_media_files(
    owned, django_capture_on_commit_callbacks
):
    old = _all_stored()
    text = partnership_file(Partnership.objects.get())

    with django_capture_on_commit_callbacks(execute=True):
        partnership_import(text, by=None, replace=True)

    assert not [name for name in old if default_storage.exists(name)]
    assert all(default_storage.exists(name) for name in _all_stored())
    assert MediaItem.objects.count() == 3


def test_the_added_content_languages_the_texts_use_travel_with_them(partnership):
    content_language_add(by=None, code="es")
    content_language_add(by=None, code="fr")  # not used by the partnership: stays home
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             code="M1")
    measure.translations = {"es": {"title": {"text": "Tejado solar", "status": "human",
                                             "source_fingerprint": "abc"}}}
    measure.save()
    text = partnership_file(partnership)
    assert [row["code"] for row in json.loads(text)["content_languages"]] == ["es"]
    Partnership.objects.all().delete()
    ContentLanguage.objects.all().delete()
    forget_content_languages()

    summary = partnership_import(text, by=None)

    assert "es" in content_language_codes()
    assert "fr" not in content_language_codes()
    assert partnership_file(summary.partnership) == text


def test_a_content_language_this_installation_cannot_add_is_refused(partnership):
    document = partnership_document(partnership)
    document["content_languages"] = [{"code": "xx-nonsense", "name": "", "script": "",
                                      "direction": ""}]
    Partnership.objects.all().delete()

    with pytest.raises(PartnershipFileError, match="content_languages:1: code: "):
        partnership_import(json.dumps(document), by=None)

    assert not Partnership.objects.exists()
    assert "xx-nonsense" not in content_language_codes()


def test_adoptions_and_comments_travel_and_a_partnership_with_them_can_be_replaced(
    partnership, wernigerode, alice
):
    programme = ActionProgrammeFactory(partnership=partnership)
    resolution = Agreement.objects.create(
        partnership=partnership, kind="council_resolution", title="Ratsbeschluss",
        original_language="de",
    )
    ProgrammeAdoption.objects.create(programme=programme, municipality=wernigerode,
                                     body="Stadtrat Wernigerode", adopted_on="2025-03-04",
                                     resolution=resolution)
    measure = MeasureFactory(programme=programme, code="M1")
    MeasureComment.objects.create(measure=measure, text="Bitte Kosten prüfen.",
                                  author=alice, municipality=wernigerode,
                                  original_language="de")
    text = partnership_file(partnership)
    document = json.loads(text)
    assert document["programme_adoptions"][0]["resolution"] == "agreements:1"
    assert document["measure_comments"][0]["author"].startswith("users:")

    summary = partnership_import(text, by=None, replace=True)

    adoption = ProgrammeAdoption.objects.get()
    assert adoption.programme.partnership == summary.partnership
    assert adoption.resolution.title == "Ratsbeschluss"
    assert MeasureComment.objects.get().author == alice
    assert partnership_file(summary.partnership) == text
