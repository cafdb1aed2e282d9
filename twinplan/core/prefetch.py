"""Prefetches that cost no query when there is nothing to fetch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects


def prefetch_if(found: bool, lookup: str, queryset: QuerySet[Any]) -> Prefetch:
    """`lookup` prefetched with `queryset` when there is something to find (a flag read
    with the objects, an `Exists` annotation), else set empty without a query: a `none()`
    queryset is never sent to the database."""
    return Prefetch(lookup, queryset=queryset if found else queryset.none())


def prefetch_flagged(
    objects: Sequence[Model], flag: str, lookup: str, queryset: QuerySet[Any]
) -> None:
    """`lookup` prefetched for the objects whose attribute `flag` is true (one query, none
    when no object has it) and set empty on the others."""
    found = [obj for obj in objects if getattr(obj, flag)]
    empty = [obj for obj in objects if not getattr(obj, flag)]
    if found:
        prefetch_related_objects(found, Prefetch(lookup, queryset=queryset))
    if empty:
        prefetch_related_objects(empty, Prefetch(lookup, queryset=queryset.none()))
