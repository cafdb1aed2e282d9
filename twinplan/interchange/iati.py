"""A partnership as one IATI 2.03 activity (docs/iati.md).

The activity carries what the public pages show: the partnership and its current
published action programme with its published measures. The iati-identifier and the
reporting-org come from the funding programme's IATI settings; without them (or without
a date to start the activity with) `IatiNotReady` lists what is missing.

Codes: IATI OrganisationType, OrganisationRole, ActivityStatus, ActivityDateType,
Sector (OECD DAC 5-digit, vocabulary 1), TagVocabulary 2 and 3 (UN SDG goals and
targets), BudgetType, BudgetStatus, Currency, IndicatorMeasure, ResultType, Language.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.core.languages import content_language_codes
from twinplan.core.models import TranslatableModel
from twinplan.core.translation import translated
from twinplan.events.models import Event
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.money.models import Resource, ResourceKind
from twinplan.organisations.models import OrganisationType
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import (
    ActionProgramme,
    Goal,
    Measure,
    MeasureStatus,
    ProgrammeStatus,
)

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

LOCAL_GOVERNMENT = "11"
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END, DATE_ACTUAL_END = "1", "2", "3", "4"
TAG_SDG_GOAL, TAG_SDG_TARGET = "2", "3"
SECTOR_DAC_5 = "1"
RESULT_OUTPUT, RESULT_OUTCOME = "1", "2"

# Organisation kinds as IATI organisation types.
ORGANISATION_TYPES = {
    OrganisationType.ADMINISTRATION: LOCAL_GOVERNMENT,
    OrganisationType.SCHOOL: "80",
    OrganisationType.UNIVERSITY: "80",
    OrganisationType.ASSOCIATION: "22",
    OrganisationType.COMPANY: "70",
    OrganisationType.UTILITY: "15",
    OrganisationType.OTHER: "90",
}

PROGRAMME_STATUS = {
    ProgrammeStatus.DRAFT: "1",
    ProgrammeStatus.ADOPTED: "1",
    ProgrammeStatus.IMPLEMENTATION: "2",
    ProgrammeStatus.COMPLETED: "3",
    ProgrammeStatus.SUPERSEDED: "2",
}


class IatiNotReady(Exception):
    """The activity cannot be written yet; `missing` says what is needed, in the reader's
    language."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class _Programme:
    programme: ActionProgramme | None
    measures: list[Measure]
    goals: list[Goal]


def iati_language(code: str) -> str:
    """A content language as an IATI Language code: "sr-latn" → "sr"."""
    return code.split("-")[0].lower()


def _narratives(parent: ET.Element, obj: TranslatableModel, field: str) -> int:
    """One narrative per language the field is written in (original and translations);
    Serbian once (the Cyrillic original or translation before the Latin one)."""
    written: set[str] = set()
    languages = [obj.original_language] + [
        code for code in content_language_codes() if code != obj.original_language
    ]
    for code in languages:
        text = translated(obj, field, code)
        if text.is_fallback or not text.text.strip():
            continue
        language = iati_language(code)
        if language in written:
            continue
        written.add(language)
        narrative = ET.SubElement(parent, "narrative")
        narrative.set(XML_LANG, language)
        narrative.text = text.text.strip()
    return len(written)


def _plain_narrative(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "narrative").text = text


def _shares(counts: dict[str, int]) -> list[tuple[str, Decimal]]:
    """Percentages by count that add up to exactly 100 (the last takes the rounding)."""
    total = sum(counts.values())
    result: list[tuple[str, Decimal]] = []
    running = Decimal(0)
    items = sorted(counts.items())
    for index, (code, count) in enumerate(items):
        if index == len(items) - 1:
            share = Decimal(100) - running
        else:
            share = (Decimal(100) * count / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
        running += share
        result.append((code, share))
    return result


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _current_programme(partnership: Partnership) -> _Programme:
    programme = (
        ActionProgramme.objects.filter(partnership=partnership, is_published=True)
        .order_by("-edition").first()
    )
    if programme is None:
        return _Programme(None, [], [])
    indicators = Prefetch(
        "indicators",
        queryset=Indicator.objects.prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("date", "id"))
        ).order_by("id"),
    )
    measures = list(
        Measure.objects.filter(programme=programme, is_published=True)
        .prefetch_related("sdg_goals", "sdg_targets", indicators,
                          Prefetch("resources", queryset=Resource.objects.order_by("id")))
        .order_by("code", "id")
    )
    goals = list(
        Goal.objects.filter(programme=programme).prefetch_related(
            "sdg_goals", "sdg_targets", indicators
        ).order_by("position", "id")
    )
    return _Programme(programme, measures, goals)


