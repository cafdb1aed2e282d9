"""`{% public_editions partnership as editions %}` for the partnership's public page, and
`{{ mapping|get_item:key }}` for the document templates."""

from __future__ import annotations

from typing import Any

from django import template

from twinplan.partnerships.models import Partnership
from twinplan.reports.models import Edition
from twinplan.reports.selectors import editions_public

register = template.Library()


@register.simple_tag
def public_editions(partnership: Partnership) -> list[Edition]:
    return editions_public(partnership)


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
