"""The network dashboard: one row per partnership, read in a fixed number of queries.

`dashboard_rows(scope=…)` reads every partnership of the scope with what the dashboard
shows about it, whatever their number, in eight queries: the partnerships (only the
columns shown), their members, programmes, phases, measures by status, the measures'
SDGs, the money lines summed per day and currency, and the exchange rates. Sorting and
the filters on worked-out values (phase, SDG) happen in Python on those rows, so the
number of queries stays the same for 2 or 500 partnerships (`tests/test_selectors.py`
pins it).

Two scopes, decided by the views:
- `PUBLIC`: published partnerships, their published programme (the edition the public
  page shows) and its published measures;
- `Workspace(user)`: the partnerships whose drafts the user may read
  (`Partnership.objects.with_drafts_for`: every one for a network admin, the funding
  programme's for a programme coordinator), with their newest edition in force (else
  the newest edition) and all its measures.

Money is converted to EUR with the stored rates on the day of each line (the rules of
`twinplan.impact.money_totals`); when a rate is missing the row keeps its sums per
currency and says so (`money_converted` is False). The impact balance is not read here:
`climate.selectors.impact_report` takes a fixed number of queries per partnership, not
for the whole network, so the dashboard links each partnership's impact page instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DateField, F, Max, Q, Sum, Value, When

from twinplan import impact
from twinplan.accounts.models import User
from twinplan.core.translation import translated
from twinplan.money.models import CurrencyRate, ResourceKind
from twinplan.money.models import Resource as MoneyLine
from twinplan.money.selectors import exchange_rates_for
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import (
    FundingProgramme,
    Partnership,
    PartnershipKind,
    PartnershipMember,
    Phase,
    PhaseKind,
    PhaseStatus,
)
from twinplan.programmes.models import ActionProgramme, Measure, MeasureStatus
from twinplan.programmes.selectors import IN_FORCE
from twinplan.reference.names import sort_key

PAGE_SIZE = 50

# The order of the status columns (the measures' own order of choices).
STATUSES: tuple[str, ...] = tuple(MeasureStatus.values)
PHASE_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(PhaseKind.values)}


@dataclass(frozen=True)
class Workspace:
    """The workspace scope: drafts included, for the partnerships `user` may read."""

    user: User


PUBLIC = None
Scope = Workspace | None


@dataclass(frozen=True)
class Filters:
    """What the dashboard is narrowed to; empty values filter nothing."""

    funding_programme: str = ""  # slug
    country: str = ""  # ISO 3166-1 alpha-2
    kind: str = ""
    phase: str = ""  # PhaseKind value
    sdg: int | None = None


@dataclass
class Row:
    """One partnership on the dashboard, with everything the table and the CSV show."""

    partnership: Partnership  # only slug, title, kind, translations, original language
    towns: list[Municipality] = field(default_factory=list)  # name, names, country only
    funding_programme: FundingProgramme | None = None
    phase_kind: str = ""
    phase_is_demo: bool = False
    programme_id: int | None = None
    status_counts: dict[str, int] = field(default_factory=dict)
    sdgs: list[int] = field(default_factory=list)
    # EUR totals when every line could be converted; else None and `money_by_currency`.
    planned_eur: Decimal | None = None
    spent_eur: Decimal | None = None
    money_by_currency: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    money_converted: bool = True
    has_demo: bool = False
    updated: datetime | None = None
    # What the table shows, worked out once per page by `network.dashboard.rows_shown`
    # for the rows of the page shown (labels and addresses built once per page).
    url: str = ""
    impact_url: str = ""
    shown: dict[str, Any] = field(default_factory=dict)

    @property
    def measures_total(self) -> int:
        return sum(self.status_counts.values())

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(town.country for town in self.towns))

    @property
    def has_money(self) -> bool:
        return bool(self.money_by_currency)

    @property
    def kind_label(self) -> str:
        return str(PartnershipKind(self.partnership.kind).label)

    @property
    def phase_label(self) -> str:
        return str(PhaseKind(self.phase_kind).label) if self.phase_kind else ""

    @property
    def status_list(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of the statuses that occur, in their order."""
        labels = dict(MeasureStatus.choices)
        return [(status, str(labels[status]), count) for status, count in self.statuses
                if count]

    @property
    def statuses(self) -> list[tuple[str, int]]:
        """(status, count) in the order of `STATUSES`, zeros included."""
        return [(status, self.status_counts.get(status, 0)) for status in STATUSES]


