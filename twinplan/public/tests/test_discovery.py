"""What search engines, feed readers and browsers ask for: sitemap.xml (published pages only,
every language with hreflang alternates), robots.txt, the favicon, each partnership's Atom
feed of published progress; and the accessibility statement with its feedback link."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from lxml import etree

from twinplan.core.models import ReviewState
from twinplan.core.translation import TranslationStatus, fingerprint
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    MeasureFactory,
    ProgressEntryFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def measure(partnership):
    return MeasureFactory(programme=ActionProgrammeFactory(partnership=partnership),
                          title="Solardächer auf Schulen")


def _sitemap(client) -> etree._Element:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_the_sitemap_lists_published_pages_in_every_language(client, partnership, measure):
    locations = {url.findtext(f"{SITEMAP}loc") for url in _sitemap(client).iter(f"{SITEMAP}url")}
    for language in LANGUAGES:
        assert f"http://testserver/{language}/partnerships/wernigerode-hoi-an/" in locations
        assert (f"http://testserver/{language}/partnerships/wernigerode-hoi-an/programme/"
                in locations)
        assert (f"http://testserver/{language}/partnerships/wernigerode-hoi-an/measures/"
                f"{measure.pk}/") in locations
        assert f"http://testserver/{language}/accessibility/" in locations


def test_each_sitemap_entry_names_its_other_languages(client, partnership):
    root = _sitemap(client)
    entry = next(url for url in root.iter(f"{SITEMAP}url")
                 if url.findtext(f"{SITEMAP}loc").endswith("/de/partnerships/wernigerode-hoi-an/"))
    alternates = {link.get("hreflang"): link.get("href")
                  for link in entry.iter(f"{XHTML}link")}
    assert alternates["vi"] == "http://testserver/vi/partnerships/wernigerode-hoi-an/"
    assert alternates["sr-latn"] == "http://testserver/sr-latn/partnerships/wernigerode-hoi-an/"
    assert set(LANGUAGES) <= set(alternates)


def test_the_sitemap_never_lists_what_is_unpublished(client, partnership, measure):
    hidden = PartnershipFactory(slug="hidden-partnership", is_published=False)
    draft = MeasureFactory(programme=measure.programme, is_published=False)
    unpublished_programme = MeasureFactory(
        programme=ActionProgrammeFactory(partnership=partnership, is_published=False))
    text = client.get("/sitemap.xml").content.decode()
    assert hidden.slug not in text
    assert f"/measures/{draft.pk}/" not in text
    assert f"/measures/{unpublished_programme.pk}/" not in text
    assert "/workspace/" not in text


def test_robots_keep_out_of_the_workspace_and_point_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    for language in LANGUAGES:
        assert f"Disallow: /{language}/workspace/" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Allow: /api/v1/docs" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_favicon_is_the_sites_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("twinplan/favicon.svg")
    page = client.get("/en/").content.decode()
    assert 'rel="icon" href="/static/twinplan/favicon.svg"' in page


def _feed(client, language: str, slug: str = "wernigerode-hoi-an") -> etree._Element:
    response = client.get(f"/{language}/partnerships/{slug}/progress.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def test_the_feed_has_approved_progress_of_published_measures_only(client, measure):
    ProgressEntryFactory(measure=measure, text="Module bestellt")
    ProgressEntryFactory(measure=measure, text="Wartet auf Prüfung",
                         review_state=ReviewState.PENDING)
    ProgressEntryFactory(measure=measure, text="Abgelehnt", review_state=ReviewState.DECLINED)
    draft = MeasureFactory(programme=measure.programme, is_published=False)
    ProgressEntryFactory(measure=draft, text="Entwurf")
    feed = _feed(client, "de")
    texts = [entry.findtext(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]
    assert texts == ["Module bestellt"]
    link = next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.startswith(f"http://testserver/de/partnerships/wernigerode-hoi-an/measures/"
                           f"{measure.pk}/")


def test_the_feed_is_in_the_language_of_its_address(client, measure):
    text = "Module bestellt"
    ProgressEntryFactory(measure=measure, text=text, translations={"vi": {"text": {
        "text": "Đã đặt mua tấm pin", "status": TranslationStatus.HUMAN,
        "source_fingerprint": fingerprint(text)}}})
    feed = _feed(client, "vi")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert next(feed.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary") == "Đã đặt mua tấm pin"
    with translation.override("vi"):
        assert translation.gettext("Progress: %(partnership)s").split(":")[0] in feed.findtext(
            f"{ATOM}title")


def test_no_feed_for_an_unpublished_partnership(client):
    PartnershipFactory(slug="hidden-partnership", is_published=False)
    assert client.get("/en/partnerships/hidden-partnership/progress.atom").status_code == 404


def test_the_partnership_page_links_its_feed(client, partnership):
    page = client.get("/de/partnerships/wernigerode-hoi-an/").content.decode()
    assert ('<link rel="alternate" type="application/atom+xml" '
            'href="/de/partnerships/wernigerode-hoi-an/progress.atom"') in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_statement_is_linked_from_every_page_in_its_language(client, language):
    with translation.override(language):
        heading = translation.gettext("Accessibility statement")
        link = translation.gettext("Accessibility")
    page = client.get(f"/{language}/privacy/").content.decode()
    assert f'<a href="/{language}/accessibility/">{link}</a>' in page
    statement = client.get(f"/{language}/accessibility/").content.decode()
    assert f"<h1>{heading}</h1>" in statement
    for section in ("compliance", "non-accessible", "preparation", "feedback", "enforcement"):
        assert f'id="{section}"' in statement


@override_settings(TWINPLAN_ACCESSIBILITY_CONTACT="barrierefrei@example.org")
def test_the_feedback_link_writes_to_the_accessibility_contact(client):
    page = client.get("/en/partnerships/").content.decode()
    assert 'href="mailto:barrierefrei@example.org?subject=' in page
    assert "mailto:barrierefrei@example.org" in client.get("/en/accessibility/").content.decode()


@override_settings(TWINPLAN_ACCESSIBILITY_CONTACT="")
def test_without_a_contact_the_feedback_link_leads_to_the_statement(client):
    page = client.get("/en/partnerships/").content.decode()
    assert 'href="/en/accessibility/#feedback"' in page
    assert "has not filled in a contact address yet" in client.get(
        "/en/accessibility/").content.decode()