def _funder_country(partnership: Partnership) -> str:
    programme = partnership.funding_programme
    if programme is not None and programme.funder is not None and programme.funder.country:
        return programme.funder.country
    ref = programme.iati_reporting_org_ref if programme is not None else ""
    if len(ref) > 2 and ref[2] == "-" and ref[:2].isalpha() and ref[:2].upper() != "XM":
        return ref[:2].upper()
    # Unknown: the first partner is the one in the funder's country (the programmes
    # twinplan serves are run from the first partner's country).
    first = partnership.members.select_related("municipality").order_by("position", "id").first()
    return first.municipality.country if first is not None else ""


def iati_missing(partnership: Partnership) -> list[str]:
    """What the activity still needs before it can be written (empty: ready)."""
    missing: list[str] = []
    programme = partnership.funding_programme
    if programme is None:
        return [_("The partnership has no funding programme; IATI needs the funder's "
                  "settings (identifier prefix and reporting organisation).")]
    if not programme.iati_identifier_prefix:
        missing.append(_("The funding programme's IATI activity identifier prefix is not set."))
    if not programme.iati_reporting_org_ref:
        missing.append(_("The funding programme's IATI reporting organisation identifier is "
                         "not set."))
    if not programme.iati_reporting_org_type:
        missing.append(_("The funding programme's IATI reporting organisation type is not "
                         "set."))
    if not programme.iati_reporting_org_name:
        missing.append(_("The funding programme's IATI reporting organisation name is not "
                         "set."))
    if _first_event_date(partnership) is None and not _dated(partnership,
                                                              _current_programme(partnership)):
        missing.append(_("The partnership has no start date (nor a published programme, "
                         "measure or event with a date), and IATI needs one activity date."))
    return missing


def _first_event_date(partnership: Partnership) -> date | None:
    return (
        Event.objects.published().filter(partnership=partnership, start_date__isnull=False)
        .order_by("start_date").values_list("start_date", flat=True).first()
    )


def _dated(partnership: Partnership, found: _Programme) -> bool:
    programme = found.programme
    return bool(
        partnership.start_date
        or (programme is not None and programme.period_start)
        or any(m.actual_start or m.planned_start for m in found.measures)
    )


def _last_updated(partnership: Partnership, found: _Programme) -> datetime:
    stamps = [partnership.updated_at]
    if found.programme is not None:
        stamps.append(found.programme.updated_at)
    latest = Measure.objects.filter(
        pk__in=[m.pk for m in found.measures]
    ).aggregate(latest=Max("updated_at"))["latest"]
    if latest:
        stamps.append(latest)
    return max(stamp for stamp in stamps if stamp is not None)


def _activity_status(found: _Programme) -> str:
    if found.programme is None:
        return "2"
    if found.measures and all(m.status == MeasureStatus.COMPLETED for m in found.measures):
        return "3"
    return PROGRAMME_STATUS.get(found.programme.status, "2")  # type: ignore[call-overload]


def _dates(activity: ET.Element, partnership: Partnership, found: _Programme) -> None:
    programme = found.programme
    planned_start = programme.period_start if programme else None
    planned_end = programme.period_end if programme else None
    entries: list[tuple[str, date]] = []
    if planned_start:
        entries.append((DATE_PLANNED_START, planned_start))
    actual_start = partnership.start_date or min(
        (m.actual_start for m in found.measures if m.actual_start), default=None
    ) or _first_event_date(partnership)
    if actual_start:
        entries.append((DATE_ACTUAL_START, actual_start))
    elif not planned_start:
        planned_start = min(m.planned_start for m in found.measures if m.planned_start)
        entries.append((DATE_PLANNED_START, planned_start))
    if planned_end:
        entries.append((DATE_PLANNED_END, planned_end))
    for kind, when in entries:
        ET.SubElement(activity, "activity-date", {"type": kind, "iso-date": when.isoformat()})


