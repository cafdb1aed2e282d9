"""Writing: optimistic locking on the version, refusals with the fields' paths, unknown
fields, other partnerships' objects, read-only and bad tokens, atomic writes, throttling."""

from __future__ import annotations

import pytest
from django.test import override_settings

from twinplan.accounts.models import ApiToken
from twinplan.programmes.models import Measure, ProgressEntry
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_patch_needs_if_match_and_a_stale_one_gets_the_current_state(api_world, as_user):
    w = api_world
    measure = w.objects["measure"]
    client = as_user(w.users["coordinator"])
    url = f"/api/v1/measures/{measure.pk}"
    etag = client.get(url)["ETag"]
    assert etag == f'"{measure.version}"'

    missing = client.patch(url, {"title": "A"})
    assert missing.status_code == 428
    assert missing.json()["errors"][0]["path"] == "header.If-Match"

    saved = client.patch(url, {"title": "First"}, **{"If-Match": etag})
    assert saved.status_code == 200
    assert saved["ETag"] == f'"{measure.version + 1}"'
    assert saved.json()["title"]["text"] == "First"

    late = client.patch(url, {"title": "Second"}, **{"If-Match": etag})
    assert late.status_code == 412
    assert late.json()["current"]["title"]["text"] == "First"
    assert late.json()["current"]["version"] == measure.version + 1
    assert Measure.objects.get(pk=measure.pk).title == "First"

    weak = client.patch(url, {"title": "Third"}, **{"If-Match": f'W/{saved["ETag"]}'})
    assert weak.status_code == 200
    assert client.patch(url, {"title": "X"}, **{"If-Match": "soon"}).status_code == 400


def test_a_service_rule_comes_back_at_its_field_and_nothing_is_saved(api_world, as_user):
    w = api_world
    client = as_user(w.users["coordinator"])
    before = Measure.objects.count()
    response = client.post("/api/v1/measures", {
        "programme": w.objects["programme"].pk, "title": "Figures", "co2_reduced_t_per_year": 5,
        "sdg_goals": [7]})
    assert response.status_code == 422
    assert {"path": "body.reported_figures_source",
            "message": "Reported figures need their source."} in response.json()["errors"]
    assert Measure.objects.count() == before
    dates = client.post("/api/v1/measures", {
        "programme": w.objects["programme"].pk, "title": "Dates",
        "planned_start": "2026-05-01", "planned_end": "2026-01-01"})
    assert dates.status_code == 422
    assert dates.json()["errors"][0]["path"] == "body.planned_end"
    assert Measure.objects.count() == before


@pytest.mark.parametrize(("body", "path"), [
    ({"title": "x", "colour": "red"}, "body.colour"),
    ({"title": 5}, "body.title"),
    ({"title": "x", "weight": "heavy"}, "body.weight"),
    ({"title": "x", "weight": 1000}, "body.weight"),
    ({"title": "x", "status": "done"}, "body.status"),
    ({"title": "x", "planned_start": "soon"}, "body.planned_start"),
    ({"title": "x", "goals": ["a"]}, "body.goals.0"),
    ({}, "body.programme"),
])
def test_wrong_types_and_unknown_fields_are_422_at_their_path(api_world, as_user, body, path):
    w = api_world
    payload = {"programme": w.objects["programme"].pk, **body} if body else {}
    before = Measure.objects.count()
    response = as_user(w.users["coordinator"]).post("/api/v1/measures", payload)
    assert response.status_code == 422, response.content
    assert path in [e["path"] for e in response.json()["errors"]]
    assert Measure.objects.count() == before


def test_a_body_that_is_not_json_is_a_4xx(api_world, as_user):
    client = as_user(api_world.users["coordinator"])
    response = client.client.post("/api/v1/measures", "{not json", content_type="application/json",
                                  headers=client.headers)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_links_to_another_partnerships_objects_are_refused(api_world, as_user):
    w = api_world
    elsewhere = ActionProgrammeFactory(partnership__slug="third")
    foreign_measure = MeasureFactory(programme=elsewhere)
    client = as_user(w.users["coordinator"])
    url = f"/api/v1/measures/{w.objects['measure'].pk}"
    etag = client.get(url)["ETag"]
    goal = elsewhere.goals.create(title="Foreign goal", original_language="de")
    response = client.patch(url, {"goals": [goal.pk]}, **{"If-Match": etag})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "body.goals"
    town = client.patch(url, {"lead_municipality": "nowhere"}, **{"If-Match": etag})
    assert town.json()["errors"][0]["path"] == "body.lead_municipality"
    # Somebody else's (published) measure: visible, not writable.
    other = client.patch(f"/api/v1/measures/{foreign_measure.pk}", {"title": "Mine now"},
                         **{"If-Match": f'"{foreign_measure.version}"'})
    assert other.status_code == 403
    into = client.post("/api/v1/measures", {"programme": elsewhere.pk, "title": "Smuggled"})
    assert into.status_code == 403
    assert not Measure.objects.filter(title__in=["Mine now", "Smuggled"]).exists()


def test_read_only_revoked_expired_and_bad_tokens(api_world, as_user):
    w = api_world
    alice = w.users["coordinator"]
    reader = as_user(alice, read_only=True)
    assert reader.get(f"/api/v1/measures/{w.spare['measure'].pk}").status_code == 200
    refused = reader.post(f"/api/v1/measures/{w.objects['measure'].pk}/progress",
                          {"text": "no"})
    assert refused.status_code == 403
    assert ProgressEntry.objects.filter(text="no").count() == 0

    client = as_user(alice)
    token = ApiToken.objects.filter(user=alice, read_only=False).get()
    token.revoked_at = token.created_at
    token.save()
    assert client.get("/api/v1/measures").status_code == 401
    for header in ("Bearer tp_nonsense", "Bearer ", "Basic YWxpY2U6cHc=", "tp_x"):
        response = as_user(None).get("/api/v1/measures", Authorization=header)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert as_user(None).post("/api/v1/events", {}).status_code == 401


@override_settings(API_THROTTLE_PER_MINUTE=3)
def test_a_token_is_throttled_per_minute(api_world, as_user):
    client = as_user(api_world.users["coordinator"])
    codes = [client.get("/api/v1/sdgs?limit=1").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[3:] == [429, 429]
    response = client.get("/api/v1/sdgs?limit=1")
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another token has its own count; anonymous reads are not counted per token.
    assert as_user(api_world.users["partner_coordinator"]).get("/api/v1/sdgs").status_code == 200


def test_a_contributor_reports_progress_through_the_same_service(api_world, as_user):
    w = api_world
    charlie = w.users["contributor"]
    response = as_user(charlie).post(f"/api/v1/measures/{w.objects['measure'].pk}/progress",
                                     {"text": "Panels ordered", "progress_percent": 40})
    assert response.status_code == 201, response.content
    entry = ProgressEntry.objects.get(pk=response.json()["id"])
    assert entry.author == charlie
    assert entry.history.latest().history_user == charlie
    assert response["ETag"] == f'"{entry.version}"'
