"""Checking and preparing an uploaded file before anything is stored.

A picture is accepted when Pillow (with pillow-heif for the HEIC photos of phones) decodes
it as JPEG, PNG, WebP or HEIC, whatever its name says; its pixel count is checked from the
header before it is decoded (a decompression bomb is refused unread). It is turned upright
by its EXIF orientation, then copied pixel by pixel into a new image, so no EXIF, GPS
position, XMP or comment survives; an RGB colour profile is kept. What is stored: the
picture for print (JPEG, or PNG when it has transparency, at most `PRINT_MAX_PX` on its
long side) and WebP renditions `RENDITION_WIDTHS` wide for pages.

A document is accepted when it is a PDF: it starts with the PDF header and ends with the
end-of-file marker.

Every refusal is a ValidationError at the field "file" that says what is wrong.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

# "MPO": a JPEG with a second picture in it (a depth or HDR gain map), as many phones
# write them; only the first picture, the photo, is read.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP",
                    "HEIF": "HEIC"}
RENDITION_WIDTHS = (480, 960, 1600)
PRINT_MAX_PX = 3000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 50_000_000


def max_bytes() -> int:
    return int(getattr(settings, "TWINPLAN_MEDIA_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pixels() -> int:
    return int(getattr(settings, "TWINPLAN_MEDIA_MAX_PIXELS", DEFAULT_MAX_PIXELS))


@dataclass
class Prepared:
    """What is stored of one upload: the main file and, for pictures, the renditions."""

    kind: str  # "image" or "document"
    content: bytes
    extension: str
    content_type: str
    width: int | None = None
    height: int | None = None
    renditions: dict[int, bytes] = field(default_factory=dict)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def read_upload(upload: Any) -> bytes:
    """The bytes of an uploaded file, refused beyond the size limit without reading it."""
    size = getattr(upload, "size", None)
    limit = max_bytes()
    if size is not None and size > limit:
        raise _refuse(_("The file is %(size)s MB; at most %(limit)s MB are accepted.") % {
            "size": _megabytes(size), "limit": _megabytes(limit)})
    read = upload.read
    if hasattr(upload, "seek"):
        upload.seek(0)
    data: bytes = read(limit + 1)
    if len(data) > limit:
        raise _refuse(_("The file is larger than %(limit)s MB, the most accepted.") % {
            "limit": _megabytes(limit)})
    if not data:
        raise _refuse(_("The file is empty."))
    return data


def looks_like_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def prepare(data: bytes, *, document: bool = False) -> Prepared:
    """Check `data` and prepare what is stored; `document` when a PDF is expected."""
    if document or data.startswith(b"%PDF"):
        if not looks_like_pdf(data):
            raise _refuse(_("This file is not a PDF document (or it is cut off). Documents "
                            "are accepted as PDF."))
        return Prepared(kind="document", content=data, extension="pdf",
                        content_type="application/pdf")
    return _prepare_image(data)


def prepare_stored(data: bytes, *, document: bool = False) -> Prepared:
    """Like `prepare`, for a print file an installation of twinplan made (a partnership
    file carries it): a JPEG or PNG within `PRINT_MAX_PX` that holds pixels, colour profile
    and nothing else is kept byte for byte and only its renditions are made again; any
    other file is prepared as an upload is."""
    if document or data.startswith(b"%PDF"):
        return prepare(data, document=document)
    image = _open(data)
    if image.format not in ("JPEG", "PNG") or max(image.size) > PRINT_MAX_PX:
        return _prepare_image(data)
    try:
        with _strict_decoding():
            image.load()
    except (OSError, ValueError, SyntaxError):
        raise _refuse(_("The picture is damaged or incomplete and cannot be read.")) from None
    if image.format == "JPEG":
        # JFIF (APP0) and the colour profile (APP2) only: no EXIF, XMP or maker notes.
        clean = all(
            marker in ("APP0", "APP2")
            for marker, _content in getattr(image, "applist", [])
        )
    else:
        clean = not getattr(image, "text", {})
    clean = clean and not image.getexif() and not any(
        key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment")
    )
    if not clean:
        return _prepare_image(data)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    extra = _rgb_profile(image)
    pixels = _eight_bit(image).convert("RGBA" if has_alpha else "RGB")
    return Prepared(
        kind="image", content=data, extension="jpg" if image.format == "JPEG" else "png",
        content_type="image/jpeg" if image.format == "JPEG" else "image/png",
        width=pixels.width, height=pixels.height, renditions=_renditions(pixels, extra),
    )


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit grey PNG (Pillow's modes "I;16…" and "I") scaled down to 8-bit grey:
    converted to RGB as it is, every value above 255 would be clipped to white."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image


def _rgb_profile(image: Image.Image) -> dict[str, Any]:
    """The colour profile to keep, as options of `save`: only a profile for RGB pixels,
    which is what is stored. A CMYK or grey profile (print-shop JPEGs, scans) does not fit
    the converted pixels and is dropped; left in, it would mislead viewers and PDFs."""
    icc = image.info.get("icc_profile")
    if isinstance(icc, bytes) and icc[16:20] == b"RGB ":
        return {"icc_profile": icc}
    return {}


def _renditions(clean: Image.Image, extra: dict[str, Any]) -> dict[int, bytes]:
    renditions: dict[int, bytes] = {}
    for width in RENDITION_WIDTHS:
        if width > clean.width and renditions:
            break
        target = min(width, clean.width)
        height = max(1, round(clean.height * target / clean.width))
        small = clean.resize((target, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, "WEBP", quality=80, method=4, **extra)
        renditions[target] = buffer.getvalue()
    return renditions


def check(data: bytes) -> str:
    """The quick check a form makes before the full one of `prepare`: a PDF by its header
    and end marker, a picture by its header (format and pixel count); "image" or
    "document", else a ValidationError at "file"."""
    if data.startswith(b"%PDF"):
        return prepare(data).kind
    _open(data)
    return "image"


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Decode with Pillow's strict default, whatever another library set: WeasyPrint turns
    on LOAD_TRUNCATED_IMAGES for the whole process when it is imported, which would let a
    cut-off upload through as a partly grey picture."""
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _open(data: bytes) -> Image.Image:
    not_a_picture = _(
        "This file is not a picture that can be read. Accepted are JPEG, PNG, WebP and HEIC "
        "pictures and PDF documents."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("The picture has more than the %(limit)s megapixels accepted.") % {
            "limit": max_pixels() // 1_000_000}) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _refuse(not_a_picture) from None
    if image.format not in ACCEPTED_FORMATS:
        raise _refuse(not_a_picture)
    width, height = image.size
    if width * height > max_pixels():
        raise _refuse(_(
            "The picture is %(width)s × %(height)s pixels, more than the %(limit)s megapixels "
            "accepted."
        ) % {"width": width, "height": height, "limit": max_pixels() // 1_000_000})
    return image


def _prepare_image(data: bytes) -> Prepared:
    image = _open(data)
    broken = _("The picture is damaged or incomplete and cannot be read.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _strict_decoding():
                image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(_("The picture would be too large once decoded.")) from None
    except (OSError, ValueError, SyntaxError, SyntaxWarning):
        raise _refuse(broken) from None
    upright = _eight_bit(upright)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    converted = upright.convert(mode)
    # A new image with the pixels only: no EXIF, GPS, XMP, comments or text chunks.
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    extra = _rgb_profile(image)

    printable = clean.copy()
    printable.thumbnail((PRINT_MAX_PX, PRINT_MAX_PX), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if has_alpha:
        printable.save(out, "PNG", optimize=True, **extra)
        extension, content_type = "png", "image/png"
    else:
        printable.save(out, "JPEG", quality=88, progressive=True, optimize=True, **extra)
        extension, content_type = "jpg", "image/jpeg"
    renditions = _renditions(clean, extra)
    return Prepared(
        kind="image", content=out.getvalue(), extension=extension, content_type=content_type,
        width=printable.width, height=printable.height, renditions=renditions,
    )