def _participants(activity: ET.Element, partnership: Partnership, found: _Programme) -> None:
    programme = partnership.funding_programme
    assert programme is not None
    funder = programme.funder
    attributes = {"role": ROLE_FUNDING}
    if funder is not None and funder.iati_identifier not in ("",
                                                             programme.iati_reporting_org_ref):
        # A funder of its own, not the reporting organisation: its identifier only (its
        # IATI type is not kept).
        attributes["ref"] = funder.iati_identifier
    else:
        # The funder reports itself (or is not named): the reporting organisation.
        attributes["ref"] = programme.iati_reporting_org_ref
        attributes["type"] = programme.iati_reporting_org_type
    funding = ET.SubElement(activity, "participating-org", attributes)
    _plain_narrative(funding, funder.name if funder is not None else
                     programme.iati_reporting_org_name)
    if partnership.initiator is not None:
        initiator = partnership.initiator
        attributes = {"role": ROLE_ACCOUNTABLE, "type": ORGANISATION_TYPES.get(
            initiator.kind, "90")}  # type: ignore[call-overload]
        if initiator.iati_identifier:
            attributes["ref"] = initiator.iati_identifier
        _plain_narrative(ET.SubElement(activity, "participating-org", attributes),
                         initiator.name)
    for member in partnership.members.select_related("municipality").order_by("position", "id"):
        org = ET.SubElement(activity, "participating-org",
                            {"role": ROLE_IMPLEMENTING, "type": LOCAL_GOVERNMENT})
        _plain_narrative(org, member.municipality.name)


def _recipient_countries(activity: ET.Element, partnership: Partnership) -> None:
    funder_country = _funder_country(partnership)
    counts: dict[str, int] = defaultdict(int)
    for member in partnership.members.select_related("municipality"):
        country = member.municipality.country
        if country and country != funder_country:
            counts[country] = 1
    for code, share in _shares(counts) if counts else []:
        ET.SubElement(activity, "recipient-country", {"code": code, "percentage": _number(share)})


def _sectors_and_tags(activity: ET.Element, found: _Programme) -> None:
    counts: dict[str, int] = defaultdict(int)
    for measure in found.measures:
        if measure.dac_sector:
            counts[measure.dac_sector] += 1
    for code, share in _shares(counts) if counts else []:
        ET.SubElement(activity, "sector",
                      {"vocabulary": SECTOR_DAC_5, "code": code, "percentage": _number(share)})
    goals: set[int] = set()
    targets: set[str] = set()
    items: list[Goal | Measure] = [*found.measures, *found.goals]
    for item in items:
        goals |= {goal.code for goal in item.sdg_goals.all()}
        targets |= {target.code for target in item.sdg_targets.all()}
    goals |= {int(target.split(".")[0]) for target in targets}
    for number in sorted(goals):
        ET.SubElement(activity, "tag", {"vocabulary": TAG_SDG_GOAL, "code": str(number)})
    for target_code in sorted(targets, key=lambda c: [int(p) if p.isdigit() else p
                                                      for p in c.split(".")]):
        ET.SubElement(activity, "tag", {"vocabulary": TAG_SDG_TARGET, "code": target_code})


def _budgets(activity: ET.Element, partnership: Partnership, found: _Programme) -> None:
    """One budget per calendar year and currency: the planned money of the measures'
    resource lines (dated by the line, else the programme's or the partnership's start)."""
    fallback = (found.programme.period_start if found.programme else None) or \
        partnership.start_date
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for measure in found.measures:
        for resource in measure.resources.all():
            if resource.kind != ResourceKind.MONEY or resource.planned_amount is None:
                continue
            when = resource.date or fallback
            if when is None:
                continue
            totals[(when.year, resource.currency)] += resource.planned_amount
    for (year, currency), amount in sorted(totals.items()):
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
        ET.SubElement(budget, "period-start", {"iso-date": f"{year}-01-01"})
        ET.SubElement(budget, "period-end", {"iso-date": f"{year}-12-31"})
        value = ET.SubElement(budget, "value",
                              {"currency": currency, "value-date": f"{year}-01-01"})
        value.text = _number(amount)


