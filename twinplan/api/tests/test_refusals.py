"""Refusals found in a user trial that used to be 5xx or not JSON: ids beyond the
database's range inside lists, null characters, a body over the upload limit, a method an
endpoint does not take, the API's root."""

from __future__ import annotations

import pytest
from django.test import override_settings

from twinplan.programmes.models import Measure

pytestmark = pytest.mark.django_db


def test_ids_beyond_the_integer_range_in_lists_are_422_at_their_path(api_world, as_user):
    w = api_world
    client = as_user(w.users["coordinator"])
    before = Measure.objects.count()
    response = client.post("/api/v1/measures", {
        "programme": w.objects["programme"].pk, "title": "Overflow",
        "goals": [0, 10**22], "sdg_goals": [10**22]})
    assert response.status_code == 422
    paths = {error["path"] for error in response.json()["errors"]}
    assert paths == {"body.goals.0", "body.goals.1", "body.sdg_goals.0"}
    progress = client.post(f"/api/v1/measures/{w.objects['measure'].pk}/progress",
                           {"text": "x", "organisation": 10**22})
    assert progress.status_code == 422
    assert progress.json()["errors"][0]["path"] == "body.organisation"
    assert Measure.objects.count() == before


def test_null_characters_are_refused_like_the_forms_do(api_world, as_user):
    w = api_world
    client = as_user(w.users["coordinator"])
    before = Measure.objects.count()
    response = client.post("/api/v1/measures", {
        "programme": w.objects["programme"].pk, "title": "a\x00b",
        "implementing_municipalities": ["x\x00"]}, **{"Accept-Language": "de"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["path"] for error in errors] == ["body.title",
                                                   "body.implementing_municipalities"]
    assert errors[0]["message"] == "Nullzeichen sind nicht erlaubt."
    assert Measure.objects.count() == before


@pytest.mark.parametrize("url", ["/api/v1/measures?partnership=a%00", "/api/v1/events?x%00=1",
                                 "/api/v1/partnerships/a%00b"])
def test_a_null_character_in_the_path_or_query_is_a_400(api_world, as_user, url):
    response = as_user(None).get(url)
    assert response.status_code == 400
    assert response.json()["detail"] == "Null characters are not allowed."


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_upload_limit_is_a_json_413(api_world, as_user):
    w = api_world
    response = as_user(w.users["coordinator"]).post("/api/v1/measures", {
        "programme": w.objects["programme"].pk, "title": "x", "description": "d" * 2000})
    assert response.status_code == 413
    assert "1000" in response.json()["detail"]


def test_a_method_an_endpoint_does_not_take_is_a_json_405(api_world, as_user):
    w = api_world
    client = as_user(w.users["coordinator"])
    url = f"/api/v1/measures/{w.objects['measure'].pk}"
    response = client.client.delete(url, headers={**client.headers, "If-Match": '"1"'})
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH", "PUT"}
    assert "DELETE" in response.json()["detail"]
    assert response.json()["errors"] == []
    post = client.post(url, {"title": "x"})
    assert post.status_code == 405
    assert "POST" in post.json()["detail"]


def test_the_api_root_points_at_the_description_and_the_docs(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response.json() == {"openapi": "http://testserver/api/v1/openapi.json",
                               "docs": "http://testserver/api/v1/docs"}
