"""The mechanics every app's services share when they write: insert, change, remove and
publish one object, validated in full, with its history author and its version.

The rules of a noun (which fields it takes, what it may link to, its defaults) live in the
service of the app that owns the noun, such as `programmes.services.measure_update`; that
service lists its arguments and hands them here. Nothing in this module decides what a
field may hold.

- `object_insert` validates and saves a new object and sets its many-to-many links.
- `object_change` applies changes to the row as the database holds it, locked for the
  transaction: it refuses a stale edit (`EditConflict`) when `expected_version` is given
  and someone saved since, keeps the version and writes no history when nothing changes,
  and otherwise saves with the version one higher.
- `object_remove` deletes into the bin (core.bin), or says what still depends on the
  object.
- `object_set_published` publishes or withdraws; a publish is recorded in the history
  but is no edit of the content, so it keeps the version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils import timezone

from twinplan.core.bin import bin_delete
from twinplan.core.errors import EditConflict
from twinplan.core.guards import write_allowed
from twinplan.core.models import PublishableModel, VersionedModel

M = TypeVar("M", bound=models.Model)
P = TypeVar("P", bound=PublishableModel)

Author = AbstractBaseUser | None


def _with_author(obj: models.Model, by: Author) -> None:
    """The history record of the next save names `by` (django-simple-history reads it)."""
    obj._history_user = by  # type: ignore[attr-defined]


def _split(obj: models.Model, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """`values` as (concrete fields, many-to-many fields); an unknown name is a
    programming error, not bad input, since the services' signatures list their fields."""
    plain: dict[str, Any] = {}
    many: dict[str, Any] = {}
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            many[name] = value
        elif field.concrete:
            plain[name] = value
        else:
            raise TypeError(f"{type(obj).__name__}.{name} is not a field that can be written.")
    return plain, many


def _keys(values: Iterable[Any]) -> set[Any]:
    return {value.pk if isinstance(value, models.Model) else value for value in values}


def object_insert(obj: M, /, *, by: Author, links: Mapping[str, Iterable[Any]] | None = None) -> M:
    """Validate every field and model rule, save, then set the many-to-many `links`; on a
    ValidationError nothing is saved."""
    with transaction.atomic():
        write_allowed(obj)
        obj.full_clean()
        _with_author(obj, by)
        obj.save()
        for name, related in (links or {}).items():
            getattr(obj, name).set(list(related))
    return obj


def object_change(
    obj: M, /, *, by: Author, expected_version: int | None, values: Mapping[str, Any]
) -> M:
    """Apply `values` to the object as the database holds it now and return that object.

    The row is locked for the transaction, so the version check and the write cannot be
    overtaken. Nothing is saved (and the version kept) when no value differs from what is
    stored; on a ValidationError or EditConflict nothing is saved either.
    """
    plain, many = _split(obj, values)
    model = type(obj)
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=obj.pk)
        write_allowed(current)
        if (
            isinstance(current, VersionedModel)
            and expected_version is not None
            and current.version != expected_version
        ):
            raise EditConflict(
                current_version=current.version, expected_version=expected_version
            )
        changed = False
        for name, value in plain.items():
            field = current._meta.get_field(name)
            before = field.value_from_object(current)  # type: ignore[union-attr]
            setattr(current, name, value)
            if field.value_from_object(current) != before:  # type: ignore[union-attr]
                changed = True
        links_changed = {
            name: list(related)
            for name, related in many.items()
            if _keys(related) != _keys(getattr(current, name).all())
        }
        if not changed and not links_changed:
            return current
        current.full_clean()
        if isinstance(current, VersionedModel):
            current.version += 1
        _with_author(current, by)
        current.save()
        for name, related in links_changed.items():
            getattr(current, name).set(related)
    return current


def object_remove(obj: models.Model, /, *, by: Author, scope: models.Model) -> None:
    """Delete the object and what cascades from it into the bin of `scope` (see
    core.bin), or explain what still refers to it (a ValidationError; nothing deleted)."""
    write_allowed(obj)
    bin_delete(obj, by=by, scope=scope)


def object_set_published(obj: P, /, *, by: Author, published: bool) -> P:
    """Publish or withdraw; recorded in the history, the version kept (the content did not
    change, so nobody's open edit is refused because of it)."""
    if obj.is_published == published:
        return obj
    write_allowed(obj)
    obj.is_published = published
    obj.published_at = timezone.now() if published else None
    _with_author(obj, by)
    obj.save(update_fields=["is_published", "published_at"])
    return obj


# What a copy (a new edition of a programme) never takes over from its original: the key,
# the version and time stamps, the publication, and what the owning service computes.
_NOT_COPIED = frozenset({"id", "version", "created_at", "updated_at", "is_published",
                         "published_at"})


def object_copy_values(obj: models.Model, /, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The concrete field values of `obj` (foreign keys by their keys, as `<name>_id`) for
    a new object of the same model, without its key, version, time stamps, publication
    and the fields named in `exclude`; many-to-many links are the caller's."""
    skip = _NOT_COPIED | set(exclude)
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in skip
    }
