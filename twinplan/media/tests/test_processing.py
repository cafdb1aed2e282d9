"""What an upload turns into: accepted formats, pictures upright and without EXIF or GPS
(read back from what is stored), renditions, and every bad file refused with a message
before anything is stored."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from twinplan.events.models import Event
from twinplan.media.models import MediaItem
from twinplan.media.processing import RENDITION_WIDTHS, prepare, prepare_stored
from twinplan.media.selectors import rendition_bytes, rendition_name
from twinplan.media.tests.factories import image_bytes, media_item, pdf_bytes

pytestmark = pytest.mark.django_db


def stored_names() -> list[str]:
    """Every file name in storage under media/."""
    names: list[str] = []
    try:
        directories, _files = default_storage.listdir("media")
    except FileNotFoundError:
        return names
    for directory in directories:
        _sub, files = default_storage.listdir(f"media/{directory}")
        names += [f"media/{directory}/{name}" for name in files]
    return names


def is_red(pixel: tuple[int, ...]) -> bool:
    return pixel[0] > 150 and pixel[2] < 120


def is_blue(pixel: tuple[int, ...]) -> bool:
    return pixel[2] > 150 and pixel[0] < 120


def assert_no_metadata(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert "XML:com.adobe.xmp" not in image.info
    assert b"Pocket Phone" not in data


@pytest.fixture
def event(partnership):
    return Event.objects.create(partnership=partnership, kind="public_event",
                                title="Fest", original_language="de")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_each_accepted_format_is_stored_with_renditions(partnership, event, fmt):
    item = media_item(partnership, attached_to=event, data=image_bytes(fmt, (1000, 500)))
    assert item.kind == "image"
    assert (item.width, item.height) == (1000, 500)
    assert sorted(int(w) for w in item.renditions) == [480, 960]
    for width in (480, 960):
        rendition = Image.open(io.BytesIO(rendition_bytes(item, width)))
        assert rendition.format == "WEBP"
        assert rendition.size == (width, width // 2)
    assert Image.open(default_storage.open(item.file.name)).format == "JPEG"


def test_a_large_picture_gets_every_rendition_width(partnership, event):
    item = media_item(partnership, attached_to=event, data=image_bytes(size=(1700, 850)))
    assert sorted(int(w) for w in item.renditions) == list(RENDITION_WIDTHS)
    assert Image.open(io.BytesIO(rendition_bytes(item, 1600))).size == (1600, 800)


def test_a_small_picture_gets_one_rendition_of_its_own_width(partnership, event):
    item = media_item(partnership, attached_to=event, data=image_bytes(size=(300, 200)))
    assert list(item.renditions) == ["300"]
    assert rendition_name(item, 960) == item.renditions["300"]


@pytest.mark.parametrize("fmt", ["JPEG", "HEIF"])
def test_a_phone_photo_is_turned_upright_and_loses_exif_and_gps(partnership, event, fmt):
    """A photo taken in portrait: the sensor's landscape pixels with orientation 6 (turn 90°
    clockwise), a GPS position and the camera model. (A HEIC keeps the turn in its
    container as well; either way the picture must come out upright, once.)"""
    data = image_bytes(fmt, (1200, 800), orientation=6, gps=True)
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(0x8825)  # the position is in the upload
    assert b"Pocket Phone" in data
    item = media_item(partnership, attached_to=event, data=data)
    assert (item.width, item.height) == (800, 1200)  # portrait now
    stored = default_storage.open(item.file.name).read()
    upright = Image.open(io.BytesIO(stored)).convert("RGB")
    # The red left half of the sensor image is on top once turned clockwise.
    assert is_red(upright.getpixel((400, 50)))
    assert is_blue(upright.getpixel((400, 1150)))
    assert_no_metadata(stored)
    for width in item.renditions:
        assert_no_metadata(rendition_bytes(item, int(width)))


def test_a_phone_jpeg_with_a_second_picture_inside_is_accepted(partnership, event):
    """Many phones write JPEGs with a second picture in them (a depth or HDR gain map, in
    the multi-picture format); Pillow opens those as "MPO". They are JPEG photos, turned
    upright and stripped like any other; the second picture is not kept."""
    data = image_bytes("JPEG", (1200, 800), orientation=6, gps=True)
    second = io.BytesIO()
    Image.new("L", (600, 400), 128).save(second, "JPEG")
    out = io.BytesIO()
    Image.open(io.BytesIO(data)).save(
        out, "MPO", save_all=True, append_images=[Image.open(second)],
        exif=Image.open(io.BytesIO(data)).getexif().tobytes(),
    )
    assert Image.open(io.BytesIO(out.getvalue())).format == "MPO"
    item = media_item(partnership, attached_to=event, data=out.getvalue())
    assert (item.width, item.height) == (800, 1200)
    stored = default_storage.open(item.file.name).read()
    assert Image.open(io.BytesIO(stored)).format == "JPEG"
    assert is_red(Image.open(io.BytesIO(stored)).convert("RGB").getpixel((400, 50)))
    assert_no_metadata(stored)


def test_a_cmyk_jpeg_loses_its_cmyk_profile_and_an_rgb_one_is_kept(partnership, event):
    """The pixels are stored as RGB: a CMYK profile no longer fits them and is dropped
    (from the print file and the renditions); an RGB profile stays."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    cmyk = srgb[:16] + b"CMYK" + srgb[20:]  # an ICC header that says CMYK
    out = io.BytesIO()
    Image.new("CMYK", (600, 400), (0, 200, 200, 0)).save(out, "JPEG", icc_profile=cmyk)
    item = media_item(partnership, attached_to=event, data=out.getvalue())
    stored = Image.open(default_storage.open(item.file.name))
    assert stored.mode == "RGB"
    assert "icc_profile" not in stored.info
    assert "icc_profile" not in Image.open(io.BytesIO(rendition_bytes(item, 480))).info

    out = io.BytesIO()
    Image.new("RGB", (600, 400), (0, 200, 200)).save(out, "JPEG", icc_profile=srgb)
    item = media_item(partnership, attached_to=event, data=out.getvalue())
    assert Image.open(default_storage.open(item.file.name)).info["icc_profile"] == srgb


