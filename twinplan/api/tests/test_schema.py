"""The OpenAPI document: served at /api/v1/openapi.json, the same as the committed copy
(so that every change to the API is deliberate), and its docs page served from our own
static files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from twinplan.api.api import api

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "openapi.json"


def current_schema() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))


def test_the_committed_schema_is_the_served_one():
    """On a deliberate change: `./manage.py api_schema > twinplan/api/openapi.json`."""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == current_schema(), (
        "The API changed: review it, then run ./manage.py api_schema "
        "> twinplan/api/openapi.json")


@pytest.mark.django_db
def test_openapi_json_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["openapi"].startswith("3.")
    assert served["paths"].keys() == current_schema()["paths"].keys()
    reads = served["paths"]["/api/v1/measures"]["get"]["security"]
    assert {} in reads  # a token is optional on reads
    writes = served["paths"]["/api/v1/measures"]["post"]["security"]
    assert {} not in writes


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_another_host(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses
    assert all(address.startswith("/static/") for address in addresses), addresses
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
