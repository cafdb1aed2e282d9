"""seed_demo builds both seed partnerships fact by fact, and running it again changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from twinplan.events.models import Event, EventKind
from twinplan.municipalities.models import Municipality
from twinplan.partnerships.models import Partnership, PartnershipRole
from twinplan.programmes.models import Measure, MeasureStatus

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["accounts", "municipalities", "organisations", "partnerships", "programmes",
                "events", "indicators", "money", "climate"]


def database_dump() -> str:
    models = [model for label in PROJECT_APPS for model in apps.get_app_config(label).get_models()]
    return serializers.serialize(
        "json", [obj for model in models for obj in model._default_manager.order_by("pk")]
    )


@pytest.fixture
def seeded():
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def test_running_the_seed_twice_gives_the_same_database(seeded):
    first = database_dump()
    call_command("seed_demo", stdout=StringIO())
    assert database_dump() == first


def test_the_seed_prints_the_demo_logins(seeded):
    for username in ["admin", "programme", "wernigerode", "hoian", "bersenbrueck", "ruma",
                     "school", "outsider"]:
        assert f"  {username} " in seeded
    assert "twinplan-demo" in seeded


def test_the_municipalities_carry_the_seed_figures_with_source_and_year(seeded):
    figures = {
        m.slug: (m.population, m.area_km2, m.population_year)
        for m in Municipality.objects.all()
    }
    assert figures == {
        "bersenbrueck": (30000, Decimal("255.00"), 2018),
        "ruma": (56000, Decimal("550.00"), 2018),
        "wernigerode": (33000, None, 2018),
        "hoi-an": (92000, None, 2018),
    }
    ruma = Municipality.objects.get(slug="ruma")
    assert "Bersenbrück – Stadt Ruma" in ruma.population_source
    assert Municipality.objects.get(slug="wernigerode").region_code == "DE-ST"
    facts = set(Municipality.objects.get(slug="hoi-an").facts.values_list("text", flat=True))
    assert "UNESCO-Weltkulturerbe seit 1999." in facts
    assert all(m.location_source.startswith("GeoNames") for m in Municipality.objects.all())


def test_bersenbrueck_ruma_has_its_agreement_initiator_events_and_pilots(seeded):
    partnership = Partnership.objects.get(slug="bersenbrueck-ruma")
    assert partnership.initiator.name == "Brücken bauen e.V."
    assert partnership.agreements.get().signed_on == date(2017, 9, 23)
    kinds = list(partnership.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.DELEGATION_TRIP) == 2
    assert kinds.count(EventKind.PUBLIC_EVENT) == 2
    belgrade = partnership.events.get(kind=EventKind.RESULTS_CONFERENCE)
    assert (belgrade.start_date, belgrade.end_date) == (date(2018, 11, 28), date(2018, 11, 30))
    gelsenkirchen = partnership.events.get(kind=EventKind.KICK_OFF)
    assert gelsenkirchen.place_name == "Gelsenkirchen"
    pilots = Measure.objects.filter(programme__partnership=partnership, is_pilot=True)
    assert pilots.count() == 2
    for pilot in pilots:
        assert pilot.status == MeasureStatus.IN_PROGRESS
        assert pilot.is_demo_content  # the titles paraphrase the slides
        assert set(pilot.challenges.values_list("category", flat=True)) == {
            "language", "resources", "third_parties"
        }
        assert pilot.progress.filter(text__contains="zweiten Delegationsreise").exists()
    assert "Multiplikatoren" in partnership.agenda_2030_value


def test_wernigerode_hoi_an_has_the_award_with_prize_money_for_each_partner(seeded):
    partnership = Partnership.objects.get(slug="wernigerode-hoi-an")
    award = partnership.awards.get()
    assert (award.awarded_on, award.place) == (date(2018, 12, 7), "Düsseldorf")
    assert sorted((a.recipient.slug, a.amount, a.currency) for a in award.amounts.all()) == [
        ("hoi-an", Decimal("30000.00"), "EUR"),
        ("wernigerode", Decimal("30000.00"), "EUR"),
    ]
    leipzig = partnership.events.get(kind=EventKind.CONFERENCE)
    assert "Leipzig" in leipzig.title
    invented = Event.objects.filter(partnership=partnership, is_demo_content=True)
    assert invented.exists()
    measures = Measure.objects.filter(programme__partnership=partnership)
    assert all(measure.is_demo_content for measure in measures)


def test_every_role_has_a_demo_user(seeded):
    roles = set(PartnershipRole.objects.values_list("user__username", "role"))
    assert {("wernigerode", "coordinator"), ("hoian", "coordinator"),
            ("bersenbrueck", "coordinator"), ("ruma", "coordinator"),
            ("school", "contributor")} <= roles


def test_the_seeded_pages_are_public(client, seeded):
    for slug in ["wernigerode-hoi-an", "bersenbrueck-ruma"]:
        response = client.get(f"/de/partnerships/{slug}/")
        assert response.status_code == 200
    page = client.get("/en/partnerships/wernigerode-hoi-an/").text
    assert "9,143 km" in page


def test_running_the_seed_again_does_not_read_the_gazetteer(seeded, monkeypatch):
    """The gazetteer's 150,000 places are loaded only when a place is missing."""
    from twinplan.municipalities import gazetteer

    def refuse() -> None:
        raise AssertionError("the gazetteer was read although nothing was missing")

    gazetteer._cities.cache_clear()
    monkeypatch.setattr(gazetteer, "_cities", refuse)
    call_command("seed_demo", stdout=StringIO())
