"""`{% object_access "measure" measure as can %}`: what the user may do with one object, as
the permission layer works it out (`workspace.permissions.object_access`), from the
`access` the view put in the context. Templates read its flags and restate no rule."""

from __future__ import annotations

from typing import Any

from django import template

from twinplan.partnerships.permissions import PartnershipAccess
from twinplan.workspace import permissions as rules
from twinplan.workspace.registry import KINDS

register = template.Library()


@register.simple_tag(takes_context=True)
def object_access(context: template.Context, kind_name: str, obj: Any) -> rules.ObjectAccess:
    access = context.get("access")
    request = context.get("request")
    if obj is None or request is None or not isinstance(access, PartnershipAccess):
        return rules.NOTHING
    # Once per request and object, however many partials ask.
    cache: dict[tuple[str, Any], rules.ObjectAccess] = request.__dict__.setdefault(
        "_workspace_object_access", {}
    )
    key = (kind_name, obj.pk)
    if key not in cache:
        can = rules.object_access(request.user, access, KINDS[kind_name], obj)
        partnership = context.get("partnership")
        if getattr(partnership, "archived_on", None) is not None:
            can = rules.read_only(can)
        cache[key] = can
    return cache[key]
