"""Admin helpers the apps share."""

from __future__ import annotations

from django.contrib import admin
from django.db import models


def add_inline(model: type[models.Model], inline: type[admin.options.InlineModelAdmin]) -> None:
    """Show `inline` on the admin of `model`, registered by an app below the caller, so
    that app need not know about the caller's models."""
    model_admin = admin.site.get_model_admin(model)
    if inline not in model_admin.inlines:
        # On this one registered instance only; the class stays as its app defined it.
        model_admin.inlines = [*model_admin.inlines, inline]  # type: ignore[misc]