# --- reading -----------------------------------------------------------------------------


def _partnerships(scope: Scope, filters: Filters) -> list[Partnership]:
    if scope is None:
        partnerships = Partnership.objects.published()
    else:
        partnerships = Partnership.objects.with_drafts_for(scope.user)
    if filters.funding_programme:
        partnerships = partnerships.filter(funding_programme__slug=filters.funding_programme)
    if filters.kind:
        partnerships = partnerships.filter(kind=filters.kind)
    if filters.country:
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(
                municipality__country=filters.country
            ).values("partnership_id")
        )
    return list(
        partnerships.select_related("funding_programme")
        .only("slug", "title", "kind", "is_published", "original_language", "translations",
              "updated_at", "funding_programme__slug", "funding_programme__name",
              "funding_programme__original_language", "funding_programme__translations")
        .order_by("title", "pk")
    )


def _chosen_programmes(scope: Scope, ids: Sequence[int]) -> dict[int, tuple[int, bool, datetime]]:
    """partnership id → (programme id, is demo, last changed) of the edition shown: the
    newest in force, else the newest (public: of the published editions)."""
    programmes = ActionProgramme.objects.filter(partnership_id__in=ids)
    if scope is None:
        programmes = programmes.filter(is_published=True)
    best: dict[int, tuple[tuple[int, int], tuple[int, bool, datetime]]] = {}
    for pk, partnership_id, edition, status, demo, updated in programmes.values_list(
        "pk", "partnership_id", "edition", "status", "is_demo_content", "updated_at"
    ):
        rank = (1 if status in IN_FORCE else 0, edition)
        if partnership_id not in best or rank > best[partnership_id][0]:
            best[partnership_id] = (rank, (pk, demo, updated))
    return {partnership_id: chosen for partnership_id, (_rank, chosen) in best.items()}


def _measures(scope: Scope, programme_ids: Iterable[int]) -> Any:
    measures = Measure.objects.filter(programme_id__in=list(programme_ids))
    if scope is None:
        measures = measures.filter(is_published=True)
    return measures


def _current_phases(ids: Sequence[int]) -> dict[int, tuple[str, bool]]:
    """partnership id → (phase kind, is demo), by the rule of
    `partnerships.services.phase_current`: the earliest phase under way, else the last
    completed one."""
    current: dict[int, tuple[str, bool]] = {}
    completed: dict[int, tuple[str, bool]] = {}
    rows = (
        Phase.objects.filter(partnership_id__in=ids)
        .exclude(status=PhaseStatus.PLANNED)
        .order_by("partnership", "position", "start_date", "id")
        .values_list("partnership_id", "kind", "status", "is_demo_content")
    )
    for partnership_id, kind, status, demo in rows:
        if status == PhaseStatus.CURRENT:
            current.setdefault(partnership_id, (kind, demo))
        else:
            completed[partnership_id] = (kind, demo)
    return {**completed, **current}


