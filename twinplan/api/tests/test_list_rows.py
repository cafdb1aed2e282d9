"""The measure, event and indicator lists read their page as `.values()` rows (not model
instances) and render it without ninja's second check: each listed object must still be
what its detail endpoint (built from the model) says of it, in every content language,
with every field of the schema and nothing else."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from twinplan.api.routers.partnerships import public_url, public_urls
from twinplan.api.schemas.events import EventOut, EventPage
from twinplan.api.schemas.indicators import IndicatorOut, IndicatorPage
from twinplan.api.schemas.programmes import MeasureOut, MeasurePage
from twinplan.core.languages import content_language_codes
from twinplan.core.models import ReviewState
from twinplan.core.translation import fingerprint
from twinplan.events.models import Event
from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.organisations.models import OrganisationType
from twinplan.programmes.models import Measure, MeasureActor
from twinplan.programmes.tests.factories import MeasureFactory
from twinplan.reference.models import SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db

DETAIL_ONLY = {"description", "context", "progress"}


def _varied(world, hoi_an) -> None:
    """Measures with every kind of value a list row shows: translations current, outdated
    and in the other Serbian script, figures, a lead town, several towns, SDGs, targets and
    actors (one kind twice), and a draft."""
    measure, other = world.objects["measure"], world.spare["measure"]
    measure.original_language = "de"
    measure.summary = "Sonne auf dem Schuldach"
    measure.translations = {
        "vi": {"title": {"text": "Trường học mặt trời", "status": "human",
                         "source_fingerprint": fingerprint(measure.title)}},
        "sr": {"title": {"text": "Соларна школа", "status": "reviewed",
                         "source_fingerprint": "outdated"}},
        "en": {"summary": {"text": "Sun on the school roof", "status": "machine",
                           "source_fingerprint": fingerprint(measure.summary)}},
    }
    measure.energy_saved_mwh_per_year = Decimal("12.50")
    measure.co2_reduced_t_per_year = Decimal("3")
    measure.reported_figures_source = "Stadtwerke"
    measure.lead_municipality = world.objects["municipality"]
    measure.save()
    measure.implementing_municipalities.add(hoi_an)
    measure.sdg_goals.set(SdgGoal.objects.filter(code__in=[13, 7, 4]))
    measure.sdg_targets.set(SdgTarget.objects.order_by("-sort_key")[:3])
    MeasureActor.objects.create(measure=measure, kind=OrganisationType.UTILITY)
    MeasureActor.objects.create(measure=measure, kind=OrganisationType.SCHOOL)
    other.goals.add(world.objects["goal"])
    Measure.objects.filter(pk=other.pk).update(is_published=False)
    MeasureFactory(programme=world.objects["programme"], code="A1", original_language="vi",
                   title="Xe đạp")


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_each_listed_measure_is_what_its_detail_says(api_world, as_user, hoi_an, who):
    _varied(api_world, hoi_an)
    client = as_user(api_world.users[who] if who else None)
    for language in content_language_codes():
        body = client.get(f"/api/v1/measures?limit=200&lang={language}").json()
        MeasurePage.model_validate(body)
        rows = body["results"]
        assert len(rows) == (3 if who else 2)
        for row in rows:
            assert set(row) == set(MeasureOut.model_fields)
            detail = client.get(f"/api/v1/measures/{row['id']}?lang={language}").json()
            assert row == {key: value for key, value in detail.items()
                           if key not in DETAIL_ONLY}, (language, row["id"])


def test_the_list_keeps_the_json_content_type(api_world, as_user):
    response = as_user(None).get("/api/v1/measures")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize("language", ["de", "sr-latn", "vi", "es"])
def test_public_urls_are_public_url(rf, language):
    request = rf.get("/api/v1/measures")
    url = public_urls(request, "public:measure", language)
    for slug, pk in [("gen-2147483647", 5), ("wernigerode-hoi-an", 2147483647),
                     ("gen-2147483647", 12)]:
        assert url(slug, pk) == public_url(request, "public:measure", language, slug=slug,
                                           pk=pk)


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_each_listed_indicator_is_what_its_detail_says(api_world, as_user, who):
    """Indicators of a measure and of a goal, with approved values listed by date and a
    pending one left out, texts translated or not, figures or none."""
    w = api_world
    indicator = w.objects["indicator"]
    indicator.translations = {"vi": {"name": {"text": "Điện", "status": "machine",
                                              "source_fingerprint": fingerprint("kWh")}}}
    indicator.baseline_value, indicator.baseline_year = Decimal("10.5"), 2019
    indicator.save()
    for day, value in ((3, "2.25"), (1, "7"), (2, "0.0001")):
        IndicatorValue.objects.create(indicator=indicator, date=date(2026, 2, day),
                                      value=Decimal(value), source="Zähler")
    IndicatorValue.objects.create(indicator=indicator, date=date(2026, 2, 4), value=1,
                                  source="Zähler", review_state=ReviewState.PENDING)
    on_goal = Indicator.objects.create(goal=w.objects["goal"], name="Anteil", unit="%",
                                       original_language="de", target_value=50,
                                       target_year=2030, target_source="Plan")
    client = as_user(w.users[who] if who else None)
    for language in content_language_codes():
        body = client.get(f"/api/v1/indicators?limit=200&lang={language}").json()
        IndicatorPage.model_validate(body)
        rows = body["results"]
        assert [row["id"] for row in rows] == [indicator.pk, on_goal.pk]
        listed = rows[0]["values"]
        assert [v["date"] for v in listed] == [
            "2026-01-01", "2026-02-01", "2026-02-02", "2026-02-03"]
        for row in rows:
            assert set(row) == set(IndicatorOut.model_fields)
            assert row == client.get(f"/api/v1/indicators/{row['id']}?lang={language}").json()


@pytest.mark.parametrize("who", [None, "coordinator"])
def test_each_listed_event_is_what_its_detail_says(api_world, as_user, who):
    """A published event with a place, a host town, coordinates, a count and a
    translation; the world's draft event for those who read drafts."""
    w = api_world
    Event.objects.create(
        partnership=w.partnership, kind="delegation_trip", title="Besuch", original_language="de",
        is_published=True, start_date=date(2026, 5, 4), end_date=date(2026, 5, 9),
        place_name="Hội An", country="VN", host_municipality=w.objects["municipality"],
        latitude=15.8801, longitude=108.338, location_source="OSM", participant_count=12,
        source="Protokoll", translations={"en": {"title": {
            "text": "Visit", "status": "human", "source_fingerprint": fingerprint("Besuch")}}})
    client = as_user(w.users[who] if who else None)
    for language in content_language_codes():
        body = client.get(f"/api/v1/events?limit=200&lang={language}").json()
        EventPage.model_validate(body)
        rows = body["results"]
        assert len(rows) == (2 if who else 1)
        for row in rows:
            assert set(row) == set(EventOut.model_fields)
            assert row == client.get(f"/api/v1/events/{row['id']}?lang={language}").json()
