from __future__ import annotations

from datetime import date

from pydantic import Field

from twinplan.api.schemas.common import FullReplacement, InputSchema, Output, PageMeta, Text
from twinplan.events.models import EventKind


class EventOut(Output):
    id: int
    version: int
    partnership: str
    kind: EventKind
    title: Text
    description: Text
    participants_text: Text
    start_date: date | None
    end_date: date | None
    sequence: int
    place_name: str
    country: str
    host_municipality: str | None
    latitude: float | None
    longitude: float | None
    location_source: str
    participant_count: int | None
    source: str
    is_published: bool
    is_demo_content: bool


class EventPage(PageMeta):
    results: list[EventOut]


class EventFieldsIn(InputSchema):
    kind: EventKind
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    participants_text: str = ""
    start_date: date | None = None
    end_date: date | None = None
    sequence: int | None = Field(None, ge=0, le=32767)
    place_name: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    host_municipality: str | None = Field(None, max_length=80)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    location_source: str = Field("", max_length=300)
    participant_count: int | None = Field(None, ge=0, le=2147483647)
    source: str = Field("", max_length=300)
    original_language: str | None = Field(None, max_length=15)


class EventCreateIn(EventFieldsIn):
    partnership: str = Field(..., max_length=80, description="The partnership's slug.")


class EventPatchIn(EventFieldsIn):
    kind: EventKind = EventKind.OTHER
    title: str = Field("", min_length=1, max_length=300)


class EventPutIn(FullReplacement, EventFieldsIn):
    """Every field, as the event is to be: a field left out is a 422, not its default.
    `sequence` and `original_language` may be null: the event keeps the ones it has."""
