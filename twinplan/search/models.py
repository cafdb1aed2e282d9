"""The search index: one row per published thing a visitor can find (a partnership, a
measure, an event, a member town), with its text in every content language, normalised
(twinplan.search.normalise). Built by twinplan.search.index only; on SQLite the FTS5
table `search_fts` mirrors it (rowid = the row's key), on PostgreSQL `vector` holds its
tsvector (GIN index), both made by the migration."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("partnership")
    MEASURE = "measure", _("measure")
    EVENT = "event", _("event")
    MUNICIPALITY = "municipality", _("municipality")


class SearchDocument(models.Model):
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField()
    # The published partnership the thing is shown in (a town in each of its partnerships).
    partnership_id = models.PositiveBigIntegerField(db_index=True)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "partnership_id"],
                                    name="search_document_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
