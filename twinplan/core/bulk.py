"""`object_insert` for many objects of one model at once: the generator of a large demo
network (`./manage.py generate_network`) and other bulk writers.

Each object is validated as `core.writes.object_insert` validates it — its fields'
validators and its model's `clean()` — and asked `write_allowed`; then all are inserted
with `bulk_create` and their history rows with django-simple-history's
`bulk_create_with_history` (one "+" record per object, `by` as its author). What
`full_clean` would check with one query per object is left to the database, which holds
the same rules: unique and check constraints (`validate_unique=False,
validate_constraints=False`), so a violation fails the whole batch with an
IntegrityError and nothing of it is saved. Bulk inserts send no model signals, so the
page cache is retired here (`public_generation_bump`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from twinplan.core.guards import write_allowed
from twinplan.core.pagecache import public_generation_bump

M = TypeVar("M", bound=models.Model)


def _given_links(obj: models.Model) -> list[str]:
    """The foreign keys given as saved objects: their existence is not asked of the
    database once per object (the database's foreign key constraint checks it)."""
    cache = obj._state.fields_cache
    return [
        field.name for field in obj._meta.concrete_fields
        if field.is_relation and field.name in cache
        and getattr(cache[field.name], "pk", None) is not None
    ]


class BatchRefused(Exception):
    """A batch of which some objects are invalid: `errors` holds each one's
    ValidationError by its position in the batch; nothing of the batch was written."""

    def __init__(self, errors: dict[int, ValidationError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} of the batch refused.")


def object_errors(
    obj: models.Model, *, exclude: Iterable[str] = (), model_clean: bool = True
) -> ValidationError | None:
    """The ValidationError `objects_validate` would raise for `obj` (None when valid), for
    a caller that reports every object's problems; `exclude` also skips fields such as
    the link to a parent not saved yet. `write_allowed` is the caller's (once per batch)."""
    skip = [*_given_links(obj), *exclude]
    try:
        if model_clean:
            obj.full_clean(exclude=skip, validate_unique=False, validate_constraints=False)
        else:
            obj.clean_fields(exclude=skip)
    except ValidationError as error:
        return error
    return None


def objects_validate(
    objs: Sequence[models.Model], *, scope: models.Model | None = None, model_clean: bool = True
) -> None:
    """Raise the first object's ValidationError (nothing is written by this).

    With `scope` (the partnership every object belongs to), `write_allowed` is asked once
    for it instead of once per object. Without `model_clean`, the model's `clean()` is
    skipped: for a caller that has checked what it asks for the whole batch itself."""
    if scope is not None:
        write_allowed(scope)
    for obj in objs:
        if scope is None:
            write_allowed(obj)
        exclude = _given_links(obj)
        if model_clean:
            obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        else:
            obj.clean_fields(exclude=exclude)


def objects_insert_bulk(
    objs: Sequence[M], /, *, by: AbstractBaseUser | None, scope: models.Model | None = None,
    batch_size: int = 1000, model_clean: bool = True, validated: bool = False,
) -> list[M]:
    """Validate and insert `objs` (all of one model) with their history; their keys are
    set afterwards (SQLite 3.35+ and PostgreSQL return them). With `validated`, the
    caller has checked each object with `object_errors` and `write_allowed` for `scope`
    already (a service's batch, checked before anything is written)."""
    if not objs:
        return []
    model = type(objs[0])
    if not validated:
        objects_validate(objs, scope=scope, model_clean=model_clean)
    with transaction.atomic():
        if hasattr(model, "history"):
            created = bulk_create_with_history(
                list(objs), model, batch_size=batch_size, default_user=by
            )
        else:
            created = model._default_manager.bulk_create(list(objs), batch_size=batch_size)
    public_generation_bump()
    return list(created)


def links_insert_bulk(
    through: type[models.Model], rows: Sequence[dict[str, int]], /, *, batch_size: int = 5000
) -> None:
    """Many-to-many links as rows of their table (`{"measure_id": 1, "goal_id": 2}`); the
    objects they join were validated when they were inserted."""
    through._default_manager.bulk_create(
        [through(**row) for row in rows], batch_size=batch_size, ignore_conflicts=True
    )
    public_generation_bump()
