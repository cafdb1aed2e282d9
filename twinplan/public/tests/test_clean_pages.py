"""Issue 16, "clean public pages": what a visitor reads on the public pages in each
language — no internal notes, keys or parameter names; numbers, dates, titles, regions in
the page's language; outcomes and participants of events; each measure once; demo figures
marked; form errors tied to their fields."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.climate.models import ImpactEstimate
from twinplan.climate.tests.conftest import twin  # noqa: F401  (the fixture)
from twinplan.core.formats import format_date_long
from twinplan.core.services import translation_set
from twinplan.events.models import EventOutcome, OutcomeKind
from twinplan.events.tests.factories import EventFactory
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "sr", "sr-latn", "vi"]


def url(name: str, language: str = "en", **kwargs: object) -> str:
    with translation.override(language):
        return reverse(f"public:{name}", kwargs=kwargs or None)


def page_text(html: str) -> str:
    """The page as read: tags dropped (attributes included), entities kept as they are."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- 1. no internal note, key or parameter name -------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_impact_and_measure_pages_show_no_keys_parameter_names_or_internal_notes(
    client, twin, language  # noqa: F811
):
    ImpactEstimate.objects.filter(measure=twin.pv).update(note="internal: ask Ruma again")
    pages = [
        client.get(url("partnership_impact", language, slug=twin.partnership.slug)),
        client.get(url("measure", language, slug=twin.partnership.slug, pk=twin.pv.pk)),
    ]
    for response in pages:
        assert response.status_code == 200
        html = page_text(response.text)
        for internal in ("pv.yield.SRB", "electricity.grid.SRB", "capacity_kwp",
                         "_kwh_per_year", "check before publication", "from memory",
                         "internal: ask Ruma again", "ISO 3166-1 alpha-3", "natural_gas"):
            assert internal not in html, (language, internal)


def test_factors_are_named_for_visitors_in_the_pages_language(client, twin):  # noqa: F811
    german = client.get(url("partnership_impact", "de", slug=twin.partnership.slug)).text
    assert "Photovoltaic yield" not in german  # the English label, untranslated
    english = client.get(url("partnership_impact", "en", slug=twin.partnership.slug)).text
    assert "Photovoltaic yield, Serbia" in english
    assert "Emissions of natural gas" in english


# --- 2. numbers and calculation lines in the page's locale --------------------------------


def test_calculation_lines_use_the_pages_number_format(client, twin):  # noqa: F811
    """Serbia's grid factor is 636.062 g CO2e/kWh: "636,062 g" in German, "636.062 g" in
    English; grouping too ("1.200" in German)."""
    german = page_text(client.get(url("measure", "de", slug=twin.partnership.slug,
                                      pk=twin.pv.pk)).text)
    assert "× 636,062 g CO₂e/kWh" in german
    assert "636.062" not in german
    assert "30 kWp × 1.200 kWh/kWp/a" in german
    english = page_text(client.get(url("measure", "en", slug=twin.partnership.slug,
                                       pk=twin.pv.pk)).text)
    assert "× 636.062 g CO₂e/kWh" in english
    assert "30 kWp × 1,200 kWh/kWp/a" in english


def test_town_emission_lines_name_the_country_and_keep_the_year(client, twin):  # noqa: F811
    german = page_text(client.get(url("partnership_impact", "de",
                                      slug=twin.partnership.slug)).text)
    assert "56.000 Einwohner (2018)" in german
    assert "(Serbien, 2023)" in german or "(Serbien, 20" in german
    assert "(SRB," not in german


# --- 3. titles, regions, countries in the page's language ---------------------------------


def test_page_titles_are_in_the_pages_language(client, partnership):
    translation_set(obj=partnership, field="title", language="vi",
                    text="Đối tác khí hậu Wernigerode – Hội An", status="human")
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Solaranlage")
    translation_set(obj=measure, field="title", language="vi", text="Hệ thống điện mặt trời",
                    status="human")
    pages = {
        "partnership": url("partnership", "vi", slug=partnership.slug),
        "impact": url("partnership_impact", "vi", slug=partnership.slug),
        "measure": url("measure", "vi", slug=partnership.slug, pk=measure.pk),
    }
    for name, address in pages.items():
        title = re.search(r"<title>(.*?)</title>", client.get(address).text, re.S)
        assert title is not None
        assert "Đối tác khí hậu Wernigerode – Hội An" in title[1], name
        assert "Klimapartnerschaft" not in title[1], name
    measure_title = re.search(r"<title>(.*?)</title>", client.get(pages["measure"]).text)[1]
    assert "Hệ thống điện mặt trời" in measure_title


