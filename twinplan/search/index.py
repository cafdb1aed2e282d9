"""Building the search index from published content, one partnership at a time.

`partnership_reindex` replaces everything the index holds for one partnership with what
is published of it now (nothing, when it is unpublished or gone): the partnership, the
measures of its published editions (the current one where an edition was carried on),
its published events, its member towns. `index_rebuild` does so for all
(`./manage.py search_index`, `seed_demo`). twinplan.search.hooks calls
`partnership_reindex` after every committed write that can change published text.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef, Prefetch

from twinplan.events.models import Event
from twinplan.partnerships.models import Partnership, PartnershipMember
from twinplan.programmes.models import Measure
from twinplan.search.models import DocumentKind, SearchDocument
from twinplan.search.normalise import words


def texts(obj: Model, fields: Iterable[str]) -> list[str]:
    """The fields of `obj` in its original and every translation."""
    found: list[str] = []
    translations = getattr(obj, "translations", None) or {}
    for name in fields:
        found.append(str(getattr(obj, name, "") or ""))
        for per_language in translations.values():
            entry = per_language.get(name) if isinstance(per_language, dict) else None
            if isinstance(entry, dict) and entry.get("text"):
                found.append(str(entry["text"]))
    return found


def _indexed(parts: Iterable[str]) -> str:
    seen: dict[str, None] = {}
    for part in parts:
        for word in words(part):
            seen.setdefault(word, None)
    return " ".join(seen)


def published_measures() -> object:
    """Published measures, without those carried on into a published later edition (the
    public sees the current one): the rule of the library and of the index."""
    newer = Measure.objects.published().filter(predecessor=OuterRef("pk"))
    return Measure.objects.published().exclude(Exists(newer))


def _documents(partnership: Partnership) -> list[SearchDocument]:
    pid = partnership.pk
    docs = [SearchDocument(
        kind=DocumentKind.PARTNERSHIP, object_id=pid, partnership_id=pid,
        title=_indexed(texts(partnership, ("title",))),
        body=_indexed([
            *texts(partnership, ("summary", "description", "aims", "agenda_2030_value")),
            *(member.municipality.name for member in partnership.members.all()),
        ]),
    )]
    measures = published_measures().filter(  # type: ignore[attr-defined]
        programme__partnership=partnership
    )
    for measure in measures:
        docs.append(SearchDocument(
            kind=DocumentKind.MEASURE, object_id=measure.pk, partnership_id=pid,
            title=_indexed(texts(measure, ("title",))),
            body=_indexed([measure.code, *texts(measure, ("summary", "description",
                                                          "context"))]),
        ))
    for event in Event.objects.published().filter(partnership=partnership):
        docs.append(SearchDocument(
            kind=DocumentKind.EVENT, object_id=event.pk, partnership_id=pid,
            title=_indexed(texts(event, ("title",))),
            body=_indexed(texts(event, ("description", "participants_text"))),
        ))
    for member in partnership.members.all():
        town = member.municipality
        docs.append(SearchDocument(
            kind=DocumentKind.MUNICIPALITY, object_id=town.pk, partnership_id=pid,
            title=_indexed([town.name]),
            body=_indexed([town.region_name, *texts(town, ("description",))]),
        ))
    return docs


def _fts_ready() -> bool:
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='search_fts'")
        return cursor.fetchone() is not None


@transaction.atomic
def partnership_reindex(partnership_id: int) -> int:
    """What the index holds of the partnership, made current; returns the documents
    written. Two reindexes of one partnership at once (two editors saving) take turns:
    each holds the partnership's row until it commits, so the second deletes what the
    first wrote instead of writing the same documents beside them."""
    list(Partnership.objects.select_for_update().filter(pk=partnership_id).values_list("pk"))
    old = list(SearchDocument.objects.filter(partnership_id=partnership_id)
               .values_list("pk", flat=True))
    fts = _fts_ready()
    if old:
        SearchDocument.objects.filter(pk__in=old).delete()
        if fts:
            with connection.cursor() as cursor:
                cursor.executemany("DELETE FROM search_fts WHERE rowid = %s",
                                   [(pk,) for pk in old])
    partnership = (
        Partnership.objects.published().filter(pk=partnership_id)
        .prefetch_related(Prefetch("members", queryset=PartnershipMember.objects
                                   .select_related("municipality")))
        .first()
    )
    if partnership is None:
        return 0
    docs = SearchDocument.objects.bulk_create(_documents(partnership))
    if fts:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(doc.pk, doc.title, doc.body) for doc in docs],
            )
    elif connection.vendor == "postgresql":
        SearchDocument.objects.filter(partnership_id=partnership_id).update(
            vector=SearchVector("title", weight="A", config="simple")
            + SearchVector("body", weight="B", config="simple")
        )
    return len(docs)


def index_rebuild() -> int:
    """The whole index from scratch; returns the documents written."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        if _fts_ready():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
        return sum(partnership_reindex(pk)
                   for pk in Partnership.objects.values_list("pk", flat=True))
