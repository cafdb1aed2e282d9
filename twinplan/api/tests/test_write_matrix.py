"""Every write of the API by every kind of user of the permission matrix, with input that
would change something: allowed exactly where the editor pages allow it
(workspace.permissions, asked here as the referee), and then the database changed;
refused with a 4xx JSON body otherwise, and then nothing changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from twinplan.api.tests.test_put import event_body, measure_body, progress_body, value_body
from twinplan.events.models import Event
from twinplan.indicators.models import IndicatorValue
from twinplan.partnerships.permissions import partnership_access
from twinplan.programmes.models import Measure, ProgressEntry
from twinplan.workspace import permissions as rules
from twinplan.workspace.registry import KINDS

USERS = ["anonymous", "outsider", "inactive_coordinator", "contributor", "contributor_elsewhere",
         "contributor_without_organisation", "other_coordinator", "coordinator",
         "partner_coordinator", "programme_coordinator", "network_admin"]


@dataclass
class Write:
    name: str
    method: str
    url: Any  # (world) -> str
    body: Any  # (world) -> dict
    allowed: Any  # (user, access, world) -> bool, from workspace.permissions
    snapshot: Any  # (world) -> something that differs after the write
    versioned: Any = None  # (world) -> the object whose version If-Match names


def _measure_rows() -> Any:
    return sorted(Measure.objects.values_list("pk", "title", "version"))


def _progress_rows() -> Any:
    return sorted(ProgressEntry.objects.values_list("pk", "text", "version"))


def _value_rows() -> Any:
    return sorted(IndicatorValue.objects.values_list("pk", "value", "version"))


def _event_rows() -> Any:
    return sorted(Event.objects.values_list("pk", "title", "version"))


WRITES = [
    Write("measure_create", "post", lambda w: "/api/v1/measures",
          lambda w: {"programme": w.objects["programme"].pk, "title": "Neu per API"},
          lambda u, a, w: rules.may_add(a, KINDS["measure"], w.objects["programme"]),
          lambda w: _measure_rows()),
    Write("measure_update", "patch", lambda w: f"/api/v1/measures/{w.objects['measure'].pk}",
          lambda w: {"title": "Umbenannt per API"},
          lambda u, a, w: rules.may_edit(u, a, KINDS["measure"], w.objects["measure"]),
          lambda w: _measure_rows(), lambda w: w.objects["measure"]),
    Write("progress_create_attached", "post",
          lambda w: f"/api/v1/measures/{w.objects['measure'].pk}/progress",
          lambda w: {"text": "Ein Schritt per API"},
          lambda u, a, w: rules.may_add(a, KINDS["progress"], w.objects["measure"]),
          lambda w: _progress_rows()),
    Write("progress_create_unattached", "post",
          lambda w: f"/api/v1/measures/{w.spare['measure'].pk}/progress",
          lambda w: {"text": "Ein Schritt per API"},
          lambda u, a, w: rules.may_add(a, KINDS["progress"], w.spare["measure"]),
          lambda w: _progress_rows()),
    Write("progress_update", "patch", lambda w: f"/api/v1/progress/{w.objects['progress'].pk}",
          lambda w: {"text": "Korrigiert per API"},
          lambda u, a, w: rules.may_edit(u, a, KINDS["progress"], w.objects["progress"]),
          lambda w: _progress_rows(), lambda w: w.objects["progress"]),
    Write("indicatorvalue_create", "post",
          lambda w: f"/api/v1/indicators/{w.objects['indicator'].pk}/values",
          lambda w: {"date": "2026-06-01", "value": "7.5", "source": "Zähler"},
          lambda u, a, w: rules.may_add(a, KINDS["indicatorvalue"], w.objects["indicator"]),
          lambda w: _value_rows()),
    Write("indicatorvalue_update", "patch",
          lambda w: f"/api/v1/indicator-values/{w.objects['indicatorvalue'].pk}",
          lambda w: {"value": "9"},
          lambda u, a, w: rules.may_edit(u, a, KINDS["indicatorvalue"],
                                         w.objects["indicatorvalue"]),
          lambda w: _value_rows(), lambda w: w.objects["indicatorvalue"]),
    Write("event_create", "post", lambda w: "/api/v1/events",
          lambda w: {"partnership": w.partnership.slug, "kind": "workshop",
                     "title": "Neu per API"},
          lambda u, a, w: rules.may_add(a, KINDS["event"], None),
          lambda w: _event_rows()),
    Write("event_update", "patch", lambda w: f"/api/v1/events/{w.objects['event'].pk}",
          lambda w: {"title": "Umbenannt per API"},
          lambda u, a, w: rules.may_edit(u, a, KINDS["event"], w.objects["event"]),
          lambda w: _event_rows(), lambda w: w.objects["event"]),
    # PUT: the same rules as PATCH, with every field sent.
    Write("measure_replace", "put", lambda w: f"/api/v1/measures/{w.objects['measure'].pk}",
          measure_body,
          lambda u, a, w: rules.may_edit(u, a, KINDS["measure"], w.objects["measure"]),
          lambda w: _measure_rows(), lambda w: w.objects["measure"]),
    Write("progress_replace", "put", lambda w: f"/api/v1/progress/{w.objects['progress'].pk}",
          progress_body,
          lambda u, a, w: rules.may_edit(u, a, KINDS["progress"], w.objects["progress"]),
          lambda w: _progress_rows(), lambda w: w.objects["progress"]),
    Write("indicatorvalue_replace", "put",
          lambda w: f"/api/v1/indicator-values/{w.objects['indicatorvalue'].pk}",
          value_body,
          lambda u, a, w: rules.may_edit(u, a, KINDS["indicatorvalue"],
                                         w.objects["indicatorvalue"]),
          lambda w: _value_rows(), lambda w: w.objects["indicatorvalue"]),
    Write("event_replace", "put", lambda w: f"/api/v1/events/{w.objects['event'].pk}",
          event_body,
          lambda u, a, w: rules.may_edit(u, a, KINDS["event"], w.objects["event"]),
          lambda w: _event_rows(), lambda w: w.objects["event"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("write", WRITES, ids=[w.name for w in WRITES])
def test_write_allowed_exactly_where_the_pages_allow_it(api_world, as_user, who, write):
    w = api_world
    user = w.users[who]
    reader = user if user is not None else AnonymousUser()
    access = partnership_access(reader, w.partnership)
    allowed = bool(user is not None and user.is_active and write.allowed(reader, access, w))
    client = as_user(user)
    headers = {}
    if write.versioned is not None:
        headers["If-Match"] = f'"{write.versioned(w).version}"'
    before = write.snapshot(w)
    response = getattr(client, write.method)(write.url(w), write.body(w), **headers)
    after = write.snapshot(w)
    assert response["Content-Type"].startswith("application/json")
    if allowed:
        assert response.status_code in (200, 201), response.content
        assert after != before
    else:
        assert response.status_code in (401, 403, 404), (response.status_code,
                                                          response.content)
        assert response.json()["detail"]
        assert after == before
    if user is None or not user.is_active:
        assert response.status_code == 401


def test_the_matrix_allows_and_refuses_someone_for_every_write(api_world):
    """The matrix above is no trivial one: each write is allowed to someone and refused
    to someone."""
    w = api_world
    for write in WRITES:
        outcomes = set()
        for who in USERS:
            user = w.users[who]
            reader = user if user is not None else AnonymousUser()
            access = partnership_access(reader, w.partnership)
            outcomes.add(bool(user is not None and user.is_active
                              and write.allowed(reader, access, w)))
        assert outcomes == {True, False}, write.name