def test_regions_are_named_from_iso_3166_2_without_codes(client, partnership, wernigerode):
    wernigerode.region_name = "Sachsen-Anhalt (deutsch)"
    wernigerode.region_source = "ISO 3166-2"
    wernigerode.save()
    text = page_text(client.get(url("partnership", "en", slug=partnership.slug)).text)
    assert "Sachsen-Anhalt" in text
    assert "(DE-ST)" not in text
    assert "(deutsch)" not in text  # the stored German name gives way to ISO 3166-2's


# --- 4. dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [
    ("sr", "3. јануара 2018."),
    ("sr-latn", "3. januara 2018."),
    ("de", "3. Januar 2018"),
    ("vi", "ngày 3 tháng 1 năm 2018"),
])
def test_public_dates_read_as_running_text(language, expected):
    assert format_date_long(date(2018, 1, 3), language) == expected


def test_serbian_pages_write_dates_in_the_genitive(client, partnership):
    EventFactory(partnership=partnership, title="Kick-off", start_date=date(2018, 1, 3))
    text = client.get(url("partnership", "sr", slug=partnership.slug)).text
    assert "3. јануара 2018." in text
    assert "3. јануар 2018." not in text


# --- 8. heading order, valid datetime ------------------------------------------------------


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.datetimes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "time":
            self.datetimes.extend(value or "" for name, value in attrs if name == "datetime")


def _check_structure(html: str) -> None:
    parser = _Headings()
    parser.feed(html)
    assert parser.levels
    assert parser.levels[0] == 1
    for before, after in zip(parser.levels, parser.levels[1:], strict=False):
        assert after <= before + 1, parser.levels
    for value in parser.datetimes:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?", value), value


@pytest.mark.parametrize("language", ["de", "vi"])
def test_public_pages_keep_heading_order_and_valid_datetimes(
    client, twin, language  # noqa: F811
):
    EventFactory(partnership=twin.partnership, start_date=date(2018, 1, 3),
                 end_date=date(2018, 1, 4))
    for address in [
        url("home", language),
        url("partnership_directory", language),
        url("partnership", language, slug=twin.partnership.slug),
        url("partnership_impact", language, slug=twin.partnership.slug),
        url("measure", language, slug=twin.partnership.slug, pk=twin.pv.pk),
    ]:
        response = client.get(address)
        assert response.status_code == 200
        _check_structure(response.text)


# --- 9. event outcomes and participants ----------------------------------------------------


