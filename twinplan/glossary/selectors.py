"""Reads of the glossary for public pages, the workspace and reports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from twinplan.core.translation import TranslationStatus, translated
from twinplan.glossary.matching import Matcher, Span
from twinplan.glossary.models import GlossaryTerm
from twinplan.partnerships.models import Partnership


@dataclass(frozen=True)
class GlossaryEntry:
    """What a reader sees of one term in one language."""

    key: str
    term: str
    definition: str
    source: str
    language: str  # of the term and definition shown; differs from `requested` on fallback
    requested_language: str
    is_fallback: bool
    is_machine: bool
    is_demo_content: bool
    is_global: bool


class Glossary:
    """The terms that apply to one partnership: its own and the global ones, a
    partnership's term replacing a global one with the same key (and winning a form both
    list). `language` is the reader's: definitions are shown in it where they exist."""

    def __init__(self, terms: Sequence[GlossaryTerm], language: str) -> None:
        by_key: dict[str, GlossaryTerm] = {}
        # Global terms first, so that the partnership's own overwrite them.
        for term in sorted(terms, key=lambda t: (t.partnership_id is not None, t.key)):
            by_key[term.key] = term
        self._by_key = by_key
        # Global terms first here too: on a form both list, the later (own) term wins.
        self._terms = tuple(
            sorted(by_key.values(), key=lambda t: (t.partnership_id is not None, t.key))
        )
        self.language = language
        self._matchers: dict[str, Matcher] = {}

    def __iter__(self) -> Iterator[GlossaryTerm]:
        return iter(sorted(self._terms, key=lambda term: term.key))

    def __len__(self) -> int:
        return len(self._terms)

    def matcher(self, language: str) -> Matcher:
        """Finds the terms in texts written in `language` (built once per language)."""
        if language not in self._matchers:
            self._matchers[language] = Matcher(
                (term.key, term.forms_in(language)) for term in self._terms
            )
        return self._matchers[language]

    def find(self, text: str, language: str) -> list[Span]:
        return self.matcher(language).find(text)

    def entry(self, key: str, language: str | None = None) -> GlossaryEntry:
        """The term `key` in `language` (the reader's by default), else in its original."""
        term = self._by_key[key]
        wanted = language or self.language
        definition = translated(term, "definition", wanted)
        return GlossaryEntry(
            key=key,
            term=translated(term, "term", wanted).text,
            definition=definition.text,
            source=translated(term, "source", wanted).text,
            language=definition.language,
            requested_language=wanted,
            is_fallback=definition.is_fallback,
            is_machine=definition.status == TranslationStatus.MACHINE,
            is_demo_content=term.is_demo_content,
            is_global=term.partnership_id is None,
        )


def glossary_present() -> Exists:
    """Whether a partnership's glossary has any term (its own or a global one): an
    `Exists` flag on the partnership (`OuterRef("pk")`)."""
    return Exists(GlossaryTerm.objects.filter(
        Q(partnership__isnull=True) | Q(partnership=OuterRef("pk"))))


def glossary_for(partnership: Partnership | None, language: str) -> Glossary:
    """The glossary of `partnership` (its terms and the global ones) for a reader of
    `language`; one query. Without a partnership, the global terms alone."""
    scope = Q(partnership__isnull=True)
    if partnership is not None:
        scope |= Q(partnership=partnership)
    return Glossary(list(GlossaryTerm.objects.filter(scope)), language)


@dataclass(frozen=True)
class FoundTerm:
    """A glossary term that occurs in a text: the forms as they occur there, and the entry
    in the text's language and in the reader's (the translator's target) language."""

    key: str
    occurrences: tuple[str, ...]
    in_text_language: GlossaryEntry
    in_reader_language: GlossaryEntry


def terms_in_text(text: str, language: str, glossary: Glossary) -> list[FoundTerm]:
    """The glossary entries that occur in `text`, written in `language`, in the order of
    their first occurrence; for the translation workspace next to the text being
    translated (`glossary_for(partnership, target_language)`)."""
    occurrences: dict[str, list[str]] = {}
    for span in glossary.find(text, language):
        occurrences.setdefault(span.key, []).append(text[span.start:span.end])
    return [
        FoundTerm(
            key=key,
            occurrences=tuple(dict.fromkeys(found)),
            in_text_language=glossary.entry(key, language),
            in_reader_language=glossary.entry(key),
        )
        for key, found in occurrences.items()
    ]
