"""Whole-word matching of glossary forms, without a database."""

from __future__ import annotations

import ast
import html
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from twinplan.glossary import matching
from twinplan.glossary.matching import (
    Matcher,
    Span,
    continues_word,
    is_whole_word_form,
    mark_up,
)

GLOSSARY = Matcher([
    ("nachhaltigkeit", ["Nachhaltigkeit"]),
    ("ressource", ["Ressource", "Ressourcen"]),
    ("handlungsprogramm", ["Handlungsprogramm", "Handlungsprogramms", "Handlungsprogramme"]),
    ("agenda", ["Agenda"]),
    ("agenda-2030", ["Agenda 2030"]),
    ("ben-vung", ["bền vững", "phát triển bền vững"]),
])


def found(text: str, matcher: Matcher = GLOSSARY) -> list[tuple[str, str]]:
    return [(span.key, text[span.start:span.end]) for span in matcher.find(text)]


def test_the_seed_articles_compound_is_not_the_term():
    # What substring matching did in the seed article: the definition spliced into the prize.
    assert found("den deutschen Nachhaltigkeitspreis ausgezeichnet") == []
    assert found("nach dem Gewinn des Nachhaltigkeitspreises weiter?") == []
    assert found("NACHHALTIGKEITSPREIS 2018") == []


def test_the_term_itself_is_found_as_a_whole_word():
    assert found("Spitzenleistungen der Nachhaltigkeit in Wirtschaft") == [
        ("nachhaltigkeit", "Nachhaltigkeit")
    ]
    assert found("„Nachhaltigkeit“, (Nachhaltigkeit)! Nachhaltigkeit.") == [
        ("nachhaltigkeit", "Nachhaltigkeit")
    ] * 3


def test_a_hyphen_makes_a_compound():
    assert found("Nachhaltigkeits- und Klimaziele") == []
    assert found("Nachhaltigkeit-Strategie und Klima-Nachhaltigkeit") == []
    assert found("E-Ressource") == []


def test_inflections_match_only_when_listed():
    assert found("zugeteilten Ressourcen für den Klimaschutz") == [("ressource", "Ressourcen")]
    assert found("des Handlungsprogramms und die Handlungsprogramme") == [
        ("handlungsprogramm", "Handlungsprogramms"),
        ("handlungsprogramm", "Handlungsprogramme"),
    ]
    assert found("den Handlungsprogrammen") == []  # not listed


def test_case_is_ignored():
    assert found("HANDLUNGSPROGRAMM") == [("handlungsprogramm", "HANDLUNGSPROGRAMM")]
    assert found("ressourcen") == [("ressource", "ressourcen")]


def test_the_longest_form_wins_and_matches_do_not_overlap():
    assert found("die Agenda 2030 und die Agenda") == [
        ("agenda-2030", "Agenda 2030"), ("agenda", "Agenda")
    ]
    assert found("Agenda 20301") == [("agenda", "Agenda")]
    assert found("phát triển bền vững") == [("ben-vung", "phát triển bền vững")]


def test_whitespace_inside_a_form_matches_any_whitespace():
    assert found("phát triển\nbền  vững") == [("ben-vung", "phát triển\nbền  vững")]


def test_decomposed_vietnamese_is_found_too():
    text = unicodedata.normalize("NFD", "sự bền vững, bền vữngx")
    assert [key for key, _ in found(text)] == ["ben-vung"]


def test_a_later_term_wins_a_form_both_list():
    matcher = Matcher([("global", ["Ressource"]), ("own", ["Ressource"])])
    assert found("Ressource", matcher) == [("own", "Ressource")]


def test_forms_that_are_not_whole_words_are_ignored():
    assert not Matcher([("x", ["Nachhaltigkeits-", " ", ""])])
    assert found("Nachhaltigkeits-", Matcher([("x", ["Nachhaltigkeits-"])])) == []


def test_whole_word_forms():
    assert is_whole_word_form("Ressourcen")
    assert is_whole_word_form("E-Mobilität")
    assert is_whole_word_form("Agenda 2030")
    assert is_whole_word_form("tài nguyên")
    assert not is_whole_word_form("Nachhaltigkeits-")
    assert not is_whole_word_form(" Ressource")
    assert not is_whole_word_form("„Ressource“")
    assert not is_whole_word_form("")


def test_mark_up_escapes_and_wraps():
    text = "<b>Ressourcen</b> & Nachhaltigkeit"
    marked = mark_up(text, GLOSSARY.find(text), lambda span, m: f"[{html.escape(m)}]")
    assert marked == "&lt;b&gt;[Ressourcen]&lt;/b&gt; &amp; [Nachhaltigkeit]"


def test_the_module_imports_nothing_from_django_or_the_project():
    tree = ast.parse(Path(matching.__file__).read_text(encoding="utf-8"))
    imported = {
        name.split(".")[0]
        for node in ast.walk(tree)
        for name in (
            [alias.name for alias in node.names] if isinstance(node, ast.Import)
            else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        )
    }
    assert imported <= {"__future__", "html", "re", "unicodedata", "collections", "dataclasses"}


# --- properties ------------------------------------------------------------------------

LETTERS = "aäbcdeéfoöpsßuüzẞAÄÖÜЖжđĐệ"
SEPARATORS = " \n-.,;:!?„“\"'()<>&/"
forms = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=6), min_size=1, max_size=5)
texts = st.text(alphabet=LETTERS + SEPARATORS + "0123456789", max_size=80)


def _matcher(form_list: list[str]) -> Matcher:
    return Matcher((f"k{index}", [form]) for index, form in enumerate(form_list))


@settings(deadline=None)
@given(forms, texts)
def test_a_match_never_starts_or_ends_inside_a_word(form_list, text):
    for span in _matcher(form_list).find(text):
        assert span.start == 0 or not continues_word(text[span.start - 1])
        assert span.end == len(text) or not continues_word(text[span.end])
        assert not continues_word(text[span.start]) or text[span.start].isalnum()


@settings(deadline=None)
@given(forms, texts)
def test_matches_are_listed_forms_in_order_without_overlap(form_list, text):
    listed = {form.lower() for form in form_list}
    position = 0
    for span in _matcher(form_list).find(text):
        assert span.start >= position
        assert text[span.start:span.end].lower() in listed or any(
            unicodedata.normalize("NFC", text[span.start:span.end]).lower() == form
            for form in listed
        )
        position = span.end


@settings(deadline=None)
@given(forms, texts)
def test_a_text_without_any_form_gives_no_match(form_list, text):
    folded = text.lower()
    if any(form.lower() in folded for form in form_list):
        text = re.sub("|".join(re.escape(f) for f in form_list), "0", text, flags=re.IGNORECASE)
    if not any(form.lower() in text.lower() for form in form_list):
        assert _matcher(form_list).find(text) == []


@settings(deadline=None)
@given(forms, texts)
def test_marked_up_text_without_its_tags_is_the_escaped_text(form_list, text):
    spans = _matcher(form_list).find(text)
    marked = mark_up(
        text, spans, lambda span, matched: f'<mark id="{span.key}">{html.escape(matched)}</mark>'
    )
    assert re.sub(r"</?mark[^>]*>", "", marked) == html.escape(text)


@settings(deadline=None)
@given(st.text(alphabet=LETTERS, min_size=1, max_size=6), texts, texts)
def test_a_form_between_spaces_is_always_found(form, before, after):
    text = f"{before} {form} {after}"
    start = len(before) + 1
    assert Span(start, start + len(form), "k") in Matcher([("k", [form])]).find(text)
