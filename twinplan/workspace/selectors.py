"""Reads for the workspace: drafts included, a fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from twinplan.events.models import Event, Idea
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import (
    ActionProgramme,
    Measure,
    MeasureActor,
    ProgressEntry,
    ResourceLine,
)


def members(partnership: Partnership) -> list[Municipality]:
    return list(
        Municipality.objects.filter(memberships__partnership=partnership)
        .prefetch_related("facts", "emission_inventories")
        .order_by("memberships__position")
    )


def measures_of_programme(programme: ActionProgramme) -> list[Measure]:
    return list(
        Measure.objects.filter(programme=programme)
        .prefetch_related("goals", "sdg_goals")
        .select_related("owner")
    )


def events_of(partnership: Partnership) -> list[Event]:
    return list(
        Event.objects.filter(partnership=partnership)
        .prefetch_related("outcomes", "travel_legs", Prefetch(
            "ideas", queryset=Idea.objects.select_related("measure", "author")))
        .order_by("sequence", "start_date", "id")
    )


def measure_for_workspace(partnership: Partnership, pk: int) -> Measure | None:
    return (
        Measure.objects.filter(programme__partnership=partnership, pk=pk)
        .select_related("programme__partnership", "field_of_action", "lead_municipality", "owner")
        .prefetch_related(
            "goals",
            "implementing_municipalities",
            "sdg_goals",
            "sdg_targets",
            "challenges",
            Prefetch("progress", queryset=ProgressEntry.objects.select_related("author")),
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
            Prefetch("resources", queryset=ResourceLine.objects.select_related(
                "provided_by", "provided_by_organisation")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("date")))),
        )
        .first()
    )


@dataclass(frozen=True)
class HistoryChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: Any
    kind: str  # created, changed, deleted
    version: int | None
    changes: list[HistoryChange]


def history_entries(obj: Any) -> list[HistoryEntry]:
    """The object's history, newest first, each entry with the fields it changed."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-pk"))
    entries = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes: list[HistoryChange] = []
        if older is not None:
            delta = record.diff_against(older)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                if change.field == "version":
                    continue
                changes.append(HistoryChange(
                    field=str(field.verbose_name),
                    old=value_shown(field, change.old),
                    new=value_shown(field, change.new),
                ))
        entries.append(HistoryEntry(
            when=record.history_date,
            who=record.history_user,
            kind={"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
            version=getattr(record, "version", None),
            changes=changes,
        ))
    return entries


def value_shown(field: Any, value: Any) -> str:
    """A model field's value as a person reads it: the choice label, or "—" for nothing."""
    if value is None or value == "":
        return "—"
    choices = getattr(field, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    return str(value)
