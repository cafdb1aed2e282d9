"""The public page of one event: a published event of a published partnership, in the
page's language, with its outcomes, ideas and pictures; linked from the timeline and the
sitemap; nothing of a draft."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from twinplan.core.models import ReviewState
from twinplan.core.services import translation_set
from twinplan.events.models import IdeaFate
from twinplan.events.tests.factories import EventFactory
from twinplan.media.tests.factories import image_bytes, media_item, pdf_bytes
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def page_url(event, language: str = "en") -> str:
    return f"/{language}/partnerships/{event.partnership.slug}/events/{event.pk}/"


@pytest.fixture
def event(partnership, wernigerode):
    event = EventFactory(
        partnership=partnership, kind="public_event", title="Klimafest am Rathaus",
        description="Ein Tag rund um Solarenergie.", start_date=datetime.date(2019, 6, 1),
        end_date=datetime.date(2019, 6, 2), place_name="Marktplatz", country="DE",
        host_municipality=wernigerode, participant_count=250,
        participants_text="Schulklassen und Vereine",
    )
    event.organisations.add(OrganisationFactory(name="Gymnasium Stadtfeld"))
    return event


@pytest.fixture
def photo(partnership, event):
    item = media_item(partnership, attached_to=event, caption="Baumpflanzung",
                      alt_text="Kinder pflanzen einen Baum", original_language="de",
                      credit="Foto: Frank Fendler", data=image_bytes(size=(1000, 500)))
    translation_set(obj=item, field="caption", language="vi", text="Trồng cây",
                    status="human")
    return item


def test_a_published_event_in_german_and_vietnamese(client, partnership, event, photo):
    translation_set(obj=event, field="title", language="vi", text="Lễ hội khí hậu",
                    status="human")
    document = media_item(partnership, attached_to=event, data=pdf_bytes(),
                          caption="Protokoll")
    german = client.get(page_url(event, "de"))
    assert german.status_code == 200
    text = german.content.decode()
    assert "<title>Klimafest am Rathaus · Klimapartnerschaft" in text
    for shown in ("Klimafest am Rathaus", "Ein Tag rund um Solarenergie.", "Marktplatz",
                  "Deutschland", "Wernigerode", "Gymnasium Stadtfeld", "Schulklassen und Vereine",
                  "250", "Baumpflanzung", "Foto: Frank Fendler", "CC BY 4.0", "Protokoll",
                  'aria-current="page"'):
        assert shown in text, shown
    assert "Trồng cây" not in text
    assert reverse("media_file", args=[photo.key, "480"]) + " 480w" in text
    assert reverse("media_file", args=[document.key, "file"]) in text

    vietnamese = client.get(page_url(event, "vi"))
    assert vietnamese.status_code == 200
    text = vietnamese.content.decode()
    assert "<title>Lễ hội khí hậu ·" in text
    assert "Trồng cây" in text
    assert "Baumpflanzung" not in text
    assert "Foto: Frank Fendler" in text
    # the description, the title and the alt text are not translated: marked as German
    assert '<div lang="de"><p>Ein Tag rund um Solarenergie.</p></div>' in text
    assert '<h1><span lang="de">Klimafest am Rathaus</span></h1>' not in text  # translated
    assert 'alt="Kinder pflanzen einen Baum" lang="de"' in text


def test_outcomes_link_published_measures_and_approved_ideas_show(client, partnership, event):
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Solardächer auf Schulen")
    draft = MeasureFactory(programme=programme, title="Geheime Maßnahme", is_published=False)
    outcome = event.outcomes.create(kind="decision", text="Beschluss: Solardächer",
                                    original_language="de")
    outcome.measures.add(measure, draft)
    event.ideas.create(title="Radwege", fate=IdeaFate.BECAME_MEASURE, measure=measure,
                       original_language="de", review_state=ReviewState.APPROVED)
    event.ideas.create(title="Zweite Idee zum Entwurf", fate=IdeaFate.BECAME_MEASURE,
                       measure=draft, original_language="de",
                       review_state=ReviewState.APPROVED)
    event.ideas.create(title="Noch nicht geprüft", original_language="de",
                       review_state=ReviewState.PENDING)
    text = client.get(page_url(event)).content.decode()
    assert "Beschluss: Solardächer" in text
    assert f'href="/en/partnerships/{partnership.slug}/measures/{measure.pk}/"' in text
    assert f"/measures/{draft.pk}/" not in text
    assert "Geheime Maßnahme" not in text
    assert "Radwege" in text
    assert "Zweite Idee zum Entwurf" in text
    assert "Noch nicht geprüft" not in text


def test_a_draft_event_is_not_found_and_its_photo_stays_hidden(client, partnership, event,
                                                              photo):
    event.is_published = False
    event.save()
    assert client.get(page_url(event, "de")).status_code == 404
    assert client.get(reverse("media_file", args=[photo.key, "480"])).status_code == 404


def test_an_event_of_a_draft_partnership_is_not_found(client, partnership, event, photo):
    partnership.is_published = False
    partnership.save()
    assert client.get(page_url(event, "de")).status_code == 404
    assert client.get(reverse("media_file", args=[photo.key, "480"])).status_code == 404


def test_an_event_under_another_partnership_is_not_found_here(client, partnership):
    other = EventFactory()
    assert client.get(
        f"/en/partnerships/{partnership.slug}/events/{other.pk}/").status_code == 404


def test_the_timeline_and_the_sitemap_link_the_event(client, partnership, event):
    draft = EventFactory(partnership=partnership, is_published=False)
    timeline = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert f'href="{page_url(event)}"' in timeline
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{page_url(event, 'vi')}" in sitemap
    assert f"/events/{draft.pk}/" not in sitemap
