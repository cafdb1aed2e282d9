"""Filters for the log configuration (config/settings: dev and production)."""

from __future__ import annotations

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A refused or missing page (a 4xx answer) is logged in one line. Django attaches the
    `PermissionDenied` or `Http404` that made it, whose traceback says nothing of a fault
    and buried the server errors; those (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
