"""A partnership's published events as an iCalendar feed (RFC 5545), written with the
`icalendar` library.

Only events with a date are in the feed (a calendar entry needs one); they are all-day
entries, `DTEND` being the day after the last day as RFC 5545 counts it. Titles and
descriptions are in the reader's language where a translation exists, else the original.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from twinplan.core.translation import translated
from twinplan.events.models import Event
from twinplan.events.selectors import events_published
from twinplan.partnerships.models import Partnership

PRODUCT_ID = "-//twinplan//partnership events//EN"


def event_uid(event: Event, host: str) -> str:
    """Stable across edits, so a calendar program updates an entry instead of adding one."""
    return f"event-{event.pk}@{host}"


def _stamp(event: Event) -> datetime:
    return event.updated_at or timezone.now()


def events_calendar(
    partnership: Partnership, *, language: str, host: str, page_url: str
) -> bytes:
    """The feed of the partnership's published, dated events, as bytes (UTF-8, CRLF)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", translated(partnership, "title", language).text)
    for event in events_published(partnership):
        if event.start_date is None:
            continue
        entry = CalendarEvent()
        entry.add("uid", event_uid(event, host))
        entry.add("dtstamp", _stamp(event))
        entry.add("summary", translated(event, "title", language).text)
        entry.add("dtstart", event.start_date)
        last_day = event.end_date or event.start_date
        entry.add("dtend", last_day + timedelta(days=1))
        description = translated(event, "description", language).text
        if event.is_demo_content:
            description = f"[demo] {description}".strip()
        if description:
            entry.add("description", description)
        place = ", ".join(
            part for part in (event.place_name, event.country) if part
        )
        if place:
            entry.add("location", vText(place))
        if event.latitude is not None and event.longitude is not None:
            entry.add("geo", (event.latitude, event.longitude))
        entry.add("categories", [event.get_kind_display()])
        entry.add("url", page_url)
        calendar.add_component(entry)
    return calendar.to_ical()