def _money(
    rows: Mapping[int, Row], programme_of: Mapping[int, int], scope: Scope, today: date
) -> None:
    """Fill in the money of each row: the money lines summed per day and currency in the
    database, converted in Python with one table of rates."""
    # Lines in euros need no rate: summed per programme alone (their day left out), the
    # others per programme, currency and day (the rate of each day).
    lines = (
        MoneyLine.objects.filter(measure__in=_measures(scope, programme_of.values()),
                                 kind=ResourceKind.MONEY)
        .exclude(currency="")
        .annotate(on=Case(When(currency=impact.EUR, then=Value(None)), default=F("date"),
                          output_field=DateField()))
        .values_list("measure__programme_id", "currency", "on")
        .annotate(planned=Sum("planned_amount"), spent=Sum("spent_amount"))
        .order_by()
    )
    by_programme: dict[int, list[tuple[str, date | None, Decimal, Decimal]]] = defaultdict(list)
    currencies: set[str] = set()
    for programme_id, currency, on, planned, spent in lines:
        by_programme[programme_id].append(
            (currency, on, Decimal(planned or 0), Decimal(spent or 0))
        )
        currencies.add(currency)
    if not by_programme:
        return
    table = _rates(exchange_rates_for(currencies))
    partnership_of = {programme: partnership for partnership, programme in programme_of.items()}
    for programme_id, sums in by_programme.items():
        row = rows[partnership_of[programme_id]]
        per_currency: dict[str, tuple[Decimal, Decimal]] = {}
        for currency, _on, planned, spent in sums:
            old = per_currency.get(currency, (Decimal(0), Decimal(0)))
            per_currency[currency] = (old[0] + planned, old[1] + spent)
        row.money_by_currency = dict(sorted(per_currency.items()))
        if any(currency != impact.EUR and not table.names(currency) for currency in per_currency):
            # No rate names one of them: converting its lines, day by day, can only fail.
            row.money_converted = False
            continue
        try:
            pure = [
                impact.ResourceLine(measure="all", partner="all", source_of_funds="all",
                                    planned=impact.Money(planned, currency),
                                    spent=impact.Money(spent, currency), on=on)
                for currency, on, planned, spent in sums
            ]
            totals = impact.money_totals(pure, table, (impact.EUR,), today)
        except impact.ImpactError:  # a missing rate (or data the validation would refuse)
            row.money_converted = False
            continue
        total = totals.total[impact.EUR]
        row.planned_eur, row.spent_eur = total.planned, total.spent


def _rates(rows: Iterable[CurrencyRate]) -> impact.ExchangeRates:
    pure = []
    for row in rows:
        try:
            pure.append(impact.ExchangeRate(row.date, row.base, row.quote, row.rate, row.source))
        except impact.ImpactError:
            continue  # a row the admin's validation would refuse
    return impact.ExchangeRates(pure)


def rows_money(rows: Sequence[Row], *, scope: Scope, today: date) -> None:
    """Fill in the money of `rows` (read without it: the rows of the page shown), in the
    two queries `dashboard_rows` takes for it."""
    by_pk = {row.partnership.pk: row for row in rows}
    programme_of = {pk: row.programme_id for pk, row in by_pk.items()
                    if row.programme_id is not None}
    if programme_of:
        _money(by_pk, programme_of, scope, today)


