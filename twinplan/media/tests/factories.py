"""Files for the media tests, made on the spot with Pillow (and pillow-heif)."""

from __future__ import annotations

import io
from typing import Any

import pillow_heif
from django.core.files.base import ContentFile
from PIL import Image

from twinplan.media.models import MediaItem
from twinplan.media.services import media_create

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (1200, 800), *, orientation: int | None = None,
    gps: bool = False, colour: tuple[int, int, int] = (200, 60, 40), mode: str = "RGB",
) -> bytes:
    """A picture in `fmt` (JPEG, PNG, WEBP, HEIF), optionally with an EXIF orientation, a
    GPS position and a camera model. The left half is red, the right half blue, so the
    orientation can be read back from the pixels."""
    image = Image.new(mode, size, colour if mode == "RGB" else (*colour, 128))
    blue = Image.new(mode, (size[0] // 2, size[1]), (30, 60, 220) if mode == "RGB"
                     else (30, 60, 220, 255))
    image.paste(blue, (size[0] - size[0] // 2, 0))
    exif = Image.Exif()
    exif[0x0110] = "Pocket Phone 12"  # camera model
    if orientation is not None:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (51.0, 50.0, 0.0), 3: "E", 4: (10.0, 47.0, 0.0)}
    out = io.BytesIO()
    if fmt == "HEIF":
        pillow_heif.register_heif_opener()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def pdf_bytes() -> bytes:
    """A minimal valid one-page PDF."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def upload(data: bytes, name: str = "photo.jpg") -> ContentFile:
    return ContentFile(data, name=name)


IMAGE_FIELDS: dict[str, Any] = {
    "alt_text": "Children plant a tree in front of the school",
    "caption": "Baumpflanzung",
    "credit": "Foto: Stadt Wernigerode",
    "licence": "cc-by-4.0",
    "people": "consented",
}


def media_item(partnership: Any, attached_to: Any = None, data: bytes | None = None,
               by: Any = None, **fields: Any) -> MediaItem:
    values = {**IMAGE_FIELDS, **fields}
    if data is not None and data.startswith(b"%PDF"):
        values = {"caption": "Vertrag", "credit": "", "licence": "permission", **fields}
    return media_create(partnership=partnership, by=by, attached_to=attached_to,
                        upload=upload(data if data is not None else image_bytes(size=(600, 400))),
                        **values)
