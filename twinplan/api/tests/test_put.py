"""PUT: a full replacement of a measure, a progress entry, a measured value or an event,
with every field of its input required, under the same rules, locking and services as
PATCH."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from twinplan.api.schemas.events import EventPutIn
from twinplan.api.schemas.indicators import IndicatorValuePutIn
from twinplan.api.schemas.programmes import MeasurePutIn, ProgressPutIn
from twinplan.events.models import Event
from twinplan.indicators.models import IndicatorValue
from twinplan.programmes.models import Measure, ProgressEntry

pytestmark = pytest.mark.django_db


def measure_body(w: Any) -> dict[str, Any]:
    return {
        "code": "M-9", "title": "Ersetzt per PUT", "summary": "", "description": "Neu",
        "context": "", "status": "in_progress", "is_pilot": True, "weight": 3,
        "planned_start": "2026-01-01", "planned_end": "2026-12-31", "actual_start": None,
        "actual_end": None, "field_of_action": None, "goals": [], "lead_municipality": None,
        "implementing_municipalities": [w.objects["municipality"].slug], "sdg_goals": [7],
        "sdg_targets": [], "dac_sector": "", "covenant_sector": None,
        "energy_saved_mwh_per_year": None, "renewable_energy_mwh_per_year": None,
        "co2_reduced_t_per_year": None, "reported_figures_source": "",
        "original_language": None,
    }


def progress_body(w: Any) -> dict[str, Any]:
    return {"kind": "milestone", "date": "2026-03-01", "text": "Ersetzt per PUT",
            "progress_percent": 60, "organisation": None, "original_language": None}


def value_body(w: Any) -> dict[str, Any]:
    return {"date": "2026-02-01", "value": "12.5", "note": "", "source": "Zähler neu"}


def event_body(w: Any) -> dict[str, Any]:
    return {
        "kind": "delegation_trip", "title": "Ersetzt per PUT", "description": "",
        "participants_text": "",
        "start_date": "2026-05-04", "end_date": "2026-05-06", "sequence": None,
        "place_name": "Hội An", "country": "VN", "host_municipality": None,
        "latitude": None, "longitude": None, "location_source": "",
        "participant_count": 12, "source": "Einladung", "original_language": None,
    }


@dataclass
class Kind:
    name: str
    url: str  # with {pk}
    key: str  # the world's object
    schema: Any
    body: Any  # (world) -> the full body
    reread: Any  # (pk) -> what the PUT changed, from the database
    changed: Any  # (reread) -> True once the body is saved
    refused_to: str  # a user whom PATCH refuses with 403


KINDS = [
    Kind("measure", "/api/v1/measures/{pk}", "measure", MeasurePutIn, measure_body,
         lambda pk: Measure.objects.get(pk=pk),
         lambda m: (m.title, m.status, m.weight, m.goals.count(), m.is_pilot)
         == ("Ersetzt per PUT", "in_progress", 3, 0, True),
         "contributor"),
    Kind("progress", "/api/v1/progress/{pk}", "progress", ProgressPutIn, progress_body,
         lambda pk: ProgressEntry.objects.get(pk=pk),
         lambda e: (e.text, e.kind, e.progress_percent) == ("Ersetzt per PUT", "milestone", 60),
         "contributor_elsewhere"),
    Kind("indicatorvalue", "/api/v1/indicator-values/{pk}", "indicatorvalue",
         IndicatorValuePutIn, value_body, lambda pk: IndicatorValue.objects.get(pk=pk),
         lambda v: (str(v.value), v.source, v.note) == ("12.5000", "Zähler neu", ""),
         "contributor_elsewhere"),
    Kind("event", "/api/v1/events/{pk}", "event", EventPutIn, event_body,
         lambda pk: Event.objects.get(pk=pk),
         lambda e: (e.title, e.kind, e.participant_count, e.country)
         == ("Ersetzt per PUT", "delegation_trip", 12, "VN"),
         "contributor"),
]
IDS = [kind.name for kind in KINDS]


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_put_replaces_with_if_match_and_refuses_without_or_stale(api_world, as_user, kind):
    w = api_world
    obj = w.objects[kind.key]
    url = kind.url.format(pk=obj.pk)
    client = as_user(w.users["coordinator"])
    etag = client.get(url)["ETag"]
    body = kind.body(w)

    missing = client.put(url, body)
    assert missing.status_code == 428, missing.content
    assert missing.json()["errors"][0]["path"] == "header.If-Match"
    assert not kind.changed(kind.reread(obj.pk))

    saved = client.put(url, body, **{"If-Match": etag})
    assert saved.status_code == 200, saved.content
    fresh = kind.reread(obj.pk)
    assert kind.changed(fresh)
    assert saved["ETag"] == f'"{fresh.version}"' != etag
    assert saved.json()["version"] == fresh.version

    late = client.put(url, body, **{"If-Match": etag})
    assert late.status_code == 412, late.content
    assert late.json()["current"]["version"] == fresh.version
    assert late.json()["current"]["id"] == obj.pk
    assert late["ETag"] == f'"{fresh.version}"'
    assert kind.reread(obj.pk).version == fresh.version


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_put_needs_every_field_and_names_each_missing_one(api_world, as_user, kind):
    w = api_world
    obj = w.objects[kind.key]
    url = kind.url.format(pk=obj.pk)
    client = as_user(w.users["coordinator"])
    etag = client.get(url)["ETag"]
    body = kind.body(w)
    assert set(body) == set(kind.schema.model_fields)  # the body above is the full one
    for field in body:
        partial = {name: value for name, value in body.items() if name != field}
        response = client.put(url, partial, **{"If-Match": etag})
        assert response.status_code == 422, (field, response.content)
        assert response.json()["errors"] == [{"path": f"body.{field}", "message": "Required."}]
    assert kind.reread(obj.pk).version == obj.version
    # PATCH still takes a single field.
    single = next(iter(body))
    assert client.patch(url, {single: body[single]}, **{"If-Match": etag}).status_code == 200


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_put_is_refused_where_patch_is(api_world, as_user, kind):
    w = api_world
    obj = w.objects[kind.key]
    url = kind.url.format(pk=obj.pk)
    headers = {"If-Match": f'"{obj.version}"'}
    body = kind.body(w)
    for client in (as_user(w.users[kind.refused_to]),
                   as_user(w.users["coordinator"], read_only=True)):
        patched = client.patch(url, body, **headers)
        put = client.put(url, body, **headers)
        assert patched.status_code == put.status_code == 403, (patched.content, put.content)
        assert put.json()["detail"]
    assert kind.reread(obj.pk).version == obj.version
