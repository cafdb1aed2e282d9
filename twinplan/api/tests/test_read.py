"""Reading: each endpoint's happy path, drafts only for those who may read them, the
language asked for, paging with a stable order and a total, filters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from twinplan.core.models import ReviewState
from twinplan.events.models import Event
from twinplan.partnerships.permissions import partnership_access
from twinplan.programmes.models import Measure
from twinplan.programmes.tests.factories import MeasureFactory
from twinplan.reference.models import SdgGoal

pytestmark = pytest.mark.django_db

READERS = ["anonymous", "outsider", "inactive_coordinator", "contributor",
           "contributor_elsewhere", "other_coordinator", "coordinator", "partner_coordinator",
           "programme_coordinator", "network_admin"]


def _drafts_visible(world, who) -> bool:
    user = world.users[who]
    return partnership_access(user or AnonymousUser(), world.partnership).view_drafts


@pytest.mark.parametrize("who", READERS)
def test_a_draft_measure_and_event_only_for_those_who_may_read_drafts(api_world, as_user, who):
    w = api_world
    draft = w.spare["measure"]
    Measure.objects.filter(pk=draft.pk).update(is_published=False)
    event = w.objects["event"]  # a draft
    client = as_user(w.users[who])
    if w.users[who] is not None and not w.users[who].is_active:
        assert client.get("/api/v1/measures").status_code == 401
        return
    sees = _drafts_visible(w, who)
    listed = {m["id"] for m in client.get("/api/v1/measures").json()["results"]}
    assert (draft.pk in listed) is sees
    assert w.objects["measure"].pk in listed  # published: everyone
    assert client.get(f"/api/v1/measures/{draft.pk}").status_code == (200 if sees else 404)
    events = {e["id"] for e in client.get("/api/v1/events").json()["results"]}
    assert (event.pk in events) is sees
    assert client.get(f"/api/v1/events/{event.pk}").status_code == (200 if sees else 404)


def test_an_unpublished_partnership_is_hidden_with_everything_in_it(api_world, as_user):
    w = api_world
    w.partnership.is_published = False
    w.partnership.save()
    anonymous = as_user(None)
    assert w.partnership.slug not in {
        p["slug"] for p in anonymous.get("/api/v1/partnerships").json()["results"]}
    assert anonymous.get(f"/api/v1/partnerships/{w.partnership.slug}").status_code == 404
    assert anonymous.get("/api/v1/measures").json()["count"] == 0
    assert anonymous.get(f"/api/v1/partnerships/{w.partnership.slug}/impact").status_code == 404
    coordinator = as_user(w.users["coordinator"])
    assert coordinator.get(f"/api/v1/partnerships/{w.partnership.slug}").status_code == 200
    assert coordinator.get("/api/v1/measures").json()["count"] == 2


def test_texts_in_the_language_asked_for_with_their_state(api_world, as_user):
    measure = api_world.objects["measure"]
    measure.original_language = "de"
    measure.translations = {"vi": {"title": {"text": "Trường học năng lượng mặt trời",
                                             "status": "human", "source_fingerprint": "x"}}}
    measure.save()
    client = as_user(None)
    vi = client.get(f"/api/v1/measures/{measure.pk}?lang=vi").json()["title"]
    assert vi == {"text": "Trường học năng lượng mặt trời", "language": "vi",
                  "original_language": "de", "translation": "outdated", "status": "human"}
    header = client.get(f"/api/v1/measures/{measure.pk}",
                        **{"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}).json()["title"]
    assert header["language"] == "vi"
    sr = client.get(f"/api/v1/measures/{measure.pk}?lang=sr").json()["title"]
    assert sr["translation"] == "missing"
    assert sr["text"] == measure.title
    assert sr["language"] == "de"
    original = client.get(f"/api/v1/measures/{measure.pk}?lang=de").json()["title"]
    assert original["translation"] == "original"
    assert original["status"] is None


def test_an_unknown_language_is_a_400_naming_the_known_ones(api_world, as_user):
    response = as_user(None).get("/api/v1/measures?lang=xx")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["path"] == "query.lang"
    assert "vi" in body["errors"][0]["message"]


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "limit=100000000000000000000",
                                   "offset=-1", "limit=abc", "sdg=99", "status=nonsense",
                                   "updated_since=yesterday"])
def test_bad_paging_and_filters_are_422_at_their_parameter(api_world, as_user, query):
    response = as_user(None).get(f"/api/v1/measures?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == f"query.{query.split('=')[0]}"


def test_pages_have_a_stable_order_and_a_total(api_world, as_user):
    programme = api_world.objects["programme"]
    for number in range(7):
        MeasureFactory(programme=programme, code=f"Z{number}")
    client = as_user(None)
    everything = client.get("/api/v1/measures?limit=200").json()
    assert everything["count"] == 9
    pages = [client.get(f"/api/v1/measures?limit=4&offset={offset}").json()
             for offset in (0, 4, 8)]
    assert [len(p["results"]) for p in pages] == [4, 4, 1]
    assert [m["id"] for p in pages for m in p["results"]] == [
        m["id"] for m in everything["results"]]
    assert {p["count"] for p in pages} == {9}


def test_measure_filters(api_world, as_user, hoi_an):
    w = api_world
    measure, other = w.objects["measure"], w.spare["measure"]
    measure.sdg_goals.set([SdgGoal.objects.get(code=7)])
    measure.implementing_municipalities.set([hoi_an])
    Measure.objects.filter(pk=other.pk).update(status="completed",
                                               updated_at=timezone.now() - timedelta(days=30))
    Measure.objects.filter(pk=measure.pk).update(updated_at=timezone.now())
    client = as_user(None)

    def ids(query):
        return {m["id"] for m in client.get(f"/api/v1/measures?{query}").json()["results"]}

    assert ids("sdg=7") == {measure.pk}
    assert ids("partner=hoi-an") == {measure.pk}
    assert ids("actor_type=school") == {measure.pk}
    assert ids("status=completed") == {other.pk}
    Measure.objects.filter(pk=measure.pk).update(field_of_action=w.objects["field"])
    assert ids(f"field={w.objects['field'].pk}") == {measure.pk}
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert ids(f"updated_since={since}") == {measure.pk}
    assert ids(f"partnership={w.partnership.slug}") == {measure.pk, other.pk}
    assert ids("partnership=elsewhere") == set()


def test_partnership_filters(api_world, as_user):
    w = api_world
    w.objects["measure"].sdg_goals.set([SdgGoal.objects.get(code=13)])
    client = as_user(None)

    def slugs(query):
        return {p["slug"] for p in client.get(f"/api/v1/partnerships?{query}").json()["results"]}

    assert w.partnership.slug in slugs("country=VN")
    assert slugs("sdg=13") == {w.partnership.slug}
    assert slugs("sdg=1") == set()
    assert slugs(f"funding_programme={w.partnership.funding_programme.slug}") == {
        w.partnership.slug}
    assert slugs("phase=kick_off") == {w.partnership.slug}
    assert slugs("phase=results") == set()
    assert slugs(f"kind={w.partnership.kind}") >= {w.partnership.slug}


def test_programme_tree_and_the_other_reads(api_world, as_user):
    w = api_world
    client = as_user(None)
    tree = client.get(f"/api/v1/partnerships/{w.partnership.slug}/programme").json()
    field = tree["fields"][0]
    assert field["title"]["text"] == "Klimaschutz"
    assert field["goals"][0]["measures"][0]["id"] == w.objects["measure"].pk
    sdgs = client.get("/api/v1/sdgs?lang=de").json()
    assert sdgs["count"] == 17
    assert sdgs["results"][0]["targets"]
    towns = client.get("/api/v1/municipalities").json()["results"]
    wernigerode = next(t for t in towns if t["slug"] == "wernigerode")
    assert wernigerode["partnerships"] == [w.partnership.slug]
    assert set(wernigerode["population"]) == {"value", "year", "source"}
    indicator = client.get(f"/api/v1/indicators/{w.objects['indicator'].pk}").json()
    assert indicator["values"][0]["source"] == "Zähler"
    impact = client.get(f"/api/v1/partnerships/{w.partnership.slug}/impact").json()
    assert impact["schema"] == "twinplan.impact-report/1"
    assert "money" in impact
    reports = client.get(f"/api/v1/partnerships/{w.partnership.slug}/reports").json()
    assert reports == {"count": 0, "limit": 50, "offset": 0, "results": []}


def test_progress_entries_awaiting_approval_only_for_draft_readers(api_world, as_user):
    w = api_world
    entry = w.objects["progress"]
    entry.review_state = ReviewState.PENDING
    entry.save()
    url = f"/api/v1/measures/{w.objects['measure'].pk}"
    assert as_user(None).get(url).json()["progress"] == []
    assert [p["id"] for p in as_user(w.users["coordinator"]).get(url).json()["progress"]] == [
        entry.pk]
    assert as_user(None).get(f"/api/v1/progress/{entry.pk}").status_code == 404


def test_unknown_endpoints_and_objects_are_json_404(api_world, as_user):
    client = as_user(None)
    for url in ("/api/v1/nothing", "/api/v2/measures", "/api/v1/measures/999999",
                "/api/v1/partnerships/nobody/programme"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"]


def test_events_listed_for_the_public_once_published(api_world, as_user):
    event = api_world.objects["event"]
    Event.objects.filter(pk=event.pk).update(is_published=True)
    found = as_user(None).get(f"/api/v1/events?partnership={api_world.partnership.slug}")
    assert [e["id"] for e in found.json()["results"]] == [event.pk]


@pytest.mark.parametrize(("header", "expected"), [
    ("sr-Latn-RS", "sr-latn"), ("sr-Latn", "sr-latn"), ("sr-RS", "sr"), ("sr-Cyrl-RS", "sr"),
    ("de-AT,en;q=0.5", "de"), ("fr, vi;q=0.3", "vi"),
])
def test_accept_language_picks_the_longest_matching_content_language(rf, header, expected):
    """A Serbian reader asking for Latin script (sr-Latn-RS) gets sr-latn, not Cyrillic."""
    from twinplan.api.language import requested_language

    request = rf.get("/api/v1/measures", headers={"Accept-Language": header})
    assert requested_language(request, None) == expected


def test_an_empty_lang_is_as_if_none_was_given(rf, api_world, as_user):
    from twinplan.api.language import requested_language

    request = rf.get("/api/v1/measures?lang=", headers={"Accept-Language": "sr-Latn-RS"})
    assert requested_language(request, "") == "sr-latn"
    assert requested_language(request, "  ") == "sr-latn"
    assert requested_language(rf.get("/api/v1/measures?lang="), "") == "en"
    for url in ("/api/v1/measures?lang=", "/api/v1/municipalities?lang=",
                f"/api/v1/measures/{api_world.objects['measure'].pk}?lang="):
        response = as_user(api_world.users["coordinator"]).get(url, **{"Accept-Language": "vi"})
        assert response.status_code == 200, (url, response.content)


def test_town_names_follow_the_script_of_the_language_asked_for(db, as_user):
    from twinplan.municipalities.tests.factories import MunicipalityFactory
    from twinplan.partnerships.tests.factories import PartnershipFactory

    ruma = MunicipalityFactory(slug="ruma", name="Рума", names={"Latn": "Ruma"}, country="RS",
                               currency="RSD", working_languages=["sr"])
    bersenbrueck = MunicipalityFactory(slug="bersenbrueck", name="Bersenbrück", country="DE")
    PartnershipFactory(slug="bersenbrueck-ruma", members=[bersenbrueck, ruma])
    client = as_user(None)
    for lang, name in (("sr-latn", "Ruma"), ("sr", "Рума"), ("de", "Ruma"), ("vi", "Ruma")):
        town = client.get(f"/api/v1/municipalities/ruma?lang={lang}").json()
        assert town["name"] == name, lang
        listed = client.get(f"/api/v1/municipalities?lang={lang}").json()["results"]
        assert {t["slug"]: t["name"] for t in listed}["ruma"] == name, lang
        members = client.get(f"/api/v1/partnerships/bersenbrueck-ruma?lang={lang}").json()
        assert {m["municipality"]: m["name"] for m in members["members"]} == {
            "ruma": name, "bersenbrueck": "Bersenbrück"}, lang
        adaptation = client.get(
            f"/api/v1/partnerships/bersenbrueck-ruma/adaptation?lang={lang}").json()
        assert {m["municipality"]: m["name"] for m in adaptation["municipalities"]} == {
            "ruma": name, "bersenbrueck": "Bersenbrück"}, lang
    header = client.get("/api/v1/municipalities/ruma", **{"Accept-Language": "sr-Latn-RS"})
    assert header.json()["name"] == "Ruma"
