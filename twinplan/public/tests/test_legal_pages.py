"""Privacy page and Impressum: linked from every public page, in every interface language,
with the operator's details from settings or a note that they are missing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
OPERATOR = {
    "TWINPLAN_OPERATOR_NAME": "Stadt Wernigerode",
    "TWINPLAN_OPERATOR_ADDRESS": "Marktplatz 1\n38855 Wernigerode",
    "TWINPLAN_OPERATOR_EMAIL": "klima@example.org",
    "TWINPLAN_OPERATOR_RESPONSIBLE": "Erika Muster",
}
UNSET = dict.fromkeys(OPERATOR, "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_links_both_in_its_language(client, partnership, language):
    for url in [f"/{language}/", f"/{language}/partnerships/", f"/{language}/privacy/"]:
        text = client.get(url).content.decode()
        assert f'href="/{language}/privacy/"' in text
        assert f'href="/{language}/impressum/"' in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_pages_render_in_each_language(client, language):
    with translation.override(language):
        privacy = translation.gettext("Privacy")
        notice = translation.gettext("Legal notice")
    assert privacy in client.get(f"/{language}/privacy/").content.decode()
    assert notice in client.get(f"/{language}/impressum/").content.decode()


@override_settings(**OPERATOR)
def test_the_impressum_shows_the_operator_from_settings(client):
    text = client.get("/en/impressum/").content.decode()
    assert "Stadt Wernigerode" in text
    assert "Marktplatz 1<br>38855 Wernigerode" in text
    assert 'href="mailto:klima@example.org"' in text
    assert "Erika Muster" in text
    assert "not filled in" not in text
    assert 'href="mailto:klima@example.org"' in client.get("/en/privacy/").content.decode()


@override_settings(**UNSET)
def test_without_operator_details_the_pages_say_so(client):
    response = client.get("/en/impressum/")
    assert response.status_code == 200
    assert "has not filled in these details yet" in response.content.decode()
    assert "has not filled in a contact address yet" in client.get(
        "/en/privacy/").content.decode()


@override_settings(**{**UNSET, "TWINPLAN_OPERATOR_NAME": "Stadt Wernigerode"})
def test_a_partly_filled_impressum_marks_what_is_missing(client):
    text = client.get("/en/impressum/").content.decode()
    assert "Stadt Wernigerode" in text
    assert text.count("not filled in yet") == 3
