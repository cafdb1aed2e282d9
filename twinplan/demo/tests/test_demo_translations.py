"""The demo partnerships read in every interface language: each German text they show has a
current, human (never reviewed) translation in English, Serbian Cyrillic and Vietnamese, and
Serbian Latin is the transliterated Cyrillic.

The objects are found generically, not from a hand-made list: every row of every model that
inherits `TranslatableModel` and belongs to one of the two partnerships, so a model or a
seed step added later is checked too."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils.html import escape

from twinplan.core.models import PublishableModel, TranslatableModel
from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationState, translated, translation_state
from twinplan.core.transliteration import cyrillic_to_latin
from twinplan.demo.translations import (
    DEMO_PARTNERSHIPS,
    DEMO_TRANSLATIONS,
    demo_translation,
    demo_translations_apply,
)
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "sr", "vi")


@pytest.fixture
def seeded() -> None:
    call_command("seed_demo", stdout=StringIO())


# --- which rows belong to the demo partnerships ----------------------------------------


def _project_models() -> list[type[models.Model]]:
    """The project's own models, without the historical copies django-simple-history adds."""
    return [
        model for model in apps.get_models()
        if model.__module__.startswith("twinplan.")
        and not hasattr(model, "instance_type")  # simple_history's historical models
    ]


def _relations(model: type[models.Model]) -> list[models.Field]:
    """Forward foreign keys, one-to-ones and many-to-manys declared on the model."""
    return [
        field for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.ManyToManyField)
    ]


def _rows_of(model: type[models.Model], field: models.Field, pks: set) -> set:
    lookup = {f"{field.name}__in": pks}
    return set(model._default_manager.filter(**lookup).values_list("pk", flat=True))


def partnership_rows(slugs: tuple[str, ...] = DEMO_PARTNERSHIPS) -> dict[type, set]:
    """Primary keys, by model, of everything that belongs to the partnerships:

    - owned: the partnerships and whatever points to an owned row (programmes, measures,
      their progress, events, ideas, …), to any depth;
    - referenced: what an owned row points to (member municipalities, funding programme,
      initiator, organisations attached to measures or events);
    - and the rows of partnership-independent models that hang off a referenced row
      (a municipality's facts and organisations).
    """
    project = _project_models()
    owned: dict[type, set] = defaultdict(set)
    owned[Partnership] = set(
        Partnership.objects.filter(slug__in=slugs).values_list("pk", flat=True)
    )
    assert len(owned[Partnership]) == len(slugs), "the demo partnerships are missing"
    changed = True
    while changed:
        changed = False
        for model in project:
            for field in _relations(model):
                target = field.related_model
                if owned.get(target):
                    found = _rows_of(model, field, owned[target]) - owned[model]
                    if found:
                        owned[model] |= found
                        changed = True
    # Models that can belong to a partnership are those with a path to one; their rows not
    # owned by the demo partnerships belong to another partnership.
    scoped = {model for model, pks in owned.items() if pks}
    referenced: dict[type, set] = defaultdict(set)
    for model, pks in list(owned.items()):
        for field in _relations(model):
            values = model._default_manager.filter(pk__in=pks).exclude(
                **{f"{field.name}__isnull": True}
            ).values_list(field.name, flat=True)
            target = field.related_model
            if target not in scoped:
                referenced[target] |= set(values)
    rows: dict[type, set] = defaultdict(set)
    for source in (owned, referenced):
        for model, pks in source.items():
            rows[model] |= pks
    for model in project:
        if model in scoped or not issubclass(model, TranslatableModel):
            continue
        for field in _relations(model):
            if referenced.get(field.related_model):
                rows[model] |= _rows_of(model, field, referenced[field.related_model])
    return rows


def demo_texts() -> list[tuple[TranslatableModel, str, str]]:
    """(object, field, original) for every non-empty translatable field of every published
    translatable row of the demo partnerships."""
    found = []
    for model, pks in partnership_rows().items():
        if not issubclass(model, TranslatableModel) or not pks:
            continue
        for obj in model._default_manager.filter(pk__in=pks).order_by("pk"):
            if isinstance(obj, PublishableModel) and not obj.is_published:
                continue
            for field in obj.translatable_fields:
                original = getattr(obj, field) or ""
                if original.strip():
                    found.append((obj, field, original))
    return found


def _describe(obj: TranslatableModel, field: str) -> str:
    return f"{obj._meta.label}#{obj.pk}.{field}"


def untranslated_texts() -> list[str]:
    """What the table lacks, one line per text, naming it."""
    missing = {}
    for obj, field, original in demo_texts():
        if obj.original_language != "de":
            missing[original] = (f"{_describe(obj, field)} is written in "
                                  f"{obj.original_language!r}; the table holds German originals")
        elif demo_translation(original) is None:
            missing[original] = f"{_describe(obj, field)}: {original!r}"
    return sorted(missing.values())


# --- the tests --------------------------------------------------------------------------


def test_the_generic_walk_finds_every_kind_of_demo_object(seeded):
    labels = {obj._meta.label for obj, _field, _text in demo_texts()}
    assert {
        "partnerships.Partnership", "partnerships.FundingProgramme", "partnerships.Agreement",
        "partnerships.Award", "partnerships.Phase", "municipalities.MunicipalityFact",
        "programmes.ActionProgramme", "programmes.ProgrammeBaseline",
        "programmes.FieldOfAction", "programmes.Goal", "programmes.Measure",
        "programmes.ProgressEntry", "programmes.Challenge", "events.Event",
        "events.EventOutcome", "events.Idea",
    } <= labels


def test_every_german_demo_text_is_in_the_table(seeded):
    missing = untranslated_texts()
    assert not missing, (
        "German demo texts without a translation in twinplan/demo/translations.py:\n"
        + "\n".join(missing)
    )


