"""`manage.py check` (and every server or worker start) reports an unusable
TWINPLAN_LIBRETRANSLATE_URL at once, not when the first job fails."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from twinplan.machinetranslation.backends import machine_translation_backend


def check_libretranslate_url(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        machine_translation_backend()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="machinetranslation.E001")]
    return []
