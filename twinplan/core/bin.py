"""The bin: a deleted object, with everything its deletion took along, can be restored
for `KEPT_DAYS` days.

`object_remove` (core.writes) hands every deletion here. Before anything is deleted, the
rows Django's deletion collector finds (the object, the children its deletion cascades
to, the many-to-many links) are serialised, parents first, and so are the links that the
deletion sets to NULL elsewhere. `bin_restore` inserts the rows again with their keys, so
links, history and URLs stay what they were, and re-points the NULLed links that nobody
has changed since. Both record their author in the objects' history.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, router, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.core.models import BinEntry

KEPT_DAYS = 30

# Sent inside the restore's transaction with the restored objects (parents first), so the
# app that owns a noun can bring what it derives from them up to date (a measure's progress
# from its progress entries). Receivers write through their own services.
bin_restored = Signal()


def _person(by: AbstractBaseUser | None) -> Any:
    """The user to name in the bin entry (a user object, not a system write)."""
    return by if isinstance(by, models.Model) and by.pk is not None else None


class _ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds), so that a restored
    row is the row that was deleted."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _serialised(instances: list[models.Model]) -> list[dict[str, Any]]:
    """The rows as Django's JSON serialiser writes them, without many-to-many values
    (the link rows are serialised themselves)."""
    rows: list[dict[str, Any]] = json.loads(
        json.dumps(serializers.serialize("python", instances), cls=_ExactEncoder)
    )
    for row in rows:
        model = apps.get_model(row["model"])
        for field in model._meta.many_to_many:
            row["fields"].pop(field.name, None)
    return rows


def _refuse_protected(error: ProtectedError | RestrictedError) -> ValidationError:
    objects: Any = getattr(error, "protected_objects", None) or getattr(
        error, "restricted_objects", ()
    )
    names = sorted({str(obj) for obj in objects})[:5]
    return ValidationError(
        _("It cannot be deleted while these refer to it: %(names)s."),
        params={"names": ", ".join(names)},
    )


@transaction.atomic
def bin_delete(obj: models.Model, /, *, by: AbstractBaseUser | None,
               scope: models.Model) -> BinEntry:
    """Delete `obj` and what cascades from it, keeping all of it in the bin of `scope`
    (the partnership, or the municipality for a town's own data). Refused with a
    ValidationError, nothing deleted, while a protected link refers to it."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        raise _refuse_protected(error) from error
    collector.sort()
    rows: list[dict[str, Any]] = []
    # The collector orders models children first; the bin keeps parents first.
    for model in reversed(list(collector.data)):
        rows.extend(_serialised(sorted(collector.data[model], key=lambda o: o.pk)))
    for queryset in collector.fast_deletes:
        rows.extend(_serialised(list(queryset)))
    unlinked: list[dict[str, Any]] = []
    for (field, _value), targets in collector.field_updates.items():
        pairs: list[list[Any]] = []
        for target in list[Any](targets):
            if isinstance(target, QuerySet):
                pairs.extend([list(p) for p in target.values_list("pk", field.attname)])
            else:
                pairs.extend([[o.pk, getattr(o, field.attname)] for o in target])
        if pairs:
            unlinked.append(
                {"model": field.model._meta.label_lower, "field": field.attname, "rows": pairs}
            )
    entry = BinEntry.objects.create(
        scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
        kind=obj._meta.label_lower,
        label=str(obj)[:300],
        object_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        rows=json.loads(json.dumps(rows)),
        unlinked=unlinked,
        deleted_by=_person(by),
    )
    for instances in collector.data.values():
        for instance in instances:
            instance._history_user = by  # type: ignore[attr-defined]
    collector.delete()
    return entry


def bin_entries(scopes: list[models.Model]) -> QuerySet[BinEntry]:
    """What can still be restored in the bins of `scopes`, newest first."""
    since = timezone.now() - timedelta(days=KEPT_DAYS)
    query = models.Q(pk__in=[])
    for scope in scopes:
        query |= models.Q(
            scope_type=ContentType.objects.get_for_model(scope), scope_id=scope.pk
        )
    return BinEntry.objects.filter(
        query, restored_at__isnull=True, deleted_at__gte=since
    ).select_related("deleted_by", "object_type")


def _missing_target(obj: models.Model, restoring: set[tuple[str, Any]]) -> str | None:
    """The first object `obj` refers to that exists neither in the database nor among
    the rows being restored."""
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        value = getattr(obj, field.attname)
        if value is None:
            continue
        target = field.related_model
        assert isinstance(target, type)
        if (target._meta.label_lower, value) in restoring:
            continue
        if not target._default_manager.filter(pk=value).exists():
            return f"{target._meta.verbose_name} #{value}"
    return None


def bin_restore(entry: BinEntry, /, *, by: AbstractBaseUser | None) -> models.Model:
    """Put the object and everything deleted with it back, with their keys; recorded in
    their history with `by` as author. Refused (ValidationError, nothing changed) when the
    entry was restored already, is older than KEPT_DAYS days, or refers to something that
    has been deleted since."""
    if entry.restored_at is not None:
        raise ValidationError(_("This has been restored already."))
    if entry.deleted_at < timezone.now() - timedelta(days=KEPT_DAYS):
        raise ValidationError(
            _("Deleted items are kept for %(days)s days; this one can no longer be restored."),
            params={"days": KEPT_DAYS},
        )
    restored = [item.object for item in serializers.deserialize("python", entry.rows)]
    from twinplan.core.guards import write_allowed

    scope_model = entry.scope_type.model_class()
    scope = scope_model._default_manager.filter(pk=entry.scope_id).first() if scope_model else None
    if scope is not None:
        write_allowed(scope)  # e.g. nothing comes back into an archived partnership
    keys = {(obj._meta.label_lower, obj.pk) for obj in restored}
    for obj in restored:
        if type(obj)._default_manager.filter(pk=obj.pk).exists():
            raise ValidationError(
                _("“%(object)s” exists again already."), params={"object": str(obj)}
            )
        missing = _missing_target(obj, keys)
        if missing is not None:
            raise ValidationError(
                _("It cannot be restored: it refers to %(missing)s, which was deleted since."),
                params={"missing": missing},
            )
    try:
        with transaction.atomic():
            for obj in restored:
                # A save stamps auto_now_add fields with the present; they keep theirs.
                stamps = {
                    field.attname: getattr(obj, field.attname)
                    for field in obj._meta.concrete_fields
                    if getattr(field, "auto_now_add", False)
                }
                obj._history_user = by  # type: ignore[attr-defined]
                obj.save(force_insert=True)
                if stamps:
                    type(obj)._default_manager.filter(pk=obj.pk).update(**stamps)
            for link in entry.unlinked:
                model = apps.get_model(link["model"])
                for pk, value in link["rows"]:
                    # Only where nobody has set the link to something else since.
                    model._default_manager.filter(pk=pk, **{link["field"]: None}).update(
                        **{link["field"]: value}
                    )
            bin_restored.send(sender=BinEntry, objects=restored)
            entry.restored_at = timezone.now()
            entry.restored_by = _person(by)
            entry.save(update_fields=["restored_at", "restored_by"])
    except IntegrityError as error:
        raise ValidationError(
            _("It cannot be restored: something it belongs to has changed meanwhile.")
        ) from error
    restored_model = entry.object_type.model_class()
    assert restored_model is not None
    return restored_model._default_manager.get(pk=entry.object_id)


def bin_purge(*, now: Any = None) -> int:
    """Forget what was deleted more than KEPT_DAYS days ago; returns how many entries."""
    before = (now or timezone.now()) - timedelta(days=KEPT_DAYS)
    count, _by_model = BinEntry.objects.filter(deleted_at__lt=before).delete()
    return count
