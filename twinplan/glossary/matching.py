"""Finding glossary terms in a text: whole words only, every form the term lists, longest
form first, no overlaps. Pure Python (no Django), so it is tested on its own.

The seed article shows what substring matching does: the definition of "Nachhaltigkeit"
was spliced into "Nachhaltigkeitspreis". Here a form matches only where the characters on
both sides end a word: not a letter, digit, underscore or combining mark, and not a
hyphen either, because a hyphen joins a compound ("Nachhaltigkeits-Strategie", or the
German "Nachhaltigkeits- und Klimaziele").

Matching ignores case (Python's simple case folding): headings are set in capitals
("HANDLUNGSPROGRAMM" in the seed article), sentences start with a capital in every
language, and German nouns keep their capital anyway. Inflections are not guessed: a term
matches in the forms it lists ("Ressource", "Ressourcen"), nothing else. Whitespace inside
a multi-word form ("phát triển bền vững") matches any run of whitespace in the text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# Combining marks (a Vietnamese text typed in decomposed form) and hyphens continue a word.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HYPHENS = "\\-\u00ad\u2010\u2011"
_WORD_CONTINUES = re.compile(f"[\\w{_COMBINING}{_HYPHENS}]")
_WORD_CHARACTER = re.compile(f"[\\w{_COMBINING}]")


def continues_word(character: str) -> bool:
    """Whether `character` next to a match would make it part of a longer word."""
    return bool(_WORD_CONTINUES.fullmatch(character))


def is_whole_word_form(form: str) -> bool:
    """A form starts and ends with a letter or digit, on one line: "Ressourcen",
    "E-Mobilität", "Agenda 2030", "phát triển bền vững"; not "Nachhaltigkeits-" or " x"."""
    if not form or form != form.strip() or "\n" in form or "\r" in form:
        return False
    return bool(_WORD_CHARACTER.fullmatch(form[0]) and _WORD_CHARACTER.fullmatch(form[-1]))


def normalised_form(form: str) -> str:
    """What two forms are compared by: NFC, single spaces, lower case (as matching does)."""
    return unicodedata.normalize("NFC", " ".join(form.split())).lower()


@dataclass(frozen=True)
class Span:
    """One occurrence: text[start:end] is a form of the term `key`."""

    start: int
    end: int
    key: str


def _form_pattern(form: str) -> str:
    return r"\s+".join(re.escape(word) for word in form.split())


class Matcher:
    """Finds the forms of many terms at once. Built from (key, forms) pairs; when two terms
    list the same form, the later pair wins (a partnership's term over a global one)."""

    def __init__(self, terms: Iterable[tuple[str, Iterable[str]]]) -> None:
        by_form: dict[str, tuple[str, str]] = {}
        for key, forms in terms:
            for form in forms:
                cleaned = unicodedata.normalize("NFC", " ".join(form.split()))
                if is_whole_word_form(cleaned):
                    by_form[normalised_form(cleaned)] = (key, cleaned)
        ordered = sorted(by_form.values(), key=lambda item: (-len(item[1]), item[1]))
        self._keys = [key for key, _form in ordered]
        alternatives = []
        for index, (_key, form) in enumerate(ordered):
            # The same form decomposed, for texts typed that way (Vietnamese tone marks).
            variants = sorted({form, unicodedata.normalize("NFD", form)}, key=len, reverse=True)
            body = "|".join(_form_pattern(variant) for variant in variants)
            alternatives.append(f"(?P<f{index}>{body})")
        self._pattern = (
            re.compile(
                f"(?<!{_WORD_CONTINUES.pattern})(?:{'|'.join(alternatives)})"
                f"(?!{_WORD_CONTINUES.pattern})",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> list[Span]:
        """The occurrences in `text`, left to right, not overlapping; where several forms
        start at one place, the longest."""
        if self._pattern is None or not text:
            return []
        spans = []
        for match in self._pattern.finditer(text):
            group = match.lastgroup
            assert group is not None  # every alternative is a named group
            spans.append(Span(match.start(), match.end(), self._keys[int(group[1:])]))
        return spans


def mark_up(
    text: str,
    spans: Sequence[Span],
    wrap: Callable[[Span, str], str],
    escape: Callable[[str], str] = html.escape,
) -> str:
    """`text` as HTML: the parts between spans escaped, each span replaced by
    `wrap(span, matched_text)`, which returns HTML and escapes the matched text itself."""
    parts = []
    position = 0
    for span in spans:
        parts.append(escape(text[position:span.start]))
        parts.append(wrap(span, text[span.start:span.end]))
        position = span.end
    parts.append(escape(text[position:]))
    return "".join(parts)