def test_a_16_bit_grey_png_keeps_its_greys(partnership, event):
    out = io.BytesIO()
    Image.new("I;16", (600, 400), 32768).save(out, "PNG")  # mid-grey in 16 bits
    item = media_item(partnership, attached_to=event, data=out.getvalue())
    stored = Image.open(default_storage.open(item.file.name)).convert("RGB")
    assert stored.getpixel((10, 10)) == (128, 128, 128)  # not clipped to white
    rendition = Image.open(io.BytesIO(rendition_bytes(item, 480))).convert("RGB")
    assert max(abs(c - 128) for c in rendition.getpixel((10, 10))) <= 2


def test_exif_and_gps_are_removed_from_jpeg(partnership, event):
    data = image_bytes("JPEG", (800, 600), orientation=1, gps=True)
    item = media_item(partnership, attached_to=event, data=data)
    assert_no_metadata(default_storage.open(item.file.name).read())
    assert_no_metadata(rendition_bytes(item, 480))


def test_transparency_keeps_a_png(partnership, event):
    item = media_item(partnership, attached_to=event,
                      data=image_bytes("PNG", (600, 400), mode="RGBA"))
    assert item.content_type == "image/png"
    assert Image.open(default_storage.open(item.file.name)).mode == "RGBA"


def test_a_pdf_is_stored_as_it_is(partnership):
    agreement = partnership.agreements.create(kind="council_resolution", title="Beschluss",
                                              original_language="de")
    item = media_item(partnership, attached_to=agreement, data=pdf_bytes())
    assert item.kind == "document"
    assert item.content_type == "application/pdf"
    assert default_storage.open(item.file.name).read() == pdf_bytes()


def _bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")  # 400 megapixels in a few kilobytes
    return out.getvalue()


