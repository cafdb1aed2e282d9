from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def ws_add(kind: str, slug: str, parent: Any = None) -> str:
    """`{% ws_add "measure" partnership.slug programme %}` → the add URL with ?parent=."""
    url = reverse(f"workspace:{kind}_add", args=[slug])
    return f"{url}?{urlencode({'parent': parent.pk})}" if parent is not None else url


@register.simple_tag
def ws_url(action: str, kind: str, slug: str, obj: Any) -> str:
    """`{% ws_url "edit" "goal" partnership.slug goal %}`."""
    return reverse(f"workspace:{kind}_{action}", args=[slug, obj.pk])


@register.simple_tag
def ws_history_restore(kind: str, slug: str, obj: Any, record_id: int) -> str:
    """`{% ws_history_restore "goal" partnership.slug goal entry.record_id %}`."""
    return reverse(f"workspace:{kind}_history_restore", args=[slug, obj.pk, record_id])


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`{{ jobs|get_item:name }}`."""
    return mapping.get(key) if mapping else None
