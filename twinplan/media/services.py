"""Writes for photos and documents. An upload is checked and prepared (media.processing)
before anything is stored; the files go through Django's storage API under a random key;
the item is written with core.writes like every other kind (validation, version, history
author, the bin on delete)."""

from __future__ import annotations

import secrets
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from twinplan.core.writes import Author, object_change, object_insert, object_remove
from twinplan.events.models import Event
from twinplan.media.models import MediaItem, MediaKind
from twinplan.media.processing import Prepared, prepare, prepare_stored, read_upload
from twinplan.partnerships.models import Agreement, Partnership
from twinplan.programmes.models import Measure

Attachable = Event | Measure | Agreement | None


class MediaFields(TypedDict, total=False):
    caption: str
    alt_text: str
    credit: str
    licence: str
    people: str
    is_cover: bool
    sequence: int
    original_language: str
    translations: dict[str, Any]
    is_demo_content: bool


def _store(key: str, prepared: Prepared) -> tuple[str, dict[str, str]]:
    """Save the files; their names in storage, main file first."""
    main = default_storage.save(
        f"media/{key}/file.{prepared.extension}", ContentFile(prepared.content)
    )
    renditions = {
        str(width): default_storage.save(f"media/{key}/w{width}.webp", ContentFile(content))
        for width, content in prepared.renditions.items()
    }
    return main, renditions


def _discard(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _others_uncover(item: MediaItem, by: Author) -> None:
    """One cover picture per partnership: the previous one stops being it."""
    for other in MediaItem.objects.filter(partnership=item.partnership_id, is_cover=True
                                          ).exclude(pk=item.pk):
        object_change(other, by=by, expected_version=None, values={"is_cover": False})


def media_create(
    *, partnership: Partnership, by: Author, upload: Any, attached_to: Attachable = None,
    stored: bool = False, **fields: Unpack[MediaFields],
) -> MediaItem:
    """A picture or PDF document of `partnership`, belonging to `attached_to` (an event,
    a measure or an agreement of it) or to the partnership itself. `upload` is a file
    object (an UploadedFile, a ContentFile). Refused with the message at its field, and
    nothing stored, when the file or a field is not acceptable. `stored`: the file is a
    print file made by twinplan (from a partnership file), kept as it is when it holds
    nothing but pixels, with its renditions made again (`processing.prepare_stored`)."""
    data = read_upload(upload)
    prepare_file = prepare_stored if stored else prepare
    prepared = prepare_file(data, document=isinstance(attached_to, Agreement))
    fields.setdefault("original_language", partnership.original_language)
    item = MediaItem(
        partnership=partnership,
        event=attached_to if isinstance(attached_to, Event) else None,
        measure=attached_to if isinstance(attached_to, Measure) else None,
        agreement=attached_to if isinstance(attached_to, Agreement) else None,
        kind=MediaKind.IMAGE if prepared.kind == "image" else MediaKind.DOCUMENT,
        key=secrets.token_hex(16),
        content_type=prepared.content_type,
        width=prepared.width,
        height=prepared.height,
        size_bytes=len(prepared.content),
        **fields,
    )
    item.full_clean(exclude=["file"])  # the fields, before any file is written
    main, renditions = _store(item.key, prepared)
    item.file = main
    item.renditions = renditions
    try:
        with transaction.atomic():
            object_insert(item, by=by)
            if item.is_cover:
                _others_uncover(item, by)
    except Exception:
        _discard([main, *renditions.values()])
        raise
    return item


def media_update(
    item: MediaItem, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[MediaFields],
) -> MediaItem:
    """Change the texts, credit, licence, consent, cover flag or order; the file stays
    (upload a new one and delete the old to replace it)."""
    with transaction.atomic():
        saved = object_change(item, by=by, expected_version=expected_version, values=fields)
        if saved.is_cover:
            _others_uncover(saved, by)
    return saved


def media_delete(item: MediaItem, /, *, by: Author) -> None:
    """Into the bin with the partnership's other deleted items; the files stay in storage
    while it can be restored."""
    object_remove(item, by=by, scope=item.partnership)


def attachable(partnership: Partnership, target: str) -> Attachable | Partnership:
    """The object named by `target` ("event:12", "measure:3", "agreement:5" or
    "partnership") in `partnership`; a ValidationError at "attached_to" otherwise."""
    kind, _sep, raw = target.partition(":")
    lookups: dict[str, Any] = {
        "event": Event.objects.filter(partnership=partnership),
        "measure": Measure.objects.filter(programme__partnership=partnership),
        "agreement": Agreement.objects.filter(partnership=partnership),
    }
    if kind == "partnership" and not raw:
        return partnership
    if kind in lookups and raw.isdigit():
        found = lookups[kind].filter(pk=int(raw)).first()
        if found is not None:
            return found
    raise ValidationError({"attached_to": _("Choose what the file belongs to.")})


def media_files_after_purge(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A bin entry forgotten (core.bin.bin_purge): the files of the items it held go too,
    unless the item was restored meanwhile (connected in MediaConfig.ready)."""
    names: list[str] = []
    for row in instance.rows or []:
        if row.get("model") != "media.mediaitem":
            continue
        fields = row.get("fields", {})
        if MediaItem.objects.filter(key=fields.get("key")).exists():
            continue
        names += [fields.get("file") or "", *(fields.get("renditions") or {}).values()]
    if names:
        transaction.on_commit(lambda: _discard([name for name in names if name]))
