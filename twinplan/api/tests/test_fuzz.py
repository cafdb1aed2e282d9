"""A schemathesis run against the live OpenAPI document, in-process: generated requests
to every operation (anonymous, and with a coordinator's token) must never meet a server
error nor a response that breaks the document. Bounded in examples and time; it runs once
(on SQLite), not again in the PostgreSQL pass."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from twinplan.api.tests.conftest import make_token

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="the fuzzing run runs once, on SQLite"),
]


@pytest.fixture
def wsgi_schema(db):
    """The schema as the WSGI application serves it, called in-process inside the test's
    transaction (as Django's test client does, the connection is kept open between
    requests)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_no_server_error_and_no_response_breaking_the_schema(api_world, wsgi_schema, who):
    headers = {}
    if who != "anonymous":
        headers["Authorization"] = f"Bearer {make_token(api_world.users[who])}"
    failures: list[str] = []
    calls = 0
    for result in wsgi_schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=6, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                nonlocal calls
                calls += 1
                response = case.call(headers=headers)
                try:
                    case.validate_response(
                        response, checks=[not_a_server_error, response_schema_conformance])
                except Exception as error:
                    failures.append(f"{case.operation.label}: {str(error)[:600]}")

            try:
                run()
            except Unsatisfiable:
                # No invalid request can be made of this operation's parameters.
                assert mode is GenerationMode.NEGATIVE
    assert calls > 100
    assert failures == []