def _results(activity: ET.Element, found: _Programme) -> None:
    owners: list[tuple[str, Goal | Measure]] = [
        *((RESULT_OUTCOME, goal) for goal in found.goals),
        *((RESULT_OUTPUT, measure) for measure in found.measures),
    ]
    for kind, owner in owners:
        indicators = list(owner.indicators.all())
        if not indicators:
            continue
        result = ET.SubElement(activity, "result", {"type": kind})
        if not _narratives(ET.SubElement(result, "title"), owner, "title"):
            _plain_narrative(result.find("title"), str(owner))  # type: ignore[arg-type]
        for indicator in indicators:
            element = ET.SubElement(result, "indicator", {
                "measure": indicator.measure_type,
                "ascending": "1" if indicator.ascending else "0",
            })
            title = ET.SubElement(element, "title")
            if not _narratives(title, indicator, "name"):
                _plain_narrative(title, indicator.name)
            if indicator.baseline_year is not None:
                attributes = {"year": str(indicator.baseline_year)}
                if indicator.baseline_value is not None:
                    attributes["value"] = _number(indicator.baseline_value)
                baseline = ET.SubElement(element, "baseline", attributes)
                if indicator.baseline_source:
                    _plain_narrative(ET.SubElement(baseline, "comment"),
                                     indicator.baseline_source)
            for measured in indicator.values.all():
                period = ET.SubElement(element, "period")
                ET.SubElement(period, "period-start", {"iso-date": measured.date.isoformat()})
                ET.SubElement(period, "period-end", {"iso-date": measured.date.isoformat()})
                actual = ET.SubElement(period, "actual", {"value": _number(measured.value)})
                _plain_narrative(ET.SubElement(actual, "comment"), measured.source)
            if indicator.target_year is not None and indicator.target_value is not None:
                period = ET.SubElement(element, "period")
                year = indicator.target_year
                ET.SubElement(period, "period-start", {"iso-date": f"{year}-01-01"})
                ET.SubElement(period, "period-end", {"iso-date": f"{year}-12-31"})
                target = ET.SubElement(period, "target",
                                       {"value": _number(indicator.target_value)})
                if indicator.target_source:
                    _plain_narrative(ET.SubElement(target, "comment"), indicator.target_source)


def iati_activities(partnership: Partnership, *, now: datetime | None = None) -> bytes:
    """The IATI 2.03 `iati-activities` document with the partnership's one activity, as
    UTF-8 bytes; `IatiNotReady` when something it needs is missing."""
    missing = iati_missing(partnership)
    if missing:
        raise IatiNotReady(missing)
    programme = partnership.funding_programme
    assert programme is not None
    found = _current_programme(partnership)
    now = now or timezone.now()
    root = ET.Element("iati-activities", {
        "version": IATI_VERSION,
        "generated-datetime": now.replace(microsecond=0).isoformat(),
    })
    attributes: dict[str, Any] = {
        "last-updated-datetime": _last_updated(partnership, found)
        .replace(microsecond=0).isoformat(),
        XML_LANG: iati_language(partnership.original_language),
    }
    activity = ET.SubElement(root, "iati-activity", attributes)
    ET.SubElement(activity, "iati-identifier").text = (
        f"{programme.iati_identifier_prefix}-{partnership.slug}"
    )
    reporting = ET.SubElement(activity, "reporting-org", {
        "ref": programme.iati_reporting_org_ref, "type": programme.iati_reporting_org_type,
    })
    _plain_narrative(reporting, programme.iati_reporting_org_name)
    _narratives(ET.SubElement(activity, "title"), partnership, "title")
    description = ET.SubElement(activity, "description", {"type": "1"})
    field = "description" if partnership.description.strip() else (
        "summary" if partnership.summary.strip() else "title"
    )
    _narratives(description, partnership, field)
    if partnership.aims.strip():
        _narratives(ET.SubElement(activity, "description", {"type": "2"}), partnership, "aims")
    _participants(activity, partnership, found)
    ET.SubElement(activity, "activity-status", {"code": _activity_status(found)})
    _dates(activity, partnership, found)
    _recipient_countries(activity, partnership)
    _sectors_and_tags(activity, found)
    _budgets(activity, partnership, found)
    _results(activity, found)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
