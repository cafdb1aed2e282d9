"""Public partials of other apps date in the page's language (Serbian genitive), and
English source texts of default factors carry `lang="en"` on other-language pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation

from twinplan.climate.tests.conftest import twin  # noqa: F401  (the fixture)
from twinplan.core.templatetags.twinplan import SourceNotes, cite, public_date
from twinplan.public.tests.test_clean_pages import url
from twinplan.public.views import ACCESSIBILITY_STATEMENT_PREPARED_ON

pytestmark = pytest.mark.django_db


def test_the_accessibility_statement_dates_in_the_serbian_genitive(client):
    text = client.get(url("accessibility", "sr")).text
    with translation.override("sr"):
        expected = public_date(ACCESSIBILITY_STATEMENT_PREPARED_ON)
    assert re.search(r"\d+\. [а-я]+а \d{4}\.", expected), expected
    assert expected in text


def test_a_moment_is_dated_in_the_current_time_zone():
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with translation.override("sr-latn"), timezone.override("Europe/Belgrade"):
        assert public_date(moment) == "1. januara 2027."


def test_source_notes_mark_a_known_other_language():
    notes = SourceNotes()
    with translation.override("sr"):
        cite(notes, "EDGAR 2024 Report", "en")
        cite(notes, "Општина Рума")
        assert notes.entries == [("EDGAR 2024 Report", "en"), ("Општина Рума", "")]
    with translation.override("en"):
        assert notes.entries[0] == ("EDGAR 2024 Report", "")


def test_default_factor_sources_carry_lang_en_on_a_serbian_page(client, twin):  # noqa: F811
    html = client.get(url("partnership_impact", "sr", slug=twin.partnership.slug)).text
    table = html[html.index('class="factors"'):]
    assert re.search(r'<span lang="en">(<a [^>]*>)?[^<]*codecarbon', table)
