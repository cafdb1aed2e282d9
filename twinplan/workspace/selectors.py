"""Reads for the workspace: drafts included, a fixed number of queries per page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Count, ForeignKey, Model, Prefetch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from twinplan.core.languages import content_language_name
from twinplan.core.paging import page_nearest
from twinplan.core.translation import TranslationStatus, field_label
from twinplan.events.models import Event, Idea
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import Resource
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import (
    ActionProgramme,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    MeasureComment,
    MeasureStatus,
    ProgressEntry,
)
from twinplan.programmes.selectors import (
    goals_served,
    goals_with_progress,
    measures_stale,
    programme_order,
)


def members(partnership: Partnership) -> list[Municipality]:
    return list(
        Municipality.objects.filter(memberships__partnership=partnership)
        .prefetch_related("facts", "emission_inventories", "climate_risks")
        .order_by("memberships__position")
    )


# --- the programme on the overview: every edition counted, one edition a page at a time --

# Measures a page of the overview lists; the others are a page link away.
OVERVIEW_PAGE_SIZE = 50

# The columns of a measure the overview's rows show: the code, the title in the reader's
# language (translations and original language), the status, published or draft.
_ROW_COLUMNS = ("id", "programme_id", "field_of_action_id", "code", "title", "translations",
                "original_language", "status", "is_published")


def _status_counts(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    return [(value, str(label), counts[value]) for value, label in MeasureStatus.choices
            if counts.get(value)]


@dataclass
class EditionCounts:
    """An edition of the programme with its measures counted per field of action (None:
    without one) and status, drafts included."""

    programme: ActionProgramme
    by_field: dict[int | None, dict[str, int]] = dataclass_field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(sum(counts.values()) for counts in self.by_field.values())

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        total: Counter[str] = Counter()
        for counts in self.by_field.values():
            total.update(counts)
        return _status_counts(total)


def editions_counted(programmes: list[ActionProgramme]) -> list[EditionCounts]:
    """Each edition with its measures' counts per field and status: one query, whatever
    the number of measures."""
    editions = {programme.pk: EditionCounts(programme) for programme in programmes}
    for programme_id, field_id, status, n in (
        Measure.objects.filter(programme__in=programmes).order_by()
        .values_list("programme_id", "field_of_action_id", "status").annotate(n=Count("id"))
    ):
        counts = editions[programme_id].by_field.setdefault(field_id, {})
        counts[status] = counts.get(status, 0) + n
    return list(editions.values())


@dataclass
class FieldRows:
    """A field of action (None: the goals and measures without one) with its goals (each
    with `progress_percent`), its measures' count, the page where they start, and those
    of them the page shows (each with `goal_list`, `status_label`, `is_stale`)."""

    field_of_action: FieldOfAction | None
    goals: list[Goal] = dataclass_field(default_factory=list)
    count: int = 0
    first_page: int = 1
    href: str = ""  # the page and place where the field's measures start
    measures: list[Measure] = dataclass_field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"field-{self.field_of_action.pk}" if self.field_of_action else "field-none"


@dataclass
class EditionPage:
    """One page of an edition's measures under their fields of action (`page_fields`),
    with every field listed (`fields`: counts and where each starts)."""

    page_obj: Page[int]
    query: str  # the parameters the page links keep (the edition, when chosen)
    anchor: str  # the id of the edition's section, where the page links lead
    fields: list[FieldRows]
    page_fields: list[FieldRows]


def edition_page(edition: EditionCounts, number: str | None, *, query: str, today: date,
                 stale_after_days: int) -> EditionPage:
    """Page `number` (a bad or out-of-range one gives the nearest) of the edition's
    measures in the programme's order (field of action, then code), OVERVIEW_PAGE_SIZE a
    page: the fields, the goals with their progress, the page's measures with only the
    columns shown, the goals they serve and whether they are stale. Five queries, whatever
    the number of measures."""
    programme = edition.programme
    fields = list(FieldOfAction.objects.filter(programme=programme))
    # Drafts count towards a goal's progress here: the workspace shows them.
    goals = goals_with_progress(programme, Goal.objects.filter(programme=programme),
                                published_only=False)
    rows: dict[int | None, FieldRows] = {f.pk: FieldRows(f) for f in fields}
    for goal in goals:
        rows.setdefault(goal.field_of_action_id, FieldRows(None)).goals.append(goal)
    for field_id, counts in edition.by_field.items():
        rows.setdefault(field_id, FieldRows(None)).count = sum(counts.values())
    ordered = [rows[f.pk] for f in fields] + ([rows[None]] if None in rows else [])
    paginator = Paginator(range(edition.count), OVERVIEW_PAGE_SIZE)
    page = page_nearest(paginator, number)
    before = f"?{query}&page=" if query else "?page="
    seen = 0
    for row in ordered:
        row.first_page = seen // OVERVIEW_PAGE_SIZE + 1
        row.href = f"{before}{row.first_page}#{row.anchor}"
        seen += row.count
    measures = list(
        programme_order(Measure.objects.filter(programme=programme).only(*_ROW_COLUMNS))
        [page.start_index() - 1:page.end_index()]
    ) if edition.count else []
    ids = [measure.pk for measure in measures]
    served = goals_served(measures, {goal.pk: goal for goal in goals})
    stale: set[int] = set()
    if ids:
        stale = set(measures_stale(today=today, after_days=stale_after_days)
                    .filter(pk__in=ids).values_list("pk", flat=True))
    labels = {value: str(label) for value, label in MeasureStatus.choices}
    shown: dict[int | None, list[Measure]] = {}
    for measure in measures:
        measure.goal_list = served.get(measure.pk, [])  # type: ignore[attr-defined]
        measure.status_label = labels[measure.status]  # type: ignore[attr-defined]
        measure.is_stale = measure.pk in stale  # type: ignore[attr-defined]
        shown.setdefault(measure.field_of_action_id, []).append(measure)
    page_fields = []
    for row in ordered:
        key = row.field_of_action.pk if row.field_of_action else None
        if key in shown or (page.number == 1 and not row.count):
            page_fields.append(replace(row, measures=shown.get(key, [])))
    return EditionPage(page_obj=page, query=query, anchor=f"programme-{programme.pk}",
                       fields=ordered, page_fields=page_fields)


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
        .select_related("programme__partnership", "field_of_action", "lead_municipality", "owner",
                        "template_source__programme__partnership")
        .prefetch_related(
            "goals",
            "implementing_municipalities",
            "sdg_goals",
            "sdg_targets",
            "challenges",
            Prefetch("progress", queryset=ProgressEntry.objects.select_related("author")),
            Prefetch("comments", queryset=MeasureComment.objects.select_related(
                "author", "municipality")),
            Prefetch("actors", queryset=MeasureActor.objects.select_related("organisation")),
            Prefetch("resources", queryset=Resource.objects.select_related(
                "provided_by", "provided_by_organisation", "award", "funding_programme")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("date")))),
            "adaptation__risks__municipality",
            "adaptation_effects__risk__municipality",
        )
        .first()
    )


@dataclass(frozen=True)
class HistoryChange:
    field: str  # the label in the reader's language, "Title (Vietnamese)" for a translation
    old: str
    new: str
    language: str | None = None  # the language of the texts, when they are content
    # The model field, for "restore the earlier value" (None for translations, which the
    # translation editor keeps).
    name: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    when_iso: str  # for <time datetime>: UTC, whole seconds
    who: str
    kind: str  # created, changed, deleted, restored (from the bin)
    version: int | None
    changes: list[HistoryChange]
    record_id: int = 0  # the history record: restoring it restores this whole state
    earlier_id: int | None = None  # the record before it: restoring a field's old value


# Bookkeeping a reader does not see as a change of the object.
_HIDDEN_FIELDS = {"version", "created_at", "updated_at"}


def person_shown(user: Any) -> str:
    """Who made a change, as a reader sees it: a user whose account was deleted (its name
    blanked) shows as such; no user at all (a command, the demo data) as unknown."""
    if user is None:
        return _("unknown (no user recorded)")
    if not (getattr(user, "username", "") or "").strip():
        return _("a deleted user")
    return str(user) or _("a deleted user")


def language_name(code: str) -> str:
    """A content language's name in the reader's interface language where one is known."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return content_language_name(code)