def _truncated() -> bytes:
    data = image_bytes("JPEG", (1200, 800))
    return data[: len(data) // 3]


BAD_FILES = {
    "renamed executable": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 500, "photo.jpg",
                           "not a picture that can be read"),
    "script named like a picture": (b"#!/bin/sh\nrm -rf /\n", "holiday.png",
                                    "not a picture that can be read"),
    "decompression bomb": (_bomb(), "bomb.png", "megapixels"),
    "broken picture": (_truncated(), "cut.jpg", "damaged or incomplete"),
    "GIF": (b"", "anim.gif", ""),  # filled in below
    "PDF that is not a PDF": (b"%PDF-1.7\n" + b"\x00garbage" * 50, "minutes.pdf",
                              "not a PDF document"),
    "empty file": (b"", "empty.jpg", "The file is empty"),
}
_gif = io.BytesIO()
Image.new("P", (10, 10)).save(_gif, "GIF")
BAD_FILES["GIF"] = (_gif.getvalue(), "anim.gif", "not a picture that can be read")


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(partnership, event, case):
    data, _name, message = BAD_FILES[case]
    before = stored_names()
    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=event, data=data)
    assert message in " ".join(refused.value.message_dict["file"])
    assert MediaItem.objects.count() == 0
    assert stored_names() == before


def test_an_oversized_file_is_refused(partnership, event, settings):
    settings.TWINPLAN_MEDIA_MAX_BYTES = 10_000
    before = stored_names()
    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=event, data=image_bytes(size=(1500, 1500)))
    assert "MB" in refused.value.message_dict["file"][0]
    assert MediaItem.objects.count() == 0
    assert stored_names() == before


def test_a_picture_is_no_agreement_document(partnership):
    agreement = partnership.agreements.create(kind="friendship", title="Vertrag",
                                              original_language="de")
    before = stored_names()
    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=agreement, data=image_bytes())
    assert "not a PDF" in refused.value.message_dict["file"][0]
    assert stored_names() == before


def test_a_picture_without_text_alternative_stores_no_file(partnership, event):
    before = stored_names()
    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=event, alt_text="  ")
    assert "alt_text" in refused.value.message_dict
    assert MediaItem.objects.count() == 0
    assert stored_names() == before


def test_prepare_decides_by_content_not_by_name():
    assert prepare(image_bytes("PNG", (100, 100))).content_type == "image/jpeg"
    assert prepare(pdf_bytes()).kind == "document"


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA")])
def test_a_print_file_made_here_is_kept_byte_for_byte_with_new_renditions(fmt, mode):
    first = prepare(image_bytes(fmt, size=(1200, 800), mode=mode))

    again = prepare_stored(first.content)

    assert again.content == first.content
    assert (again.width, again.height) == (1200, 800)
    assert sorted(again.renditions) == sorted(first.renditions) == [480, 960]
    assert Image.open(io.BytesIO(again.renditions[480])).format == "WEBP"


def test_a_carried_file_with_exif_or_gps_is_cleaned_like_an_upload():
    with_gps = image_bytes("JPEG", size=(600, 400), gps=True)

    again = prepare_stored(with_gps)

    assert again.content != with_gps
    assert not Image.open(io.BytesIO(again.content)).getexif()


def test_a_carried_file_that_is_no_picture_is_refused_at_the_file():
    with pytest.raises(ValidationError, match="not a picture"):
        prepare_stored(b"GIF89a nothing")
    with pytest.raises(ValidationError, match="not a PDF"):
        prepare_stored(b"%PDF-1.4 cut off", document=True)


def test_a_cut_off_picture_is_refused_after_weasyprint_was_imported(partnership, event,
                                                                     monkeypatch):
    # WeasyPrint makes Pillow accept truncated images process-wide when it is imported.
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ValidationError) as refused:
        media_item(partnership, attached_to=event, data=_truncated())
    assert "damaged or incomplete" in " ".join(refused.value.message_dict["file"])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # what the other library set is kept
    assert MediaItem.objects.count() == 0