def dashboard_rows(*, scope: Scope, filters: Filters, today: date,
                   money: bool = True) -> list[Row]:
    """Every partnership of `scope` that passes `filters`, in title order (8 queries;
    6 with `money=False`, the money left to `rows_money` for the rows shown)."""
    partnerships = _partnerships(scope, filters)
    rows = {p.pk: Row(partnership=p, funding_programme=p.funding_programme,
                      updated=p.updated_at) for p in partnerships}
    ids = list(rows)
    if not ids:
        return []
    members = (
        PartnershipMember.objects.filter(partnership_id__in=ids)
        .select_related("municipality").only("partnership_id", "municipality__name",
                                             "municipality__names", "municipality__country")
        .order_by("partnership", "position", "id")
    )
    for member in members:
        rows[member.partnership_id].towns.append(member.municipality)
    programme_of: dict[int, int] = {}
    for partnership_id, (programme_id, demo, updated) in _chosen_programmes(scope, ids).items():
        row = rows[partnership_id]
        row.programme_id = programme_id
        row.has_demo = row.has_demo or demo
        row.updated = max(filter(None, (row.updated, updated)))
        programme_of[partnership_id] = programme_id
    for partnership_id, (kind, demo) in _current_phases(ids).items():
        rows[partnership_id].phase_kind = kind
        rows[partnership_id].phase_is_demo = demo
        rows[partnership_id].has_demo = rows[partnership_id].has_demo or demo
    partnership_of = {programme: partnership for partnership, programme in programme_of.items()}
    if programme_of:
        counts = (
            _measures(scope, programme_of.values())
            .values_list("programme_id", "status")
            .annotate(n=Count("pk"), demo=Count("pk", filter=Q(is_demo_content=True)),
                      last=Max("updated_at"))
            .order_by()
        )
        for programme_id, status, n, demo, last in counts:
            row = rows[partnership_of[programme_id]]
            row.status_counts[status] = n
            row.has_demo = row.has_demo or demo > 0
            row.updated = max(filter(None, (row.updated, last)))
        sdgs = (
            Measure.sdg_goals.through.objects.filter(
                measure__in=_measures(scope, programme_of.values())
            )
            .values_list("measure__programme_id", "sdggoal__code")
            .distinct()
            .order_by()
        )
        for programme_id, code in sdgs:
            rows[partnership_of[programme_id]].sdgs.append(code)
        for row in rows.values():
            row.sdgs.sort()
        if money:
            _money(rows, programme_of, scope, today)
    result = list(rows.values())
    if filters.phase:
        result = [row for row in result if row.phase_kind == filters.phase]
    if filters.sdg is not None:
        result = [row for row in result if filters.sdg in row.sdgs]
    return result


# --- sorting -----------------------------------------------------------------------------


def _folded(text: str) -> str:
    return sort_key(text)


def title_in(row: Row, language: str) -> str:
    return translated(row.partnership, "title", language).text


SORT_KEYS: dict[str, Callable[[Row, str], Any]] = {
    "title": lambda row, language: _folded(title_in(row, language)),
    "kind": lambda row, language: _folded(str(PartnershipKind(row.partnership.kind).label)),
    "phase": lambda row, language: PHASE_ORDER.get(row.phase_kind, -1),
    "measures": lambda row, language: row.measures_total,
    "planned": lambda row, language: row.planned_eur,
    "spent": lambda row, language: row.spent_eur,
    "sdgs": lambda row, language: len(row.sdgs),
    "updated": lambda row, language: row.updated,
}
DEFAULT_SORT = "title"


def rows_sorted(rows: Sequence[Row], *, key: str, descending: bool, language: str) -> list[Row]:
    """`rows` by one of `SORT_KEYS`; rows without a value (no money, no update) last in
    either direction, ties by title."""
    by = SORT_KEYS.get(key, SORT_KEYS[DEFAULT_SORT])
    by_title = sorted(rows, key=lambda row: SORT_KEYS["title"](row, language))
    present = [row for row in by_title if by(row, language) is not None]
    missing = [row for row in by_title if by(row, language) is None]
    return sorted(present, key=lambda row: by(row, language), reverse=descending) + missing


# --- the choices of the filters ------------------------------------------------------------


def filter_choices(scope: Scope) -> dict[str, list[Any]]:
    """The funding programmes and countries that occur in the scope (two queries)."""
    if scope is None:
        partnerships = Partnership.objects.published()
    else:
        partnerships = Partnership.objects.with_drafts_for(scope.user)
    programmes = list(
        FundingProgramme.objects.filter(partnerships__in=partnerships).distinct()
        .only("slug", "name", "original_language", "translations").order_by("name")
    )
    countries = sorted(
        set(PartnershipMember.objects.filter(partnership__in=partnerships)
            .values_list("municipality__country", flat=True))
    )
    return {"programmes": programmes, "countries": countries}
