import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from twinplan.core.services import translation_set
from twinplan.core.translation import (
    TranslationState,
    TranslationStatus,
    fingerprint,
    translated,
    translation_state,
)
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_reading_in_the_original_language_gives_the_original():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    text = translated(measure, "title", "de")
    assert (text.text, text.language, text.is_original, text.is_fallback) == (
        "Saubere Energie", "de", True, False,
    )


def test_a_missing_translation_falls_back_to_the_original_with_its_language():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    text = translated(measure, "title", "vi")
    assert text.text == "Saubere Energie"
    assert text.language == "de"
    assert text.is_fallback
    assert text.differs_from_page


def test_a_translation_is_read_with_its_status():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="vi", text="Năng lượng sạch",
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    text = translated(measure, "title", "vi")
    assert (text.text, text.language, text.status, text.is_outdated) == (
        "Năng lượng sạch", "vi", "human", False,
    )
    assert translation_state(measure, "title", "vi") == TranslationState.CURRENT


def test_changing_the_original_marks_the_translation_outdated():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="vi", text="Năng lượng sạch",
                    status=TranslationStatus.REVIEWED)
    translation_set(obj=measure, field="title", language="de", text="Saubere, bezahlbare Energie",
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    assert measure.title == "Saubere, bezahlbare Energie"
    assert translated(measure, "title", "vi").is_outdated
    assert translation_state(measure, "title", "vi") == TranslationState.OUTDATED


def test_whitespace_changes_do_not_outdate_a_translation():
    assert fingerprint("Saubere  Energie\n") == fingerprint("Saubere Energie")
    assert fingerprint("Saubere Energie") != fingerprint("Saubere Energien")


def test_an_empty_translation_removes_it():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="en", text="Clean energy",
                    status=TranslationStatus.HUMAN)
    translation_set(obj=measure, field="title", language="en", text="  ",
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    assert measure.translations == {}
    assert translation_state(measure, "title", "en") == TranslationState.MISSING


@pytest.mark.parametrize(
    ("field", "language", "status", "message"),
    [
        ("code", "en", "human", "not a translatable field"),
        ("title", "xx", "human", "not a content language"),
        ("title", "en", "perfect", "Unknown translation status"),
    ],
)
def test_bad_translations_are_refused_and_change_nothing(field, language, status, message):
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    with pytest.raises(ValidationError, match=message):
        translation_set(obj=measure, field=field, language=language, text="x", status=status)
    measure.refresh_from_db()
    assert measure.translations == {}


def test_a_new_content_language_needs_no_schema_change(settings):
    settings.CONTENT_LANGUAGES = [*settings.CONTENT_LANGUAGES, ("es", "Español")]
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="es", text="Energía limpia",
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    assert translated(measure, "title", "es").text == "Energía limpia"


def test_the_tr_tag_marks_a_fallback_with_lang_and_escapes():
    measure = MeasureFactory(title="Bäume & <Wald>", original_language="de")
    template = Template('{% load twinplan %}{% tr measure "title" %}')
    with translation.override("en"):
        html = template.render(Context({"measure": measure}))
    assert html == '<span lang="de">Bäume &amp; &lt;Wald&gt;</span>'
    with translation.override("de"):
        assert template.render(Context({"measure": measure})) == "Bäume &amp; &lt;Wald&gt;"


def test_serbian_latin_is_derived_from_cyrillic_and_keeps_its_status():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="sr", text="Чиста енергија",
                    status=TranslationStatus.REVIEWED)
    measure.refresh_from_db()
    latin = translated(measure, "title", "sr-latn")
    assert (latin.text, latin.language, latin.status, latin.is_derived) == (
        "Čista energija", "sr-latn", "reviewed", True,
    )
    assert translation_state(measure, "title", "sr-latn") == TranslationState.CURRENT


def test_serbian_cyrillic_derived_from_latin_stays_machine_until_reviewed():
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="sr-latn", text="Čista energija",
                    status=TranslationStatus.REVIEWED)
    measure.refresh_from_db()
    cyrillic = translated(measure, "title", "sr")
    assert (cyrillic.text, cyrillic.status) == ("Чиста енергија", "machine")
    translation_set(obj=measure, field="title", language="sr", text="Чиста енергија",
                    status=TranslationStatus.REVIEWED)
    measure.refresh_from_db()
    assert translated(measure, "title", "sr").status == "reviewed"


def test_a_cyrillic_original_reads_in_latin():
    measure = MeasureFactory(title="Соларна школа", original_language="sr")
    latin = translated(measure, "title", "sr-latn")
    assert (latin.text, latin.is_fallback) == ("Solarna škola", False)