def test_every_demo_text_has_a_current_human_translation_in_en_sr_and_vi(seeded):
    problems = []
    for obj, field, _original in demo_texts():
        for language in LANGUAGES:
            state = translation_state(obj, field, language)
            entry = obj.translations.get(language, {}).get(field, {})
            if state != TranslationState.CURRENT or entry.get("status") != "human":
                problems.append(f"{_describe(obj, field)} [{language}]: {state}, "
                                f"status {entry.get('status')!r}")
    assert not problems, "\n".join(problems)


def test_serbian_latin_reads_as_the_transliterated_cyrillic(seeded):
    texts = demo_texts()
    assert texts
    for obj, field, _original in texts:
        cyrillic = obj.translations.get("sr", {}).get(field, {}).get("text")
        assert cyrillic, f"no Serbian {field} for {getattr(obj, field)!r}"
        latin = translated(obj, field, "sr-latn")
        assert latin.text == cyrillic_to_latin(cyrillic)
        assert (latin.is_fallback, latin.is_outdated, latin.status) == (False, False, "human")
    partnership = Partnership.objects.get(slug="bersenbrueck-ruma")
    assert translated(partnership, "title", "sr-latn").text == (
        "Samtgemeinde Bersenbrück – Grad Ruma"
    )


def test_the_table_has_all_three_languages_for_every_text():
    for german, texts in DEMO_TRANSLATIONS.items():
        assert set(texts) == set(LANGUAGES), german
        assert all(text.strip() and text != german for text in texts.values()), german
        # Serbian is written in Cyrillic (Latin is derived), with Latin only in names.
        assert any("\u0400" <= char <= "\u04ff" for char in texts["sr"]), german


def test_the_vietnamese_page_shows_vietnamese_titles_without_a_german_fallback(client, seeded):
    page = client.get("/vi/partnerships/wernigerode-hoi-an/").text
    partnership = Partnership.objects.get(slug="wernigerode-hoi-an")
    titled = [partnership, partnership.funding_programme, *partnership.events.all(),
              *partnership.programmes.all(), *partnership.awards.all(),
              *Measure.objects.filter(programme__partnership=partnership)]
    for obj in titled:
        field = "title" if "title" in obj.translatable_fields else "name"
        vietnamese = obj.translations.get("vi", {}).get(field, {}).get("text")
        assert vietnamese, f"no Vietnamese {field} for {getattr(obj, field)!r}"
        assert escape(vietnamese) in page, vietnamese
        assert f'lang="de">{escape(getattr(obj, field))}' not in page, getattr(obj, field)
    assert "Quan hệ đối tác khí hậu Wernigerode – Hội An" in page
    # No demo text falls back to German, on the partnership page or its measure pages.
    pages = [page] + [
        client.get(f"/vi/partnerships/{partnership.slug}/measures/{measure.pk}/").text
        for measure in Measure.objects.filter(programme__partnership=partnership)
    ]
    for _obj, _field, original in demo_texts():
        for text in pages:
            assert f'lang="de">{escape(original)}' not in text, original
            assert f'lang="de"><p>{escape(original).splitlines()[0]}' not in text, original


def test_the_table_holds_no_text_the_demo_no_longer_shows(seeded):
    shown = {" ".join(original.split()) for _obj, _field, original in demo_texts()}
    stale = [german for german in DEMO_TRANSLATIONS if " ".join(german.split()) not in shown]
    assert not stale, "Remove or update these entries of the table:\n" + "\n".join(stale)


def test_applying_again_writes_nothing(seeded):
    assert demo_translations_apply() == 0


def test_a_reviewed_translation_is_never_touched(seeded):
    measure = Measure.objects.get(programme__partnership__slug="bersenbrueck-ruma", code="P1")
    translation_set(obj=measure, field="title", language="vi",
                    text="Thí điểm: Năng lượng sạch", status="reviewed")
    demo_translations_apply()
    measure.refresh_from_db()
    assert measure.translations["vi"]["title"] == {
        **measure.translations["vi"]["title"], "text": "Thí điểm: Năng lượng sạch",
        "status": "reviewed",
    }
    assert measure.translations["en"]["title"]["status"] == "human"


def test_a_missing_or_machine_translation_is_restored_but_a_persons_edit_is_kept(seeded):
    measure = Measure.objects.get(programme__partnership__slug="wernigerode-hoi-an", code="K1")
    translation_set(obj=measure, field="title", language="en", text="", status="human")
    translation_set(obj=measure, field="title", language="sr", text="Нешто друго",
                    status="machine")
    translation_set(obj=measure, field="title", language="vi", text="Bản dịch của chị Lan",
                    status="human")
    assert demo_translations_apply() == 2
    measure.refresh_from_db()
    assert measure.translations["en"]["title"]["text"] == (
        "Expert exchange on the energy efficiency of municipal buildings"
    )
    assert measure.translations["sr"]["title"]["status"] == "human"
    assert measure.translations["vi"]["title"]["text"] == "Bản dịch của chị Lan"


def test_a_new_german_text_missing_from_the_table_is_named(seeded):
    measure = Measure.objects.get(programme__partnership__slug="wernigerode-hoi-an", code="A1")
    measure.summary = "Ein Satz, den niemand übersetzt hat."
    measure.save()
    missing = untranslated_texts()
    assert len(missing) == 1
    assert "programmes.Measure" in missing[0]
    assert "Ein Satz, den niemand übersetzt hat." in missing[0]
    # and the apply step leaves it alone rather than guessing
    assert demo_translations_apply() == 0
    measure.refresh_from_db()
    assert "summary" not in measure.translations.get("vi", {})
