"""`{% once %}`: parts of the layout rendered once per process, per interface language and
the values they name; the pages show what they showed before. `choice_label`: a choice's
label as `get_FOO_display` gives it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings
from django.urls import resolve, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

from twinplan.core.templatetags.twinplan import choice_label
from twinplan.programmes.models import Measure, MeasureStatus, ProgressEntry
from twinplan.public.templatetags.public import page_in_language


def test_a_part_is_rendered_once_and_reused():
    template = Template("{% load twinplan %}{% once %}{{ value }}{% endonce %}")
    assert template.render(Context({"value": "first"})) == "first"
    # Anything not named after `once` does not count: the first text is reused.
    assert template.render(Context({"value": "second"})) == "first"


def test_the_values_named_and_the_language_count():
    template = Template("{% load i18n twinplan %}{% once value %}{{ value }} "
                        "{% translate 'Privacy' %}{% endonce %}")
    with translation.override("en"):
        assert template.render(Context({"value": 1})) == "1 Privacy"
        assert template.render(Context({"value": 2})) == "2 Privacy"
        assert template.render(Context({"value": [("de", "Deutsch")]})) == (
            "[(&#x27;de&#x27;, &#x27;Deutsch&#x27;)] Privacy")
    with translation.override("de"):
        german = template.render(Context({"value": 1}))
    assert german != "1 Privacy"
    assert german.startswith("1 ")


def test_a_changed_setting_renders_anew():
    template = Template("{% load twinplan %}{% once %}{{ value }}{% endonce %}")
    assert template.render(Context({"value": "before"})) == "before"
    with override_settings(TWINPLAN_PAGE_CACHE_SECONDS=0):
        assert template.render(Context({"value": "after"})) == "after"


@pytest.mark.django_db
def test_the_layout_marks_the_page_and_language_of_each_request(client):
    directory = client.get("/en/partnerships/").content.decode()
    assert 'href="/en/partnerships/" aria-current="page"' in directory
    search = client.get("/en/search/").content.decode()
    assert 'href="/en/partnerships/" aria-current="page"' not in search
    assert 'href="/en/search/" aria-current="page"' in search
    german = client.get("/de/search/").content.decode()
    assert 'href="/de/privacy/"' in german
    assert 'href="/en/privacy/"' not in german
    # The content language chosen is selected in the form, and not on the next reader's page.
    chosen = client.get("/en/search/?content=vi").content.decode()
    assert '<option value="vi" lang="vi" selected>' in chosen
    other = client.__class__().get("/en/search/").content.decode()
    assert '<option value="vi" lang="vi">' in other


@pytest.mark.parametrize("language", ["en", "de", "sr", "vi"])
def test_choice_label_is_the_display_of_the_field(language):
    with translation.override(language):
        for status in MeasureStatus.values:
            measure = Measure(status=status)
            assert choice_label(measure, "status") == measure.get_status_display()
        for kind, _label in ProgressEntry._meta.get_field("kind").flatchoices:
            entry = ProgressEntry(kind=kind)
            assert choice_label(entry, "kind") == entry.get_kind_display()
    assert choice_label(Measure(status="no-such-status"), "status") == "no-such-status"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/privacy/", "/de/partnerships/?country=DE&kind=climate",
                                  "/sr-latn/search/?q=%C3%BC", "/vi/network/"])
def test_the_language_links_are_what_translate_url_gives(rf, path):
    request = rf.get(path)
    with translation.override(get_language_from_path(path)):
        request.resolver_match = resolve(request.path_info)
        full_path = request.get_full_path()
        for code, _name in settings.LANGUAGES:
            link = page_in_language(request, full_path, code)
            assert link == translate_url(full_path, code)
            assert link.startswith(f"/{code}/")
