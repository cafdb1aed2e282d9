"""The public pages: the towns' risks side by side, the measures against them, whom they
protect and where each figure comes from; published content only; fixed query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from twinplan.adaptation.models import ClimateRisk
from twinplan.adaptation.selectors import adaptation_report
from twinplan.adaptation.tests.factories import (
    AdaptationEffectFactory,
    ClimateRiskFactory,
    MeasureAdaptationFactory,
)
from twinplan.money.models import CurrencyRate
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _page(client, name, partnership, language="de"):
    with translation.override(language):
        path = reverse(f"public:{name}", args=[partnership.slug])
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def protected(partnership, programme, warning, flood, drought):
    MeasureAdaptationFactory(measure=warning, risks=[flood])
    AdaptationEffectFactory(measure=warning, risk=flood, quantity=Decimal(3000),
                            source="Katastrophenschutzplan Hội An")
    return warning


def test_the_partnership_page_shows_both_towns_risks_side_by_side(client, partnership,
                                                                  protected):
    text = _page(client, "partnership", partnership)
    assert "Klimarisiken" in text or "Climate risks" in text
    table = text[text.index('class="facts risks"'):text.index("</table>", text.index(
        'class="facts risks"'))]
    assert "Wernigerode" in table
    assert "Hội An" in table
    assert table.count("<tr>") == 3  # the head, floods, droughts
    assert "Risikoanalyse der Stadt" in text  # the assessment's source, cited


def test_the_page_names_the_measure_whom_it_protects_and_the_source(client, partnership,
                                                                    protected):
    text = _page(client, "partnership", partnership)
    assert "Hochwasser-Frühwarnung" in text
    assert "3.000" in text  # people protected, in German number format
    assert "Katastrophenschutzplan Hội An (2023)" in text


def test_a_draft_measure_and_its_effects_stay_out_of_public(client, partnership, protected,
                                                            programme, flood):
    draft = MeasureFactory(programme=programme, title="Entwurf Deich", is_published=False,
                           lead_municipality=flood.municipality)
    MeasureAdaptationFactory(measure=draft, risks=[flood])
    AdaptationEffectFactory(measure=draft, risk=flood, quantity=Decimal(99999),
                            source="Geheimer Entwurf")
    for name in ("partnership", "partnership_impact"):
        text = _page(client, name, partnership)
        assert "Entwurf Deich" not in text
        assert "Geheimer Entwurf" not in text
        assert "99.999" not in text
    drafts = adaptation_report(partnership, published_only=False, today=TODAY)
    assert draft in [line.measure for line in drafts.measures]


def test_an_unpublished_partnership_shows_nothing(client, partnership, protected):
    partnership.is_published = False
    partnership.save()
    with translation.override("de"):
        assert client.get(reverse("public:partnership", args=[partnership.slug])
                          ).status_code == 404


def test_the_impact_page_shows_adaptation_beside_mitigation_in_vietnamese(
    client, partnership, protected
):
    text = _page(client, "partnership_impact", partnership, language="vi")
    assert 'id="adaptation-heading"' in text
    assert 'id="balance-heading"' in text
    assert "Katastrophenschutzplan Hội An (2023)" in text


def test_avoided_damage_is_converted_with_the_rate_and_its_source(partnership, protected,
                                                                  flood):
    CurrencyRate.objects.create(date=datetime.date(2023, 1, 2), base="EUR", quote="VND",
                                rate=Decimal(25000), source="SBV 2023")
    AdaptationEffectFactory(measure=protected, risk=flood, kind="avoided_damage",
                            quantity=Decimal(2_500_000_000), currency="VND")
    report = adaptation_report(partnership, today=TODAY)
    damage = [f for f in report.total if f.kind == "avoided_damage"]
    assert [(f.amount, f.unit) for f in damage] == [(Decimal("100000.00"), "EUR")]
    line = next(line for line in report.measures[0].effects if line.effect.currency)
    assert line.rate_source == "SBV 2023"


def test_avoided_damage_without_a_rate_is_left_out_and_says_so(partnership, protected,
                                                              flood):
    AdaptationEffectFactory(measure=protected, risk=flood, kind="avoided_damage",
                            quantity=Decimal(1000), currency="RSD")
    report = adaptation_report(partnership, today=TODAY)
    assert [f.kind for f in report.total] == ["people_protected"]
    assert "RSD" in report.conversion_errors[0]


def test_the_partnership_total_counts_a_measure_against_two_risks_once(
    partnership, protected, hoi_an
):
    storm = ClimateRiskFactory(municipality=hoi_an, hazard="storms")
    protected.adaptation.risks.add(storm)
    AdaptationEffectFactory(measure=protected, risk=storm, quantity=Decimal(3000))
    report = adaptation_report(partnership, today=TODAY)
    per_risk = {line.risk.hazard: [f.amount for f in line.figures] for line in report.by_risk}
    assert per_risk["floods"] == per_risk["storms"] == [Decimal(3000)]
    assert [f.amount for f in report.total] == [Decimal(3000)]


def test_the_effect_labels_follow_the_language_they_are_shown_in(partnership, protected):
    """A report read on an English page and shown in a German document column names the
    effect kinds in German (the labels are not frozen when the report is read)."""
    with translation.override("en"):
        report = adaptation_report(partnership, today=TODAY)
        assert [f.label for f in report.total] == ["people protected"]
    with translation.override("de"):
        assert [f.label for f in report.total] == ["geschützte Personen"]
        assert [f.label for line in report.by_risk for f in line.figures] == [
            "geschützte Personen"]


def _fill(programme, towns, size):
    hazards = ["floods", "storms", "droughts", "extreme_heat", "wildfires"]
    risks = [ClimateRisk.objects.filter(municipality=town, hazard=hazard).first()
             or ClimateRiskFactory(municipality=town, hazard=hazard)
             for town in towns for hazard in hazards[: min(size, 5)]]
    for i in range(size):
        measure = MeasureFactory(programme=programme, lead_municipality=towns[i % 2])
        own = [r for r in risks if r.municipality == towns[i % 2]][:2]
        MeasureAdaptationFactory(measure=measure, risks=own)
        for risk in own:
            AdaptationEffectFactory(measure=measure, risk=risk)
            AdaptationEffectFactory(measure=measure, risk=risk, kind="avoided_damage",
                                    quantity=Decimal(10), currency="EUR")


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_report_reads_in_a_fixed_number_of_queries(partnership, programme, wernigerode,
                                                       hoi_an, django_assert_num_queries):
    _fill(programme, [wernigerode, hoi_an], 5)
    partnership.refresh_from_db()
    with django_assert_num_queries(6):
        adaptation_report(partnership, today=TODAY)


@pytest.mark.parametrize("name", ["partnership", "partnership_impact"])
def test_the_pages_do_not_grow_with_risks_measures_and_effects(client, partnership, programme,
                                                               wernigerode, hoi_an, name):
    with translation.override("de"):
        path = reverse(f"public:{name}", args=[partnership.slug])
    _fill(programme, [wernigerode, hoi_an], 2)
    few = _queries(client, path)
    _fill(programme, [wernigerode, hoi_an], 10)
    assert _queries(client, path) == few


def test_the_measure_page_names_the_risks_and_whom_the_measure_protects(client, partnership,
                                                                       protected):
    with translation.override("vi"):
        path = reverse("public:measure", args=[partnership.slug, protected.pk])
    text = client.get(path).content.decode()
    assert 'id="measure-adaptation-heading"' in text
    assert "3.000" in text  # people protected, in Vietnamese number format
    assert "Katastrophenschutzplan Hội An (2023)" in text
