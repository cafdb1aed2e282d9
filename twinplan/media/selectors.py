"""Reads of photos and documents, for the pages and for what turns a partnership into
other formats (the PDF reports, the export): see docs/media.md.

- `media_for(obj)`: the items of an event, a measure, an agreement or a partnership
  (the partnership's own: its cover and other pictures), in their order.
- `with_media(objects)`: the same for a list of events or measures in one query, set as
  `obj.media_list` on each.
- `page_media(partnership, events)`: the cover, the agreements' documents and the events'
  items of the partnership's page, in one query.
- `rendition_name(item, width)` and `rendition_bytes(item, width)`: the stored file of the
  rendition at least `width` pixels wide (the largest there is, else the print file);
  `width=None` gives the print file (or the PDF).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from twinplan.events.models import Event
from twinplan.media.models import MediaItem, MediaQuerySet
from twinplan.partnerships.models import Agreement, Partnership
from twinplan.programmes.models import Measure

T = TypeVar("T", Event, Measure)


def measure_has_media() -> Exists:
    """Whether the outer measure has photos or documents (for
    `measure_page_or_none(has_rows=…)`)."""
    return Exists(MediaItem.objects.filter(measure=OuterRef("pk")))


def media_for(obj: Event | Measure | Agreement | Partnership, *,
              published_only: bool = False) -> list[MediaItem]:
    items: MediaQuerySet = MediaItem.objects.all()
    if published_only:
        items = items.published()
    if isinstance(obj, Event):
        items = items.filter(event=obj)
    elif isinstance(obj, Measure):
        items = items.filter(measure=obj)
    elif isinstance(obj, Agreement):
        items = items.filter(agreement=obj)
    else:
        items = items.filter(partnership=obj, event__isnull=True, measure__isnull=True,
                             agreement__isnull=True)
    return list(items.order_by("-is_cover", "sequence", "id"))


def with_media(objects: Iterable[T]) -> list[T]:
    """`objects` (events or measures) with `media_list` set on each, in one query."""
    listed = list(objects)
    if not listed:
        return listed
    field = "event" if isinstance(listed[0], Event) else "measure"
    by_parent: dict[int, list[MediaItem]] = {}
    for item in MediaItem.objects.filter(**{f"{field}__in": [o.pk for o in listed]}).order_by(
        "sequence", "id"
    ):
        by_parent.setdefault(getattr(item, f"{field}_id"), []).append(item)
    for obj in listed:
        setattr(obj, "media_list", by_parent.get(obj.pk, []))  # noqa: B010
    return listed


def media_of_partnership(partnership: Partnership) -> list[MediaItem]:
    """Every item of the partnership, for the workspace, with what it belongs to."""
    return list(
        MediaItem.objects.filter(partnership=partnership)
        .select_related("event", "measure", "agreement")
        .order_by("event", "measure", "agreement", "sequence", "id")
    )


def rendition_widths(item: MediaItem) -> list[int]:
    return sorted(int(width) for width in item.renditions)


def rendition_name(item: MediaItem, width: int | None = None) -> str:
    """The name in storage of the rendition at least `width` wide (or the largest made);
    the print file (or the PDF) for `width=None`."""
    if width is None or not item.renditions:
        return item.file.name or ""
    widths = rendition_widths(item)
    chosen = next((w for w in widths if w >= width), widths[-1])
    return str(item.renditions[str(chosen)])


def rendition_bytes(item: MediaItem, width: int | None = None) -> bytes:
    with default_storage.open(rendition_name(item, width), "rb") as handle:
        data: bytes = handle.read()
    return data


def file_url(item: MediaItem, variant: str = "file") -> str:
    """The address of the item's file (`variant` "file" or a rendition width)."""
    return reverse("media_file", args=[item.key, variant])


def srcset(item: MediaItem) -> str:
    return ", ".join(f"{file_url(item, str(w))} {w}w" for w in rendition_widths(item))


def display_size(item: MediaItem, width: int) -> tuple[int, int]:
    """Width and height attributes for an <img> shown at most `width` wide."""
    if not item.width or not item.height:
        return width, width
    shown = min(width, item.width)
    return shown, max(1, round(item.height * shown / item.width))



@dataclass(frozen=True)
class PageMedia:
    """The pictures and documents of the partnership's page (`page_media`)."""

    cover: MediaItem | None
    agreement_documents: list[MediaItem]


def media_present() -> Exists:
    """Whether a partnership has any photo or document: an `Exists` flag on the
    partnership (`OuterRef("pk")`)."""
    return Exists(MediaItem.objects.filter(partnership=OuterRef("pk")))


def page_media(partnership: Partnership, events: Sequence[Event], *,
               found: bool = True) -> PageMedia:
    """What the partnership's page shows of its media in one query: the cover picture
    (`is_cover`), the agreements' documents in the agreements' order and each of
    `events`' items, set as `event.media_list` (as `with_media`). `found=False` (the
    partnership has none: `media_present`) reads nothing."""
    event_ids = [event.pk for event in events]
    items = [] if not found else list(
        MediaItem.objects.filter(partnership=partnership)
        .filter(Q(is_cover=True) | Q(agreement__isnull=False) | Q(event__in=event_ids))
        .select_related("agreement")
        .order_by("agreement__signed_on", "agreement", "sequence", "id")
    )
    documents = [item for item in items if item.agreement_id is not None]
    others = sorted((item for item in items if item.agreement_id is None),
                    key=lambda item: (item.sequence, item.pk))
    by_event: dict[int, list[MediaItem]] = {}
    for item in others:
        if item.event_id is not None:
            by_event.setdefault(item.event_id, []).append(item)
    for event in events:
        setattr(event, "media_list", by_event.get(event.pk, []))  # noqa: B010
    return PageMedia(
        cover=next((item for item in others if item.is_cover), None),
        agreement_documents=documents,
    )
