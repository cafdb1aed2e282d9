"""Maps and charts on the public pages: drawn, named for screen readers, the same numbers
in the table beside them, in the page's language; the directory's filters."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from twinplan.indicators.services import indicator_create, indicator_value_create
from twinplan.money.models import FundingSource
from twinplan.money.tests.factories import ResourceFactory
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import PartnershipKind
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import MeasureStatus
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    MeasureFactory,
)
from twinplan.reference.models import SdgGoal

pytestmark = pytest.mark.django_db


def svg_named(html: str, title: str) -> str:
    """The inline SVG whose <title> is `title` (fails when there is none)."""
    for svg in re.findall(r"<svg .*?</svg>", html, flags=re.S):
        if f">{title}</title>" in svg:
            assert 'role="img"' in svg
            assert "aria-labelledby" in svg
            return svg
    raise AssertionError(f"No SVG titled {title!r}")


def table_after(html: str, caption: str) -> list[list[str]]:
    """The rows (cells as text) of the table captioned `caption`."""
    match = re.search(r"<caption[^>]*>" + re.escape(caption) + r"</caption>(.*?)</table>",
                      html, flags=re.S)
    assert match, caption
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), flags=re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
            for row in rows]


def test_the_partnership_page_maps_both_towns_with_the_distance_in_the_page_locale(
        client, partnership):
    html = client.get(f"/de/partnerships/{partnership.slug}/").content.decode()
    svg = svg_named(html, "Karte der Partnerstädte")
    assert svg.count("<circle") == 2
    assert ">Wernigerode<" in svg
    assert ">Hội An<" in svg
    assert "9.143 km" in svg  # German grouping
    # The text equivalent, under the map and as the drawing's description.
    assert "Wernigerode (Deutschland) – Hội An (Vietnam): 9.143 km" in html
    assert "<desc" in svg
    assert "Wernigerode (Deutschland) – Hội An (Vietnam): 9.143 km" in svg


def test_no_map_without_coordinates(client):
    partnership = PartnershipFactory()  # factory towns have no coordinates
    html = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert 'class="map"' not in html


def test_the_programme_charts_and_their_tables_give_the_same_numbers(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    energy = FieldOfActionFactory(programme=programme, title="Energy")
    sdg7 = SdgGoal.objects.get(code=7)
    for status in (MeasureStatus.PLANNED, MeasureStatus.PLANNED, MeasureStatus.COMPLETED):
        measure = MeasureFactory(programme=programme, field_of_action=energy, status=status)
        measure.goals.clear()
        measure.sdg_goals.set([sdg7])
        ResourceFactory(measure=measure, planned_amount=Decimal("1234.5"), spent_amount=None,
                        source_of_funds=FundingSource.OWN_BUDGET)
    html = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()

    svg = svg_named(html, "Measures by field of action and status")
    assert ">Energy<" in svg
    rows = table_after(html, "Measures by field of action and status")
    assert rows[0] == ["", "planned", "completed", "Total"]
    assert rows[1] == ["Energy", "2", "1", "3"]

    svg_named(html, "Measures per SDG")
    rows = table_after(html, "Measures per SDG")
    assert rows[1][0].startswith("SDG 7: ")
    assert rows[1][1] == "3"

    svg = svg_named(html, "Money planned and spent by source of funds (EUR)")
    assert "3,704 EUR" in svg  # 3 × 1,234.5 EUR planned, none spent
    rows = table_after(html, "Money planned and spent by source of funds (EUR)")
    assert rows[1] == ["own budget", "0", "3,704", "3,704"]


def test_charts_say_when_they_are_drawn_from_demo_content(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    MeasureFactory(programme=programme, is_demo_content=True)
    html = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    title = html.split('<figcaption class="chart-title">', 1)[1].split("</figcaption>", 1)[0]
    assert "demo content" in title


def test_an_indicator_chart_shows_values_against_the_target(client, partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    measure = MeasureFactory(programme=programme)
    indicator = indicator_create(
        by=None, measure=measure, name="Heat used", unit="MWh/a",
        baseline_value=Decimal(1450), baseline_year=2018, baseline_source="Stadtwerke 2018",
        target_value=Decimal(1200), target_year=2025, target_source="Beschluss 2019")
    indicator_value_create(indicator=indicator, by=None, date=date(2020, 6, 1),
                           value=Decimal("1380.5"), source="Stadtwerke 2020")
    html = client.get(f"/de/partnerships/{partnership.slug}/measures/{measure.pk}/"
                      ).content.decode()
    svg = svg_named(html, "Heat used")
    assert "Zielwert 2025: 1.200 MWh/a" in svg
    rows = table_after(html, "Heat used")
    assert ["2018", "1.450", "Ausgangslage"] in rows
    assert ["2020", "1.380,5", ""] in rows
    assert ["Zielwert 2025", "1.200", ""] in rows


def test_the_impact_page_draws_the_balance_with_its_table(client, partnership):
    from twinplan.climate.tests.factories import TravelLegFactory
    from twinplan.events.tests.factories import EventFactory

    TravelLegFactory(event=EventFactory(partnership=partnership))
    html = client.get(f"/en/partnerships/{partnership.slug}/impact/").content.decode()
    svg_named(html, "Impact balance")
    rows = table_after(html, "Impact balance")
    travel = next(row for row in rows if row[0].startswith("Travel"))
    assert travel[1]
    assert travel[1] != "0"


# --- the directory ----------------------------------------------------------------------


@pytest.fixture
def network(partnership):
    ruma = MunicipalityFactory(name="Ruma", slug="ruma", country="RS", latitude=45.0081,
                               longitude=19.8222, location_source="GeoNames 3189595")
    bersenbrueck = MunicipalityFactory(name="Bersenbrück", slug="bersenbrueck",
                                       latitude=52.55, longitude=7.95,
                                       location_source="GeoNames 2949992")
    other = PartnershipFactory(title="Bersenbrück – Ruma", kind=PartnershipKind.SUSTAINABILITY,
                               members=[bersenbrueck, ruma])
    programme = ActionProgrammeFactory(partnership=other)
    measure = MeasureFactory(programme=programme)
    measure.sdg_goals.set([SdgGoal.objects.get(code=6)])
    return other


def listed(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/en/partnerships/([^/]+)/">', html)


def test_the_directory_map_shows_every_listed_partnership(client, partnership, network):
    html = client.get("/en/partnerships/").content.decode()
    svg = svg_named(html, "Map of the published partnerships")
    assert svg.count("<circle") == 4
    assert sorted(listed(html)) == sorted([partnership.slug, network.slug])


@pytest.mark.parametrize(("query", "expected"), [
    ("country=RS", ["network"]),
    ("country=VN", ["partnership"]),
    ("kind=sustainability", ["network"]),
    ("sdg=6", ["network"]),
    ("sdg=6&country=VN", []),
])
def test_the_directory_filters_list_and_map_alike(client, partnership, network, query,
                                                   expected):
    slugs = {"partnership": partnership.slug, "network": network.slug}
    html = client.get(f"/en/partnerships/?{query}").content.decode()
    assert listed(html) == [slugs[name] for name in expected]
    if expected:
        svg = svg_named(html, "Map of the published partnerships")
        assert svg.count("<circle") == 2
    else:
        assert "No published partnership matches these filters." in html
        assert "No partnership has been published yet." not in html


def test_a_wrong_filter_is_named_at_its_field_and_changes_nothing(client, partnership, network):
    response = client.get("/en/partnerships/?sdg=99&country=XX")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_sdg_error"' in html
    assert 'aria-describedby="id_sdg_error"' in html
    assert 'id="id_country_error"' in html
    assert len(listed(html)) == 2  # the whole list, unfiltered


def test_the_filters_offer_the_countries_in_the_page_language(client, partnership, network):
    html = client.get("/de/partnerships/").content.decode()
    country = html.split('name="country"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([A-Z]+)"[^>]*>([^<]+)<', country) == [
        ("DE", "Deutschland"), ("RS", "Serbien"), ("VN", "Vietnam")]
