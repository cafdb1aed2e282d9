"""`{{ mapping|get_item:key }}` for the document templates (the partnership page's
editions come from its view: `editions_public`)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
