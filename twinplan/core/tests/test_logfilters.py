"""A refused page is logged in one line; a server error keeps its traceback."""

from __future__ import annotations

import io
import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response

from twinplan.core.logfilters import ClientErrorsWithoutTraceback


def logged(status: int) -> str:
    """What Django's request logger writes for an answer of `status` made by an exception
    (as `response_for_exception` logs it)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ClientErrorsWithoutTraceback())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        try:
            raise PermissionDenied if status < 500 else RuntimeError("broken")
        except Exception as exc:
            log_response("%s: %s", "Fault", "/de/workspace/x/",
                         response=HttpResponse(status=status),
                         request=RequestFactory().get("/de/workspace/x/"), exception=exc)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_a_refused_page_is_one_line_without_traceback():
    text = logged(403)
    assert "Fault: /de/workspace/x/" in text
    assert "Traceback" not in text


def test_a_server_error_keeps_its_traceback():
    assert "Traceback" in logged(500)
