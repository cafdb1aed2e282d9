"""Anonymous readers get public pages from the page cache; every change that shows on a
public page retires them (twinplan/public/cache.py, twinplan/core/pagecache.py)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus
from twinplan.money.services import exchange_rates_load
from twinplan.programmes.services import measure_publish, measure_update
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory
from twinplan.public.cache import HIT_HEADER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_page_cache_on")]


@pytest.fixture
def _page_cache_on():
    with override_settings(TWINPLAN_PAGE_CACHE_SECONDS=600):
        yield


@pytest.fixture
def measure(partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    return MeasureFactory(programme=programme, title="Solar roofs on schools")


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response


def page(partnership) -> str:
    return f"/en/partnerships/{partnership.slug}/"


def test_second_anonymous_get_comes_from_the_cache_with_the_same_page(client, measure):
    first = get(client, page(measure.programme.partnership))
    second = get(client, page(measure.programme.partnership))
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The security headers are added on every response, cached or not.
    assert "Content-Security-Policy" in second


def test_an_edit_shows_at_once(client, measure):
    path = page(measure.programme.partnership)
    get(client, path)
    measure_update(measure, by=None, expected_version=measure.version,
                   title="Heat pumps for the town hall")
    response = get(client, path)
    assert response[HIT_HEADER] == "miss"
    assert "Heat pumps for the town hall" in response.content.decode()


def test_a_publish_and_a_withdrawal_show_at_once(client, measure):
    path = page(measure.programme.partnership)
    assert "Solar roofs on schools" in get(client, path).content.decode()
    measure_publish(measure, by=None, published=False)
    response = get(client, path)
    assert response[HIT_HEADER] == "miss"
    assert "Solar roofs on schools" not in response.content.decode()
    measure_publish(measure, by=None, published=True)
    assert "Solar roofs on schools" in get(client, path).content.decode()


def test_a_translation_shows_at_once(client, measure):
    path = "/vi" + page(measure.programme.partnership)[3:]
    get(client, path)
    get(client, path)
    translation_set(obj=measure, field="title", language="vi", text="Mái nhà năng lượng mặt trời",
                    status=TranslationStatus.HUMAN)
    response = get(client, path)
    assert response[HIT_HEADER] == "miss"
    assert "Mái nhà năng lượng mặt trời" in response.content.decode()


def test_a_rate_change_retires_the_impact_page(client, measure):
    path = page(measure.programme.partnership) + "impact/"
    get(client, path)
    assert get(client, path)[HIT_HEADER] == "hit"
    exchange_rates_load(text="date,base,quote,rate,source\n2026-01-02,EUR,VND,27000,Test bank\n")
    assert get(client, path)[HIT_HEADER] == "miss"
    # Loading the same file again changes nothing, and the page stays cached.
    exchange_rates_load(text="date,base,quote,rate,source\n2026-01-02,EUR,VND,27000,Test bank\n")
    assert get(client, path)[HIT_HEADER] == "hit"


def test_interface_and_content_language_have_pages_of_their_own(client, measure):
    base = page(measure.programme.partnership)[3:]
    english = get(client, "/en" + base)
    german = get(client, "/de" + base)
    assert german[HIT_HEADER] == "miss"
    assert german.content != english.content
    # Choosing a content language changes the session: that answer is never stored …
    chosen = get(client, "/en" + base + "?content=vi")
    assert HIT_HEADER not in chosen
    # … and the next pages are kept apart from those read in the interface language.
    in_vietnamese = get(client, "/en" + base)
    assert in_vietnamese[HIT_HEADER] == "miss"
    assert get(client, "/en" + base)[HIT_HEADER] == "hit"
    assert get(client, "/en" + base).content != english.content


def test_signed_in_readers_are_never_served_or_stored(client, alice, measure):
    path = page(measure.programme.partnership)
    client.force_login(alice)
    response = get(client, path)
    assert HIT_HEADER not in response
    assert "csrfmiddlewaretoken" in response.content.decode()  # the log-out form
    client.logout()
    anonymous = get(client, path)
    assert anonymous[HIT_HEADER] == "miss"
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()
    assert "alice" not in anonymous.content.decode()


def test_pages_with_waiting_messages_are_not_served_from_the_cache(client, measure):
    path = page(measure.programme.partnership)
    get(client, path)
    client.cookies["messages"] = "a message waiting"
    answer = get(client, path)
    assert HIT_HEADER not in answer


def test_a_not_found_page_is_not_stored(client):
    assert client.get("/en/partnerships/nowhere/").status_code == 404
    assert HIT_HEADER not in client.get("/en/partnerships/nowhere/")


def test_off_when_the_setting_is_zero(client, measure):
    with override_settings(TWINPLAN_PAGE_CACHE_SECONDS=0):
        assert HIT_HEADER not in get(client, page(measure.programme.partnership))
