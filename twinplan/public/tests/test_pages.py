"""The public pages, read through the client as a visitor would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.core.services import translation_set
from twinplan.events.tests.factories import EventFactory
from twinplan.partnerships.models import AgreementKind
from twinplan.partnerships.services import (
    agreement_create,
    award_amount_create,
    award_create,
)
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    ChallengeFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs: object) -> str:
    with translation.override(language):
        return reverse(f"public:{name}", kwargs=kwargs or None)


def test_the_root_redirects_to_a_language_prefix(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"


@pytest.mark.parametrize("language", ["de", "en", "sr-latn", "sr", "vi"])
def test_every_language_prefix_serves_the_partnership_page(client, partnership, language):
    response = client.get(f"/{language}/partnerships/{partnership.slug}/")
    assert response.status_code == 200
    html_lang = {"sr-latn": "sr-Latn"}.get(language, language)
    assert f'<html lang="{html_lang}">' in response.text


def test_the_directory_lists_published_partnerships_only(client, partnership):
    PartnershipFactory(title="Hidden draft partnership", is_published=False)
    response = client.get(url("partnership_directory"))
    assert partnership.title in response.text
    assert "Hidden draft partnership" not in response.text


def test_an_unpublished_partnership_is_not_found(client):
    draft = PartnershipFactory(is_published=False)
    assert client.get(url("partnership", slug=draft.slug)).status_code == 404


def test_the_partnership_page_shows_both_municipalities_side_by_side(
    client, partnership, wernigerode, hoi_an
):
    wernigerode.population, wernigerode.population_year = 33000, 2018
    wernigerode.population_source = "Seed article"
    wernigerode.save()
    response = client.get(url("partnership", slug=partnership.slug))
    text = response.text
    assert '<th scope="col">Wernigerode</th><th scope="col">Hội An</th>' in text
    assert "33,000 (2018)" in text
    # The figure links to its numbered source note at the foot of the page.
    assert '<a href="#source-1" title="Seed article">' in text
    assert '<li id="source-1">Seed article</li>' in text
    # Geodesic distance of the two fixture coordinates (GeoNames): 9,143 km.
    assert "<strong>9,143 km</strong>" in text


def test_agreements_and_award_money_per_partner_are_shown(
    client, partnership, wernigerode, hoi_an
):
    agreement_create(partnership=partnership, by=None, kind=AgreementKind.FRIENDSHIP,
                     title="Freundschaftsvertrag", signed_on=date(2017, 9, 23),
                     parties=[wernigerode, hoi_an])
    award = award_create(partnership=partnership, by=None,
                         name="Deutscher Nachhaltigkeitspreis 2018",
                         awarded_on=date(2018, 12, 7), place="Düsseldorf")
    for recipient in (wernigerode, hoi_an):
        award_amount_create(award=award, by=None, recipient=recipient, amount=Decimal(30000),
                            currency="EUR")
    text = client.get(url("partnership", slug=partnership.slug)).text
    assert "Freundschaftsvertrag" in text
    assert 'datetime="2017-09-23"' in text
    # Written as the page's language writes money (Babel): English puts the symbol first.
    assert "Wernigerode: €30,000.00" in text
    assert "Hội An: €30,000.00" in text


def test_the_programme_tree_shows_published_measures_with_status_counts(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    goal = GoalFactory(programme=programme, title="Sensibilisierung für saubere Energie")
    shown = MeasureFactory(programme=programme, title="Solar school", status="in_progress")
    shown.goals.add(goal)
    MeasureFactory(programme=programme, title="Another one", status="completed")
    MeasureFactory(programme=programme, title="Secret draft measure", is_published=False)
    text = client.get(url("partnership", slug=partnership.slug)).text
    assert "Sensibilisierung für saubere Energie" in text
    assert "Solar school" in text
    assert "Secret draft measure" not in text
    assert "In implementation: <strong>1</strong>" in text
    assert "Completed: <strong>1</strong>" in text


def test_measures_of_an_unpublished_programme_stay_hidden(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership, is_published=False)
    measure = MeasureFactory(programme=programme, title="Published but orphaned")
    page = client.get(url("partnership", slug=partnership.slug)).text
    assert "Published but orphaned" not in page
    response = client.get(url("measure", slug=partnership.slug, pk=measure.pk))
    assert response.status_code == 404


def test_a_measure_under_another_partnership_is_not_found_here(client, partnership):
    other = MeasureFactory()
    assert client.get(url("measure", slug=partnership.slug, pk=other.pk)).status_code == 404


def test_the_measure_page_shows_process_and_challenges(client, partnership):
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             title="Pilotmaßnahme Energie", context="Strommarkt im Umbruch")
    measure.progress.create(text="Vertiefung auf der ersten Delegationsreise",
                            original_language="de")
    ChallengeFactory(measure=measure, description="Sprachbarrieren erschweren die Umsetzung")
    text = client.get(url("measure", slug=partnership.slug, pk=measure.pk)).text
    assert "Vertiefung auf der ersten Delegationsreise" in text
    assert "Sprachbarrieren erschweren die Umsetzung" in text
    assert "Strommarkt im Umbruch" in text


def test_content_in_another_language_carries_its_lang_attribute(client, partnership):
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             title="Saubere Energie", original_language="de")
    english = client.get(url("measure", "en", slug=partnership.slug, pk=measure.pk)).text
    assert '<h1><span lang="de">Saubere Energie</span></h1>' in english
    translation_set(obj=measure, field="title", language="en", text="Clean energy",
                    status="human")
    english = client.get(url("measure", "en", slug=partnership.slug, pk=measure.pk)).text
    assert "<h1>Clean energy</h1>" in english
    german = client.get(url("measure", "de", slug=partnership.slug, pk=measure.pk)).text
    assert "<h1>Saubere Energie</h1>" in german


def test_user_text_is_escaped(client, partnership):
    MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                   title="<script>alert(1)</script>")
    text = client.get(url("partnership", slug=partnership.slug)).text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_language_switcher_keeps_the_page(client, partnership):
    text = client.get(url("partnership", "de", slug=partnership.slug)).text
    assert f'href="/vi/partnerships/{partnership.slug}/"' in text
    assert f'href="/sr-latn/partnerships/{partnership.slug}/"' in text


def test_demo_content_is_marked(client, partnership):
    EventFactory(partnership=partnership, title="Invented trip", is_demo_content=True)
    text = client.get(url("partnership", slug=partnership.slug)).text
    assert "Invented trip" in text
    assert "demo content" in text


def test_a_reader_chooses_a_content_language_the_interface_lacks(client, partnership, settings):
    settings.CONTENT_LANGUAGES = [*settings.CONTENT_LANGUAGES, ("es", "Español")]
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="es", text="Energía limpia",
                    status="human")
    page = url("measure", "en", slug=partnership.slug, pk=measure.pk)
    text = client.get(page, {"content": "es"}).text
    assert '<h1><span lang="es">Energía limpia</span></h1>' in text
    assert '<option value="es" lang="es" selected>Español</option>' in text
    # The choice is remembered for the visit, and undone by choosing the page's language.
    assert "Energía limpia" in client.get(page).text
    assert '<span lang="de">Saubere Energie</span>' in client.get(page, {"content": ""}).text


def test_machine_translations_carry_a_visible_note(client, partnership):
    measure = MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                             title="Saubere Energie", original_language="de")
    translation_set(obj=measure, field="title", language="en", text="Clean energy",
                    status="machine")
    text = client.get(url("measure", "en", slug=partnership.slug, pk=measure.pk)).text
    assert '<h1>Clean energy <small class="machine-note">(machine translation)</small></h1>' in text


def test_a_machine_translated_description_carries_the_note(client, partnership):
    partnership.description = "Eine lange Beschreibung."
    partnership.save()
    translation_set(obj=partnership, field="description", language="en",
                    text="A long description.", status="machine")
    text = client.get(url("partnership", "en", slug=partnership.slug)).text
    assert '<div><p>A long description.</p></div><p class="machine-note">' in text
