"""Keeping the index current: every saved or deleted partnership, member, edition,
measure, event or town queues the reindex of the partnerships it is shown in, run once
per partnership after the transaction commits (nothing when it rolls back). Connected in
SearchConfig.ready through Django's model signals (and the programmes' signal of a batch
of new measures, which sends none), so no app below depends on search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from twinplan.events.models import Event
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipMember
from twinplan.programmes.models import ActionProgramme, Measure
from twinplan.programmes.services import measures_created_bulk


@dataclass
class Reindex:
    """The reindex after commit of what one change touches: a partnership (by its key), or
    the partnership of an edition, or every partnership of a town. An equal one queued in
    the same transaction, not yet run, makes it unnecessary."""

    partnership_id: int | None = None
    programme_id: int | None = None
    municipality_id: int | None = None
    done: bool = field(default=False, compare=False)

    def partnership_ids(self) -> set[int]:
        if self.partnership_id is not None:
            return {self.partnership_id}
        if self.programme_id is not None:
            return set(ActionProgramme.objects.filter(pk=self.programme_id)
                       .values_list("partnership_id", flat=True))
        if self.municipality_id is None:
            return set()
        return set(PartnershipMember.objects.filter(municipality_id=self.municipality_id)
                   .values_list("partnership_id", flat=True))

    def __call__(self) -> None:
        from twinplan.search.index import partnership_reindex

        self.done = True
        for pk in self.partnership_ids():
            partnership_reindex(pk)


def queue(change: Reindex) -> None:
    """Run `change` after the current transaction commits, once however often queued
    before it runs (a rolled back transaction drops it with its other callbacks)."""
    pending = getattr(connection, "run_on_commit", None) or []
    if any(isinstance(func, Reindex) and func == change and not func.done
           for _ids, func, *_rest in pending):
        return
    # The change itself has committed: a failing reindex is logged, not shown to the
    # person who saved (`./manage.py search_index` rebuilds the index).
    transaction.on_commit(change, robust=True)


def _changed(sender: Any, instance: Any, **_signal: Any) -> None:
    if isinstance(instance, Partnership):
        queue(Reindex(partnership_id=instance.pk))
    elif isinstance(instance, (PartnershipMember, ActionProgramme, Event)):
        queue(Reindex(partnership_id=instance.partnership_id))
    elif isinstance(instance, Measure):
        queue(Reindex(programme_id=instance.programme_id))
    elif isinstance(instance, Municipality):
        queue(Reindex(municipality_id=instance.pk))


def _created_bulk(sender: Any, programme: ActionProgramme, **_signal: Any) -> None:
    queue(Reindex(partnership_id=programme.partnership_id))


_WATCHED = (Partnership, PartnershipMember, ActionProgramme, Measure, Event, Municipality)


def connect() -> None:
    for model in _WATCHED:
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    measures_created_bulk.connect(_created_bulk, dispatch_uid="search-measures-bulk")
