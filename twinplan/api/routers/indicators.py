"""Indicators of measures and goals with their measured values, and writes of measured
values through indicators.services under the editor pages' rules."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from twinplan.api.auth import READ, WRITE, caller_of, writer_of
from twinplan.api.common import (
    PagingQuery,
    decimal_text,
    envelope,
    forbidden,
    not_found,
    page,
    rendered,
    service_call,
    set_etag,
    versioned_update,
)
from twinplan.api.language import requested_language, text, values_text
from twinplan.api.permissions import (
    draft_partnerships_q,
    may_add_indicator_value,
    may_edit_indicator_value,
)
from twinplan.api.routers.programmes import READ_ERRORS, WRITE_ERRORS
from twinplan.api.schemas.common import Conflict
from twinplan.api.schemas.indicators import (
    IndicatorOut,
    IndicatorPage,
    IndicatorValueIn,
    IndicatorValueOut,
    IndicatorValuePatchIn,
    IndicatorValuePutIn,
)
from twinplan.core.models import ReviewState
from twinplan.indicators import services
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.partnerships.permissions import AnyUser

router = Router(tags=["indicators"], auth=READ)


def visible_indicator_rows(user: AnyUser) -> QuerySet[Indicator]:
    measure_public = Q(measure__is_published=True, measure__programme__is_published=True,
                       measure__programme__partnership__is_published=True)
    goal_public = Q(goal__programme__is_published=True,
                    goal__programme__partnership__is_published=True)
    return (
        Indicator.objects.filter(
            measure_public | goal_public
            | draft_partnerships_q(user, "measure__programme__partnership")
            | draft_partnerships_q(user, "goal__programme__partnership")
        )
        .order_by("id")
    )


def visible_indicators(user: AnyUser) -> QuerySet[Indicator]:
    return (
        visible_indicator_rows(user)
        .select_related("measure__programme__partnership", "goal__programme__partnership")
        # Only approved values count and are listed; one waiting for review is read on its
        # own (`/indicator-values/{id}`) by those who may see it.
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.filter(
            review_state=ReviewState.APPROVED).order_by("date", "id")))
    )


def value_data(v: IndicatorValue) -> dict[str, Any]:
    return {"id": v.pk, "version": v.version, "indicator": v.indicator_id, "date": v.date,
            "value": str(v.value), "note": v.note, "source": v.source,
            "review_state": v.review_state}


def indicator_data(i: Indicator, language: str) -> dict[str, Any]:
    owner = i.measure if i.measure is not None else i.goal
    assert owner is not None
    return {
        "id": i.pk, "version": i.version, "partnership": owner.programme.partnership.slug,
        "measure": i.measure_id, "goal": i.goal_id,
        "name": text(i, "name", language), "description": text(i, "description", language),
        "unit": i.unit, "measure_type": i.measure_type, "ascending": i.ascending,
        "baseline": {"value": decimal_text(i.baseline_value), "year": i.baseline_year,
                     "source": i.baseline_source},
        "target": {"value": decimal_text(i.target_value), "year": i.target_year,
                   "source": i.target_source},
        "values": [value_data(v) for v in i.values.all()],
    }


# The columns a list shows, fetched as values: a page of 100 indicators holds thousands of
# measured values, and model instances of them cost many times their fetch.
INDICATOR_LIST_COLUMNS = (
    "id", "version", "measure_id", "goal_id", "measure__programme__partnership__slug",
    "goal__programme__partnership__slug", "name", "description", "original_language",
    "translations", "unit", "measure_type", "ascending", "baseline_value", "baseline_year",
    "baseline_source", "target_value", "target_year", "target_source",
)
VALUE_LIST_COLUMNS = ("indicator_id", "id", "version", "date", "value", "note", "source",
                      "review_state")


def indicator_list_data(rows: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """`indicator_data` of each indicator, from the `INDICATOR_LIST_COLUMNS` of a page of
    rows and one query for their approved values."""
    values: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if values:
        for indicator, pk, version, date, value, note, source, state in (
            IndicatorValue.objects.filter(indicator_id__in=list(values),
                                          review_state=ReviewState.APPROVED)
            .order_by("date", "id").values_list(*VALUE_LIST_COLUMNS)
        ):
            values[indicator].append({
                "id": pk, "version": version, "indicator": indicator,
                # As the API's JSON encoder writes a date, without calling it 10,000 times.
                "date": date.isoformat(), "value": str(value), "note": note,
                "source": source, "review_state": state})
    return [{
        "id": i["id"], "version": i["version"],
        "partnership": (i["measure__programme__partnership__slug"]
                        if i["measure_id"] is not None
                        else i["goal__programme__partnership__slug"]),
        "measure": i["measure_id"], "goal": i["goal_id"],
        "name": values_text(i, "name", language),
        "description": values_text(i, "description", language),
        "unit": i["unit"], "measure_type": i["measure_type"], "ascending": i["ascending"],
        "baseline": {"value": decimal_text(i["baseline_value"]), "year": i["baseline_year"],
                     "source": i["baseline_source"]},
        "target": {"value": decimal_text(i["target_value"]), "year": i["target_year"],
                   "source": i["target_source"]},
        "values": values[i["id"]],
    } for i in rows]


class IndicatorFilters(Schema):
    partnership: str | None = Field(None, max_length=80, description="A partnership's slug.")
    measure: int | None = Field(None, ge=1, le=2**31 - 1)
    goal: int | None = Field(None, ge=1, le=2**31 - 1)


@router.get("/indicators", response={200: IndicatorPage, **READ_ERRORS},
            summary="Indicators with their measured values")
def indicator_list(request: HttpRequest, paging: PagingQuery,
                   filters: Query[IndicatorFilters], lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    rows = visible_indicator_rows(caller_of(request).user)
    if filters.partnership:
        rows = rows.filter(Q(measure__programme__partnership__slug=filters.partnership)
                           | Q(goal__programme__partnership__slug=filters.partnership))
    if filters.measure:
        rows = rows.filter(measure_id=filters.measure)
    if filters.goal:
        rows = rows.filter(goal_id=filters.goal)
    total, found = page(rows.values(*INDICATOR_LIST_COLUMNS), paging)
    return rendered(request, envelope(total, paging, indicator_list_data(found, language)))


def _indicator_for(request: HttpRequest, pk: int) -> Indicator:
    indicator = visible_indicators(caller_of(request).user).filter(pk=pk).first()
    if indicator is None:
        raise not_found()
    return indicator


@router.get("/indicators/{indicator_id}", response={200: IndicatorOut, **READ_ERRORS},
            summary="One indicator with its measured values")
def indicator_detail(request: HttpRequest, response: HttpResponse, indicator_id: int,
                     lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    indicator = _indicator_for(request, indicator_id)
    set_etag(response, indicator.version)
    return indicator_data(indicator, language)


@router.post("/indicators/{indicator_id}/values", auth=WRITE,
             response={201: IndicatorValueOut, **WRITE_ERRORS},
             summary="Add a measured value to an indicator")
def indicator_value_create(request: HttpRequest, response: HttpResponse, indicator_id: int,
                           payload: IndicatorValueIn) -> Any:
    caller = writer_of(request)
    indicator = _indicator_for(request, indicator_id)
    if not may_add_indicator_value(caller.user, indicator):
        raise forbidden()
    with service_call():
        value = services.indicator_value_create(indicator=indicator, by=caller.user,
                                                **payload.model_dump())
    set_etag(response, value.version)
    return Status(201, value_data(value))


def _value_for(request: HttpRequest, pk: int) -> IndicatorValue:
    value = IndicatorValue.objects.filter(
        pk=pk, indicator__in=visible_indicators(caller_of(request).user).values("pk")
    ).select_related("indicator__measure__programme__partnership",
                     "indicator__goal__programme__partnership").first()
    if value is None:
        raise not_found()
    return value


@router.get("/indicator-values/{value_id}", response={200: IndicatorValueOut, **READ_ERRORS},
            summary="One measured value")
def indicator_value_detail(request: HttpRequest, response: HttpResponse,
                           value_id: int) -> Any:
    value = _value_for(request, value_id)
    set_etag(response, value.version)
    return value_data(value)


@router.patch("/indicator-values/{value_id}", auth=WRITE,
              response={200: IndicatorValueOut, 412: Conflict, **WRITE_ERRORS},
              summary="Change a measured value (If-Match: its ETag)")
def indicator_value_update(request: HttpRequest, response: HttpResponse, value_id: int,
                           payload: IndicatorValuePatchIn,
                           if_match: str | None = Header(None, alias="If-Match")) -> Any:
    """Only the fields sent are changed."""
    return _value_write(request, response, value_id, payload, if_match)


@router.put("/indicator-values/{value_id}", auth=WRITE,
            response={200: IndicatorValueOut, 412: Conflict, **WRITE_ERRORS},
            summary="Replace a measured value's fields (If-Match: its ETag)")
def indicator_value_replace(request: HttpRequest, response: HttpResponse, value_id: int,
                            payload: IndicatorValuePutIn,
                            if_match: str | None = Header(None, alias="If-Match")) -> Any:
    """Every field is sent, as the value is to be (a field left out is a 422); the same
    rules, locking and service as PATCH."""
    return _value_write(request, response, value_id, payload, if_match)


def _value_write(request: HttpRequest, response: HttpResponse, value_id: int,
                 payload: IndicatorValuePatchIn | IndicatorValuePutIn,
                 if_match: str | None) -> Any:
    """PATCH and PUT of a measured value: the fields sent (for PUT, all of them) through
    services.indicator_value_update under optimistic locking."""
    caller = writer_of(request)
    value = _value_for(request, value_id)
    saved = versioned_update(
        value, allowed=may_edit_indicator_value(caller.user, value), if_match=if_match,
        shown=value_data, reload=lambda: IndicatorValue.objects.get(pk=value_id),
        update=lambda version: services.indicator_value_update(
            value, by=caller.user, expected_version=version,
            **payload.model_dump(include=payload.model_fields_set)),
    )
    set_etag(response, saved.version)
    return value_data(saved)
