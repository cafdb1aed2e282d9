"""Finding published content: the query read as words (normalised like the index), each
word matched as a word or its beginning, all words required, ranked with title words
weighing more than body words. SQLite: FTS5 with bm25; PostgreSQL: tsquery/ts_rank on the
`simple` configuration; any other database: a plain containment filter, unranked."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.translation import gettext as _

from twinplan.search.index import _fts_ready
from twinplan.search.models import SearchDocument
from twinplan.search.normalise import words

MAX_QUERY_CHARACTERS = 200
MAX_WORDS = 10
MAX_HITS = 200
# bm25 weights of the FTS5 columns (title, body).
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


@dataclass(frozen=True)
class ReadQuery:
    """The words to look for, or why there are none (a message for the visitor)."""

    words: tuple[str, ...]
    message: str = ""


def read_query(text: str) -> ReadQuery:
    text = (text or "").strip()
    if not text:
        return ReadQuery((), "")
    if len(text) > MAX_QUERY_CHARACTERS:
        return ReadQuery((), _("The search is too long: use at most %(count)s characters.")
                         % {"count": MAX_QUERY_CHARACTERS})
    found = tuple(dict.fromkeys(words(text)))
    if not found:
        return ReadQuery((), _("Type at least one word or number: punctuation and signs "
                               "alone find nothing."))
    if len(found) > MAX_WORDS:
        return ReadQuery((), _("The search has too many words: use at most %(count)s.")
                         % {"count": MAX_WORDS})
    return ReadQuery(found)


def ranked_documents(found: tuple[str, ...], *, kind: str = "",
                     limit: int = MAX_HITS) -> list[SearchDocument]:
    """The documents holding every word (or a word beginning with it), best first. One
    query on PostgreSQL and elsewhere, two on SQLite."""
    if not found:
        return []
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(" & ".join(f"{word}:*" for word in found), search_type="raw",
                              config="simple")
        documents = SearchDocument.objects.filter(vector=tsquery)
        if kind:
            documents = documents.filter(kind=kind)
        return list(documents.annotate(rank=SearchRank(F("vector"), tsquery))
                    .order_by("-rank", "pk")[:limit])
    if _fts_ready():
        # Each word quoted: FTS5 operators ("AND", "*", quotes) in a query are plain words.
        match = " ".join(f'"{word}"*' for word in found)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY bm25(search_fts, %s, %s), rowid LIMIT 2000",
                [match, TITLE_WEIGHT, BODY_WEIGHT],
            )
            order = [row[0] for row in cursor.fetchall()]
        documents = SearchDocument.objects.filter(pk__in=order)
        if kind:
            documents = documents.filter(kind=kind)
        by_key = {doc.pk: doc for doc in documents}
        return [by_key[pk] for pk in order if pk in by_key][:limit]
    condition = Q()
    for word in found:
        condition &= Q(title__contains=word) | Q(body__contains=word)
    documents = SearchDocument.objects.filter(condition)
    if kind:
        documents = documents.filter(kind=kind)
    return list(documents.order_by("pk")[:limit])
