"""`{% load media_tags %}` and `{% media_picture item 960 as pic %}`: what an <img> of a
picture needs (src, srcset, width and height for a layout at most 960 px wide)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from twinplan.media.models import MediaItem
from twinplan.media.selectors import display_size, file_url, rendition_widths, srcset

register = template.Library()


@dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    width: int
    height: int
    file: str  # the print file (or the PDF)


@register.simple_tag
def media_picture(item: MediaItem, max_width: int = 960) -> Picture:
    widths = rendition_widths(item)
    fallback = next((w for w in widths if w >= max_width), widths[-1] if widths else None)
    width, height = display_size(item, max_width)
    return Picture(
        src=file_url(item, str(fallback)) if fallback else file_url(item),
        srcset=srcset(item),
        width=width,
        height=height,
        file=file_url(item),
    )
