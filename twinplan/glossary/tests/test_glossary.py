"""Glossary terms: validation, translations, and reading a partnership's glossary."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from twinplan.core.translation import TranslationState, TranslationStatus, translation_state
from twinplan.glossary.models import GlossaryTerm
from twinplan.glossary.selectors import glossary_for, terms_in_text
from twinplan.glossary.services import (
    glossary_key_for,
    glossary_term_create,
    glossary_term_translate,
)
from twinplan.glossary.tests.factories import GlossaryTermFactory
from twinplan.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def ressource(partnership=None, **fields) -> GlossaryTerm:
    term = glossary_term_create(
        partnership=partnership, by=None, key="ressource", term="Ressource", forms="Ressourcen",
        definition="Alle Mittel, die in die Produktion einfließen.", original_language="de",
        **fields,
    )
    return glossary_term_translate(
        glossary_term=term, language="en", term="Resource", forms="resources",
        definition="All means that go into production.",
    )


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- validation --------------------------------------------------------------------------


def test_forms_must_be_whole_words():
    with pytest.raises(ValidationError) as error:
        glossary_term_create(partnership=None, by=None, key="n", term="Nachhaltigkeit",
                             forms="Nachhaltigkeits-\nNachhaltigkeit", definition="…",
                             original_language="de")
    assert "“Nachhaltigkeits-”" in messages(error.value)
    assert "forms" in error.value.message_dict
    assert not GlossaryTerm.objects.exists()


def test_a_term_needs_a_definition():
    with pytest.raises(ValidationError) as error:
        glossary_term_create(partnership=None, by=None,
                             key="n", term="Nachhaltigkeit", definition="",
                             original_language="de")
    assert "definition" in error.value.message_dict


def test_a_term_named_in_a_language_needs_its_definition_there():
    term = ressource()
    with pytest.raises(ValidationError) as error:
        glossary_term_translate(glossary_term=term, language="vi", term="Tài nguyên",
                                definition="")
    assert "Tiếng Việt" in messages(error.value)
    term.refresh_from_db()
    assert "vi" not in term.translations


def test_translated_forms_must_be_whole_words():
    term = ressource()
    with pytest.raises(ValidationError) as error:
        glossary_term_translate(glossary_term=term, language="vi", term="Tài nguyên",
                                forms="nguồn lực,", definition="…")
    assert "“nguồn lực,”" in messages(error.value)


def test_two_terms_of_one_scope_may_not_share_a_form_in_a_language():
    ressource()
    with pytest.raises(ValidationError) as error:
        glossary_term_create(partnership=None, by=None, key="mittel", term="Mittel",
                             forms="ressourcen", definition="…", original_language="de")
    assert "“ressourcen” is already a form of the term “Ressource”" in messages(error.value)
    # The same form in another language is another word.
    glossary_term_create(partnership=None, by=None, key="mittel", term="Mittel", definition="…",
                         original_language="de")
    mittel = GlossaryTerm.objects.get(key="mittel")
    with pytest.raises(ValidationError, match="English"):
        glossary_term_translate(glossary_term=mittel, language="en", term="Resources",
                                definition="…")


def test_a_partnership_may_have_its_own_term_with_a_global_key_and_form():
    ressource()
    own = ressource(partnership=PartnershipFactory())
    assert own.partnership is not None


def test_keys_are_unique_per_scope():
    ressource()
    with pytest.raises(ValidationError, match="global term with this key"):
        glossary_term_create(partnership=None, by=None, key="ressource", term="Rohstoff",
                             definition="…", original_language="de")
    partnership = PartnershipFactory()
    ressource(partnership=partnership)
    with pytest.raises(ValidationError, match="already has a term with this key"):
        glossary_term_create(partnership=partnership, by=None, key="ressource", term="Rohstoff",
                             definition="…", original_language="de")


def test_keys_derived_from_terms():
    assert glossary_key_for("Handlungsprogramm") == "handlungsprogramm"
    assert glossary_key_for("Tài nguyên") == "tai-nguyen"
    assert glossary_key_for("Одрживост") == "odrzivost"


# --- translations ------------------------------------------------------------------------


def test_serbian_latin_forms_are_derived_from_cyrillic():
    term = ressource()
    glossary_term_translate(glossary_term=term, language="sr", term="Ресурс",
                            forms="ресурси\nресурса", definition="Сва средства.")
    assert term.forms_in("sr") == ["Ресурс", "ресурси", "ресурса"]
    assert term.forms_in("sr-latn") == ["Resurs", "resursi", "resursa"]
    assert term.forms_in("vi") == []  # no Vietnamese entry: nothing to find in Vietnamese


def test_a_translation_turns_outdated_when_the_german_definition_changes():
    term = ressource()
    assert translation_state(term, "definition", "en") == TranslationState.CURRENT
    glossary_term_translate(glossary_term=term, language="de", term="Ressource",
                            forms="Ressourcen", definition="Mittel und Quellen.")
    assert translation_state(term, "definition", "en") == TranslationState.OUTDATED
    # The unchanged term name keeps its fingerprint too: outdated only where the original moved.
    assert translation_state(term, "term", "en") == TranslationState.CURRENT


def test_the_translation_workspace_can_save_field_by_field_in_field_order():
    from twinplan.core.services import translation_set

    term = ressource()
    for field, text in [("definition", "Mọi phương tiện."), ("term", "Tài nguyên"),
                        ("forms", "nguồn lực")]:
        assert field in term.translatable_fields
        translation_set(obj=term, field=field, language="vi", text=text,
                        status=TranslationStatus.HUMAN)
    assert term.forms_in("vi") == ["Tài nguyên", "nguồn lực"]


# --- reading -----------------------------------------------------------------------------


def test_the_glossary_of_a_partnership_is_its_terms_and_the_global_ones_in_one_query():
    partnership = PartnershipFactory()
    GlossaryTermFactory.create_batch(3)
    GlossaryTermFactory.create_batch(2, partnership=partnership)
    GlossaryTermFactory(partnership=PartnershipFactory())  # another partnership's
    with CaptureQueriesContext(connection) as queries:
        glossary = glossary_for(partnership, "en")
        list(glossary)
        glossary.find("Begriff0 Begriff3", "de")
    assert len(queries) == 1
    assert len(glossary) == 5


def test_the_partnerships_own_term_wins_a_clash():
    ressource()
    # The same key: the own term replaces the global one.
    replacing = PartnershipFactory()
    glossary_term_create(partnership=replacing, by=None, key="ressource", term="Ressource",
                         forms="Ressourcen", definition="Was wir einsetzen.",
                         original_language="de")
    glossary = glossary_for(replacing, "de")
    assert len(glossary) == 1
    assert glossary.entry("ressource").definition == "Was wir einsetzen."
    assert glossary.entry("ressource").is_global is False
    # Another key with a form of the global term: the own term wins the form.
    sharing = PartnershipFactory()
    glossary_term_create(partnership=sharing, by=None, key="mittel", term="Mittel",
                         forms="Ressourcen", definition="Geld und Zeit.",
                         original_language="de")
    glossary = glossary_for(sharing, "de")
    assert [span.key for span in glossary.find("Ressource, Ressourcen, Mittel", "de")] == [
        "ressource", "mittel", "mittel"
    ]


def test_an_entry_falls_back_to_the_original_and_says_so():
    ressource()
    glossary = glossary_for(None, "vi")
    entry = glossary.entry("ressource")
    assert (entry.language, entry.is_fallback) == ("de", True)
    assert entry.term == "Ressource"
    english = glossary.entry("ressource", "en")
    assert (english.language, english.is_fallback, english.definition) == (
        "en", False, "All means that go into production."
    )


def test_terms_in_text_for_the_translation_workspace():
    ressource()
    glossary_term_create(partnership=None, by=None, key="nachhaltigkeit", term="Nachhaltigkeit",
                         definition="Entwicklung mit Blick auf die Folgen.",
                         original_language="de")
    glossary = glossary_for(None, "en")
    found = terms_in_text(
        "Ressourcen für Nachhaltigkeit und den Nachhaltigkeitspreis; eine Ressource.", "de",
        glossary,
    )
    assert [(f.key, f.occurrences) for f in found] == [
        ("ressource", ("Ressourcen", "Ressource")),
        ("nachhaltigkeit", ("Nachhaltigkeit",)),
    ]
    assert found[0].in_text_language.definition.startswith("Alle Mittel")
    assert found[0].in_reader_language.definition == "All means that go into production."
    assert found[1].in_reader_language.is_fallback