def test_event_outcomes_and_participant_counts_are_public(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Solar roofs")
    event = EventFactory(partnership=partnership, title="Council meeting",
                         participant_count=42)
    outcome = EventOutcome.objects.create(
        event=event, kind=OutcomeKind.DECISION, text="The council adopts the solar plan.",
        original_language="en")
    outcome.measures.add(measure)
    text = page_text(client.get(url("partnership", "en", slug=partnership.slug)).text)
    assert "42 people" in text
    assert "Decision: The council adopts the solar plan." in text
    measure_page = page_text(client.get(url("measure", "en", slug=partnership.slug,
                                            pk=measure.pk)).text)
    assert "42 people" in measure_page
    assert "The council adopts the solar plan." in measure_page


# --- 10. each measure once -----------------------------------------------------------------


def test_a_measure_serving_two_goals_appears_once_with_both_goals(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    field = FieldOfActionFactory(programme=programme, title="Energy")
    first = GoalFactory(programme=programme, field_of_action=field, title="Clean energy")
    second = GoalFactory(programme=programme, field_of_action=field, title="Less CO2")
    measure = MeasureFactory(programme=programme, field_of_action=field, title="Solar roofs")
    measure.goals.set([first, second])
    html = client.get(url("partnership", "en", slug=partnership.slug)).text
    link = url("measure", "en", slug=partnership.slug, pk=measure.pk)
    programme_part = html[html.index('id="programme-heading"'):]
    assert html.count(f'href="{link}"') == 1
    assert "Clean energy" in programme_part
    assert "Less CO2" in programme_part


# --- 11. demo figures marked ---------------------------------------------------------------


def test_headline_impact_figures_built_on_demo_data_carry_a_demo_mark(
    client, twin  # noqa: F811
):
    page = url("partnership", "en", slug=twin.partnership.slug)
    assert "demo-figures" not in client.get(page).text
    ImpactEstimate.objects.filter(measure=twin.pv).update(is_demo_content=True)
    html = client.get(page).text
    section = html[html.index('id="impact-heading"'):]
    assert "demo-figures" in section[:2000]
    impact_page = client.get(url("partnership_impact", "en", slug=twin.partnership.slug)).text
    assert "demo-figures" in impact_page


# --- 6. form errors tied to their fields ---------------------------------------------------


def test_form_errors_are_tied_to_their_fields_and_summarised(client, alice, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    client.force_login(alice)
    with translation.override("en"):
        address = reverse("workspace:measure_add", args=[partnership.slug])
    response = client.post(f"{address}?parent={programme.pk}", {
        "parent": programme.pk, "title": "", "status": "planned", "weight": 1})
    assert response.status_code == 400
    html = response.text
    described = re.findall(r'aria-describedby="([^"]*_error[^"]*)"', html)
    assert described, "Django marks an invalid field with aria-describedby"
    for value in described:
        for ref in value.split():
            if ref.endswith("_error"):
                assert f'id="{ref}"' in html, ref
    assert 'aria-invalid="true"' in html
    assert 'id="form-errors" tabindex="-1"' in html
    assert 'href="#id_title"' in html
    assert "twinplan/a11y.js" in html  # moves the focus to the summary (base.html)


# --- 12. SDG names from the published translations ----------------------------------------


def _measure_with_sdg(partnership):
    from twinplan.reference.models import SdgGoal, SdgTarget

    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme, title="Solar roofs")
    measure.sdg_goals.set([SdgGoal.objects.get(code=13)])
    measure.sdg_targets.set([SdgTarget.objects.get(code="13.1")])
    return measure


def test_sdg_names_come_from_the_published_german_translation(client, partnership):
    measure = _measure_with_sdg(partnership)
    html = client.get(url("measure", "de", slug=partnership.slug, pk=measure.pk)).text
    assert "Maßnahmen zum Klimaschutz" in html
    # The target's German title (Open SDG), not the English fallback.
    assert "Die Widerstandskraft und die Anpassungsfähigkeit gegenüber klimabedingten" in html
    assert "Strengthen resilience and adaptive capacity" not in html
    assert "unverified-translation" not in html


@pytest.mark.parametrize("language", ["sr", "vi"])
def test_sdg_names_without_a_published_translation_are_marked(client, partnership, language):
    measure = _measure_with_sdg(partnership)
    html = client.get(url("measure", language, slug=partnership.slug, pk=measure.pk)).text
    section = html[html.index('id="sdg-heading"'):]
    section = section[:section.index("</section>")]
    assert "unverified-translation" in section  # our own goal name
    assert 'lang="en"' in section  # the target has no translation: English, marked as such


def test_the_build_script_cites_its_source_and_reproduces_the_committed_file():
    import importlib.util
    import json
    from pathlib import Path

    from twinplan.reference import codes

    source = codes.sdg_names_source()
    assert source["repository"] == "open-sdg/sdg-translations"
    assert source["licence"].startswith("MIT")
    assert "de" in source["languages"]
    assert "sr" not in source["languages"]
    repo = Path(__file__).resolve().parents[3]
    translations = repo.parent / "shared" / "standards" / "sdg-translations"
    if not translations.is_dir():
        pytest.skip("../shared/standards/sdg-translations is not present")
    spec = importlib.util.spec_from_file_location("build_sdg_names",
                                                  repo / "scripts" / "build_sdg_names.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = json.loads((repo / "twinplan/reference/data/sdg_names.json").read_text())
    assert module.build(translations) == committed


# --- 7. lang on text in another language ---------------------------------------------------


def test_german_outcomes_on_a_vietnamese_page_carry_lang(client, partnership):
    event = EventFactory(partnership=partnership, title="Ratssitzung", original_language="de")
    EventOutcome.objects.create(event=event, kind=OutcomeKind.RESULT,
                                text="Der Rat beschließt den Plan.", original_language="de")
    html = client.get(url("partnership", "vi", slug=partnership.slug)).text
    assert '<span lang="de">Der Rat beschließt den Plan.</span>' in html
    assert '<span lang="de">Ratssitzung</span>' in html
