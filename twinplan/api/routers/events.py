"""Events of the partnerships (published, and drafts for those who read them), and their
writes through events.services under the editor pages' rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from twinplan.api.auth import READ, WRITE, caller_of, writer_of
from twinplan.api.common import (
    PagingQuery,
    envelope,
    forbidden,
    not_found,
    page,
    rendered,
    service_call,
    set_etag,
    unknown,
    versioned_update,
)
from twinplan.api.language import requested_language, text, values_text
from twinplan.api.permissions import draft_partnerships_q, may_add_event, may_edit_event
from twinplan.api.routers.programmes import READ_ERRORS, WRITE_ERRORS, _language
from twinplan.api.schemas.common import Conflict
from twinplan.api.schemas.events import (
    EventCreateIn,
    EventFieldsIn,
    EventOut,
    EventPage,
    EventPatchIn,
    EventPutIn,
)
from twinplan.events import services
from twinplan.events.models import Event, EventKind
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import AnyUser

router = Router(tags=["events"], auth=READ)


def visible_events(user: AnyUser) -> QuerySet[Event]:
    return (
        Event.objects.filter(
            Q(is_published=True, partnership__is_published=True)
            | draft_partnerships_q(user, "partnership")
        )
        .select_related("partnership", "host_municipality")
        .order_by("partnership__slug", "sequence", "start_date", "id")
    )


def event_data(e: Event, language: str) -> dict[str, Any]:
    return {
        "id": e.pk, "version": e.version, "partnership": e.partnership.slug,
        "kind": e.kind, "title": text(e, "title", language),
        "description": text(e, "description", language),
        "participants_text": text(e, "participants_text", language),
        "start_date": e.start_date, "end_date": e.end_date, "sequence": e.sequence,
        "place_name": e.place_name, "country": e.country,
        "host_municipality": e.host_municipality.slug if e.host_municipality else None,
        "latitude": e.latitude, "longitude": e.longitude,
        "location_source": e.location_source, "participant_count": e.participant_count,
        "source": e.source,
        "is_published": e.is_published and e.partnership.is_published,
        "is_demo_content": e.is_demo_content,
    }


# The columns a list shows, fetched as values (model instances cost more than the fetch).
EVENT_LIST_COLUMNS = (
    "id", "version", "partnership__slug", "kind", "title", "description",
    "participants_text", "original_language", "translations", "start_date", "end_date",
    "sequence", "place_name", "country", "host_municipality__slug", "latitude", "longitude",
    "location_source", "participant_count", "source", "is_published",
    "partnership__is_published", "is_demo_content",
)


def event_list_data(rows: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """`event_data` of each event, from the `EVENT_LIST_COLUMNS` of a page of rows."""
    return [{
        "id": e["id"], "version": e["version"], "partnership": e["partnership__slug"],
        "kind": e["kind"], "title": values_text(e, "title", language),
        "description": values_text(e, "description", language),
        "participants_text": values_text(e, "participants_text", language),
        "start_date": e["start_date"], "end_date": e["end_date"], "sequence": e["sequence"],
        "place_name": e["place_name"], "country": e["country"],
        "host_municipality": e["host_municipality__slug"],
        "latitude": e["latitude"], "longitude": e["longitude"],
        "location_source": e["location_source"], "participant_count": e["participant_count"],
        "source": e["source"],
        "is_published": e["is_published"] and e["partnership__is_published"],
        "is_demo_content": e["is_demo_content"],
    } for e in rows]


class EventFilters(Schema):
    partnership: str | None = Field(None, max_length=80, description="A partnership's slug.")
    kind: EventKind | None = None
    since: date | None = Field(None, description="Events ending (or starting) on or after.")
    until: date | None = Field(None, description="Events starting on or before.")


@router.get("/events", response={200: EventPage, **READ_ERRORS}, summary="Events")
def event_list(request: HttpRequest, paging: PagingQuery, filters: Query[EventFilters],
               lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    rows = visible_events(caller_of(request).user)
    if filters.partnership:
        rows = rows.filter(partnership__slug=filters.partnership)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.since:
        rows = rows.filter(Q(end_date__gte=filters.since)
                           | Q(end_date__isnull=True, start_date__gte=filters.since))
    if filters.until:
        rows = rows.filter(start_date__lte=filters.until)
    total, found = page(rows.values(*EVENT_LIST_COLUMNS), paging)
    return rendered(request, envelope(total, paging, event_list_data(found, language)))


def _event_for(request: HttpRequest, pk: int) -> Event:
    event = visible_events(caller_of(request).user).filter(pk=pk).first()
    if event is None:
        raise not_found()
    return event


@router.get("/events/{event_id}", response={200: EventOut, **READ_ERRORS}, summary="One event")
def event_detail(request: HttpRequest, response: HttpResponse, event_id: int,
                 lang: str | None = None) -> Any:
    language = requested_language(request, lang)
    event = _event_for(request, event_id)
    set_etag(response, event.version)
    return event_data(event, language)


PLAIN = ("kind", "title", "description", "participants_text", "start_date", "end_date",
         "sequence", "place_name", "country", "latitude", "longitude", "location_source",
         "participant_count", "source")


def _arguments(payload: EventFieldsIn, partnership: Partnership,
               given: set[str]) -> dict[str, Any]:
    data = payload.model_dump(include=given)
    args: dict[str, Any] = {name: data[name] for name in PLAIN if name in data}
    if "kind" in args:
        args["kind"] = str(args["kind"])
    if args.get("sequence", 0) is None:
        del args["sequence"]
    if data.get("original_language") is not None:
        args["original_language"] = _language(data["original_language"],
                                              "body.original_language")
    if "host_municipality" in data:
        slug = data["host_municipality"]
        host = None if slug is None else Municipality.objects.filter(
            slug=slug, memberships__partnership=partnership).first()
        if slug is not None and host is None:
            raise unknown("body.host_municipality",
                          _("“%(slug)s” is not a member municipality of this partnership.")
                          % {"slug": slug})
        args["host_municipality"] = host
    return args


@router.post("/events", auth=WRITE, response={201: EventOut, **WRITE_ERRORS},
             summary="Add an event (a draft) to a partnership")
def event_create(request: HttpRequest, response: HttpResponse, payload: EventCreateIn,
                 lang: str | None = None) -> Any:
    caller = writer_of(request)
    language = requested_language(request, lang)
    partnership = Partnership.objects.visible_to(caller.user).filter(
        slug=payload.partnership).first()
    if partnership is None:
        raise unknown("body.partnership", _("No partnership “%(slug)s” that you may see.")
                      % {"slug": payload.partnership})
    if not may_add_event(caller.user, partnership):
        raise forbidden()
    args = _arguments(payload, partnership,
                      (payload.model_fields_set - {"partnership"}) | {"kind", "title"})
    with service_call():
        event = services.event_create(partnership=partnership, by=caller.user, **args)
    set_etag(response, event.version)
    return Status(201, event_data(_event_for(request, event.pk), language))


@router.patch("/events/{event_id}", auth=WRITE,
              response={200: EventOut, 412: Conflict, **WRITE_ERRORS},
              summary="Change an event (If-Match: its ETag)")
def event_update(request: HttpRequest, response: HttpResponse, event_id: int,
                 payload: EventPatchIn,
                 if_match: str | None = Header(None, alias="If-Match"),
                 lang: str | None = None) -> Any:
    """Only the fields sent are changed."""
    return _event_write(request, response, event_id, payload, if_match, lang)


@router.put("/events/{event_id}", auth=WRITE,
            response={200: EventOut, 412: Conflict, **WRITE_ERRORS},
            summary="Replace an event's fields (If-Match: its ETag)")
def event_replace(request: HttpRequest, response: HttpResponse, event_id: int,
                  payload: EventPutIn,
                  if_match: str | None = Header(None, alias="If-Match"),
                  lang: str | None = None) -> Any:
    """Every field is sent, as the event is to be (a field left out is a 422); the same
    rules, locking and service as PATCH."""
    return _event_write(request, response, event_id, payload, if_match, lang)


def _event_write(request: HttpRequest, response: HttpResponse, event_id: int,
                 payload: EventFieldsIn, if_match: str | None, lang: str | None) -> Any:
    """PATCH and PUT of an event: the fields sent (for PUT, all of them) through
    services.event_update under optimistic locking."""
    caller = writer_of(request)
    language = requested_language(request, lang)
    event = _event_for(request, event_id)
    versioned_update(
        event, allowed=may_edit_event(caller.user, event), if_match=if_match,
        shown=lambda shown: event_data(shown, language),
        reload=lambda: _event_for(request, event_id),
        update=lambda version: services.event_update(
            event, by=caller.user, expected_version=version,
            **_arguments(payload, event.partnership, payload.model_fields_set)),
    )
    fresh = _event_for(request, event_id)
    set_etag(response, fresh.version)
    return event_data(fresh, language)