def _translation_shown(entry: Any) -> str:
    if not isinstance(entry, dict) or not entry.get("text"):
        return "—"
    status = dict(TranslationStatus.choices).get(str(entry.get("status")))
    return f"{entry['text']} ({status})" if status else str(entry["text"])


def _translation_changes(obj: Any, old: Any, new: Any) -> list[HistoryChange]:
    """The `translations` JSON as the translations it holds, one line per field and
    language whose text or status changed; a new fingerprint alone is no visible change."""
    old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    changes = []
    for language in sorted(set(old) | set(new)):
        before, after = old.get(language) or {}, new.get(language) or {}
        fields = [f for f in obj.translatable_fields if f in before or f in after]
        fields += sorted((set(before) | set(after)) - set(fields))
        for name in fields:
            old_shown = _translation_shown(before.get(name))
            new_shown = _translation_shown(after.get(name))
            if old_shown == new_shown:
                continue
            try:
                label = capfirst(field_label(obj, name))
            except FieldDoesNotExist:
                label = name
            changes.append(HistoryChange(
                field=_("%(field)s (%(language)s)") % {
                    "field": label, "language": language_name(language)},
                old=old_shown, new=new_shown, language=language,
            ))
    return changes


def _related_names(deltas: list[Any], obj: Any) -> dict[tuple[Any, Any], Any]:
    """The objects the changed foreign keys point to, one query per related model."""
    wanted: dict[Any, set[Any]] = {}
    for delta in deltas:
        for change in delta.changes:
            field = obj._meta.get_field(change.field)
            if isinstance(field, ForeignKey):
                wanted.setdefault(field.related_model, set()).update(
                    v for v in (change.old, change.new) if v is not None)
    found: dict[tuple[Any, Any], Any] = {}
    for model, pks in wanted.items():
        for pk, related in model._base_manager.in_bulk(list(pks)).items():
            found[(model, pk)] = related
    return found


