"""The page a locked-out login gets (django-axes calls `locked_out`)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def locked_out(request: HttpRequest, response: HttpResponse | None = None,
               credentials: dict[str, Any] | None = None) -> HttpResponse:
    """Too many failed logins for this user name from this address: say when to retry."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(request, "accounts/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": math.ceil(cooloff.total_seconds() / 60),
        "retry_at": timezone.now() + cooloff,
    }, status=429)
