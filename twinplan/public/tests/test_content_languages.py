"""Public pages in every interface language: content without a translation says so in the
page's language and names the original's; countries, currencies and languages are named
for the reader; a town keeps its name per script."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.core.services import translation_set
from twinplan.core.translation import TranslationStatus

pytestmark = pytest.mark.django_db


def _page(client, partnership, language):
    with translation.override(language):
        url = reverse("public:partnership", args=[partnership.slug])
    return client.get(url).content.decode()


def test_untranslated_content_says_so_in_the_pages_language(client, partnership):
    html = _page(client, partnership, "en")
    assert "has not been translated into English yet" in html
    assert "original language, German" in html
    assert "untranslated-note" not in _page(client, partnership, "de")  # written in German


def test_a_translated_page_has_no_note(client, partnership):
    translation_set(obj=partnership, field="title", language="en",
                    text="Climate partnership Wernigerode – Hội An",
                    status=TranslationStatus.HUMAN)
    assert "untranslated-note" not in _page(client, partnership, "en")


def test_countries_currencies_and_languages_named_for_the_reader(client, partnership):
    german = _page(client, partnership, "de")
    assert "<td>Deutschland</td>" in german
    assert "<td>Vietnam</td>" in german
    assert "Vietnamesischer Dong (VND)" in german
    english = _page(client, partnership, "en")
    assert "<td>Germany</td>" in english
    assert "German, Vietnamese" in english  # the partnership's working languages


def test_a_towns_name_in_the_script_of_the_page(client, partnership, hoi_an):
    hoi_an.names = {"Cyrl": "Хојан"}
    hoi_an.save()
    assert "Хојан" in _page(client, partnership, "sr")
    assert "Хојан" not in _page(client, partnership, "sr-latn")