def _change_shown(
    obj: Any, record: Any, change: Any, related: dict[tuple[Any, Any], Any]
) -> list[HistoryChange]:
    if change.field in _HIDDEN_FIELDS:
        return []
    if change.field == "translations":
        return _translation_changes(obj, change.old, change.new)
    field = obj._meta.get_field(change.field)
    old, new = change.old, change.new
    if isinstance(field, ForeignKey):
        old, new = (
            None if v is None else related.get((field.related_model, v), _Gone(field))
            for v in (old, new)
        )
    old_shown, new_shown = value_shown(field, old), value_shown(field, new)
    if old_shown == new_shown:
        return []
    language = None
    if change.field in getattr(obj, "translatable_fields", ()):
        language = getattr(record, "original_language", None)
    return [HistoryChange(field=capfirst(str(field.verbose_name)), old=old_shown,
                          new=new_shown, language=language, name=change.field)]


@dataclass(frozen=True)
class _Gone:
    """A foreign key whose object no longer exists."""

    field: Any

    def __str__(self) -> str:
        return _("a deleted %(kind)s") % {
            "kind": self.field.related_model._meta.verbose_name}


def history_entries(obj: Any) -> list[HistoryEntry]:
    """The object's history, newest first: who, when and each visible change (field in the
    reader's language, from → to). Changes that show nothing to a reader (the version, a
    translation's fingerprint) are left out, and so are entries left with no change."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-pk"))
    deltas = {
        index: record.diff_against(records[index + 1])
        for index, record in enumerate(records[:-1])
    }
    related = _related_names(list(deltas.values()), obj)
    entries = []
    for index, record in enumerate(records):
        kind = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
        earlier = records[index + 1] if index + 1 < len(records) else None
        if kind == "created" and earlier is not None and earlier.history_type == "-":
            kind = "restored"  # brought back from the bin
        changes: list[HistoryChange] = []
        if index in deltas:
            for change in deltas[index].changes:
                changes.extend(_change_shown(obj, record, change, related))
        if kind == "changed" and not changes:
            continue
        when = record.history_date
        entries.append(HistoryEntry(
            when=when,
            when_iso=when.astimezone(UTC).replace(microsecond=0).isoformat(),
            who=person_shown(record.history_user),
            kind=kind,
            version=getattr(record, "version", None),
            changes=changes,
            record_id=record.history_id,
            earlier_id=records[index + 1].history_id if index + 1 < len(records) else None,
        ))
    return entries


def value_shown(field: Any, value: Any) -> str:
    """A model field's value as a person reads it, in the reader's language: the choice
    label, a related object's name, yes or no, dates and numbers in the locale's format,
    language codes as names, "—" for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, Model) and value._meta.label == settings.AUTH_USER_MODEL:
        return person_shown(value)
    choices = getattr(field, "flatchoices", None)
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if getattr(field, "name", "") == "original_language" and isinstance(value, str):
        return language_name(value)
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                           "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, int | float | Decimal):
        return number_format(value)
    if isinstance(value, list):
        if getattr(field, "name", "").endswith("languages"):
            return ", ".join(language_name(str(item)) for item in value)
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)
