"""Serbian read in the other script is transliterated on the fly (docs/multilingual.md): it
has no fingerprint of its own, so it is never outdated by itself. Derived from the original
it is always current, however often the original changes; derived from a translation it
is exactly as current as that translation."""

from __future__ import annotations

import pytest

from twinplan.core.services import translation_set
from twinplan.core.translation import (
    TranslationState,
    TranslationStatus,
    translated,
    translation_state,
)
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

# (original language, its text, the other script, the text read in it, after an edit)
ORIGINALS = [
    ("sr", "Соларна школа", "sr-latn", "Solarna škola", "Соларна школа у Руми",
     "Solarna škola u Rumi"),
    ("sr-latn", "Solarna škola", "sr", "Соларна школа", "Solarna škola u Rumi",
     "Соларна школа у Руми"),
]


def edit_original(measure, title):
    measure.title = title
    measure.save(update_fields=["title"])
    measure.refresh_from_db()


@pytest.mark.parametrize(("original", "text", "other", "read", "edited", "read_edited"),
                         ORIGINALS, ids=["cyrillic original", "latin original"])
def test_the_other_script_of_the_original_is_never_outdated(original, text, other, read,
                                                             edited, read_edited):
    measure = MeasureFactory(title=text, original_language=original)
    derived = translated(measure, "title", other)
    assert (derived.text, derived.is_derived, derived.is_outdated) == (read, True, False)
    assert translation_state(measure, "title", other) == TranslationState.CURRENT

    edit_original(measure, edited)

    derived = translated(measure, "title", other)
    assert (derived.text, derived.is_derived, derived.is_outdated) == (read_edited, True, False)
    assert translation_state(measure, "title", other) == TranslationState.CURRENT


# (the translation's language and text, the other script, the text read in it)
TRANSLATIONS = [
    ("sr", "Чиста енергија", "sr-latn", "Čista energija"),
    ("sr-latn", "Čista energija", "sr", "Чиста енергија"),
]


@pytest.mark.parametrize(("language", "text", "other", "read"), TRANSLATIONS,
                         ids=["from cyrillic", "from latin"])
def test_the_other_script_of_a_current_translation_is_current(language, text, other, read):
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language=language, text=text,
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    derived = translated(measure, "title", other)
    assert (derived.text, derived.is_derived, derived.is_outdated) == (read, True, False)
    assert translation_state(measure, "title", other) == TranslationState.CURRENT


@pytest.mark.parametrize(("language", "text", "other", "read"), TRANSLATIONS,
                         ids=["from cyrillic", "from latin"])
def test_the_other_script_of_an_outdated_translation_is_outdated_with_it(language, text,
                                                                         other, read):
    """The one way a derived text is outdated: its source translation is."""
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language=language, text=text,
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()

    edit_original(measure, "Saubere Energie für alle")

    assert translation_state(measure, "title", language) == TranslationState.OUTDATED
    derived = translated(measure, "title", other)
    assert (derived.text, derived.is_outdated) == (read, True)
    assert translation_state(measure, "title", other) == TranslationState.OUTDATED


@pytest.mark.parametrize(("language", "text", "other", "read"), TRANSLATIONS,
                         ids=["from cyrillic", "from latin"])
def test_translating_again_makes_the_other_script_current_again(language, text, other, read):
    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language=language, text=text,
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    edit_original(measure, "Saubere Energie für alle")
    translation_set(obj=measure, field="title", language=language, text=text,
                    status=TranslationStatus.HUMAN)
    measure.refresh_from_db()
    assert not translated(measure, "title", other).is_outdated
    assert translation_state(measure, "title", other) == TranslationState.CURRENT


def test_the_translation_workspace_lists_the_other_script_of_an_edited_original_as_current():
    from twinplan.partnerships.tests.factories import PartnershipFactory
    from twinplan.programmes.tests.factories import ActionProgrammeFactory
    from twinplan.workspace.translations import OPEN_STATES, translation_rows

    partnership = PartnershipFactory(working_languages=["sr", "sr-latn"])
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Соларна школа", original_language="sr")
    edit_original(measure, "Соларна школа у Руми")

    rows = [row for row in translation_rows(partnership, "sr-latn") if row.obj == measure
            and row.field == "title"]
    assert [row.text.text for row in rows] == ["Solarna škola u Rumi"]
    assert rows[0].state not in OPEN_STATES  # nothing to do: neither outdated nor missing


def _as_translated_says(measure, language):
    """The workspace's state as `translated` shows the text (what `translation_status`
    works out without making the text)."""
    text = translated(measure, "title", language)
    if text.is_original:
        return "missing"
    return "outdated" if text.is_outdated else text.status or "human"


@pytest.mark.parametrize(("translated_into", "status", "edited", "asked", "expected"), [
    (None, None, False, "vi", "missing"),
    ("vi", TranslationStatus.MACHINE, False, "vi", "machine"),
    ("vi", TranslationStatus.HUMAN, False, "vi", "human"),
    ("vi", TranslationStatus.REVIEWED, False, "vi", "reviewed"),
    ("vi", TranslationStatus.REVIEWED, True, "vi", "outdated"),
    ("sr-latn", TranslationStatus.REVIEWED, False, "sr", "machine"),  # Latin → Cyrillic
    ("sr", TranslationStatus.REVIEWED, False, "sr-latn", "reviewed"),  # exact, keeps it
    ("sr", TranslationStatus.HUMAN, True, "sr-latn", "outdated"),
    ("sr", TranslationStatus.HUMAN, False, "vi", "missing"),
])
def test_translation_status_is_the_state_translated_shows(translated_into, status, edited,
                                                          asked, expected):
    from twinplan.core.translation import translation_status

    measure = MeasureFactory(title="Saubere Energie", original_language="de")
    if translated_into:
        translation_set(obj=measure, field="title", language=translated_into,
                        text="Čista energija" if translated_into == "sr-latn"
                        else "Чиста енергија" if translated_into == "sr" else "Năng lượng",
                        status=status)
        measure.refresh_from_db()
    if edited:
        edit_original(measure, "Saubere Energie für alle")
    assert translation_status(measure, "title", asked) == expected
    assert _as_translated_says(measure, asked) == expected


def test_the_translation_workspace_reads_serbian_from_the_other_scripts_translation():
    """A text translated into Cyrillic Serbian only is not missing in Latin Serbian."""
    from twinplan.partnerships.tests.factories import PartnershipFactory
    from twinplan.programmes.tests.factories import ActionProgrammeFactory
    from twinplan.workspace.translations import translation_rows

    partnership = PartnershipFactory(working_languages=["de", "sr-latn"])
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="sr", text="Чиста енергија",
                    status=TranslationStatus.HUMAN)

    rows = [row for row in translation_rows(partnership, "sr-latn") if row.obj == measure
            and row.field == "title"]
    assert [(row.state, row.text.text) for row in rows] == [("human", "Čista energija")]
