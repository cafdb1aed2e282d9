"""Placeholder pictures for the demo: drawn with Pillow when the demo is seeded, plainly
marked as demo (the word DEMO across the picture, credit "demo"), so that nothing looks
like a real photo of the towns. The public events and each partnership's cover get one."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus
from twinplan.demo.media_texts import TEXTS
from twinplan.demo.translations import DEMO_PARTNERSHIPS, demo_translation
from twinplan.events.models import Event, EventKind
from twinplan.media.models import Licence, MediaItem, People
from twinplan.media.services import media_create
from twinplan.partnerships.models import Partnership

DEMO_CREDIT = "demo"
PALETTE = [(214, 232, 222), (222, 226, 240), (240, 228, 210), (232, 216, 232)]



def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans where the system has it (every letter of the towns' names), else
    Pillow's own font."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def placeholder_png(title: str, *, size: tuple[int, int] = (1600, 900), shade: int = 0) -> bytes:
    """A flat, striped picture with DEMO across it and `title` below: obviously drawn."""
    width, height = size
    background = PALETTE[shade % len(PALETTE)]
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    stripe = tuple(max(0, c - 18) for c in background)
    for x in range(-height, width, 80):
        draw.line([(x, height), (x + height, 0)], fill=stripe, width=24)
    draw.rectangle([(24, 24), (width - 25, height - 25)], outline=(60, 60, 60), width=6)
    draw.text((width // 2, height // 2 - 60), "DEMO", fill=(60, 60, 60),
              font=_font(height // 4), anchor="mm")
    draw.text((width // 2, height // 2 + 110), title[:60], fill=(40, 40, 40),
              font=_font(height // 18), anchor="mm")
    draw.text((width // 2, height - 70), "placeholder · Platzhalter · ảnh giữ chỗ",
              fill=(70, 70, 70), font=_font(height // 30), anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _translate(item: MediaItem, texts: dict[str, dict[str, str]], title: str) -> None:
    """Caption and alt text in every demo language, with the title as the demo's
    translations give it in that language."""
    titles = demo_translation(title) or {}
    for field, key in (("caption", texts["caption"]), ("alt_text", texts["alt"])):
        for language, text in key.items():
            if language != item.original_language:
                translation_set(obj=item, field=field, language=language,
                                text=text.format(title=titles.get(language, title)),
                                status=TranslationStatus.HUMAN)


def _placeholder(partnership: Partnership, title: str, shade: int, *, event: Event | None,
                 texts: dict[str, dict[str, str]]) -> MediaItem:
    item = media_create(
        partnership=partnership, by=None, attached_to=event,
        upload=ContentFile(placeholder_png(title, shade=shade), name="demo.png"),
        caption=texts["caption"]["de"].format(title=title), alt_text=texts["alt"]["de"],
        credit=DEMO_CREDIT, licence=Licence.CC0, people=People.NONE,
        is_cover=event is None, original_language="de", is_demo_content=True,
    )
    _translate(item, texts, title)
    return item


def media_demo() -> None:
    """Placeholders for the published public events and a cover for each published demo
    partnership, where they have none yet."""
    events = {"caption": TEXTS["event_caption"], "alt": TEXTS["event_alt"]}
    covers = {"caption": TEXTS["cover_caption"], "alt": TEXTS["cover_alt"]}
    for shade, event in enumerate(
        Event.objects.published().filter(kind=EventKind.PUBLIC_EVENT, media_items=None,
                                         partnership__slug__in=DEMO_PARTNERSHIPS)
        .select_related("partnership").order_by("pk")
    ):
        _placeholder(event.partnership, event.title, shade, event=event, texts=events)
    for shade, partnership in enumerate(
        Partnership.objects.filter(is_published=True, slug__in=DEMO_PARTNERSHIPS)
        .exclude(media_items__is_cover=True).order_by("slug")
    ):
        _placeholder(partnership, partnership.title, shade + 2, event=None, texts=covers)
