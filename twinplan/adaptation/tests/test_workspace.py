"""The adaptation forms in the workspace: a town's own risks, and bad input answered at
the field with nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from twinplan.adaptation.models import AdaptationEffect, ClimateRisk, MeasureAdaptation

pytestmark = pytest.mark.django_db


def _url(partnership, name, **query):
    with translation.override("en"):
        address = reverse(f"workspace:{name}", args=[partnership.slug])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


RISK_FORM = {"hazard": "storms", "probability": "high", "impact": "low",
             "intensity_change": "increase", "frequency_change": "unknown",
             "time_frame": "current", "sectors": ["tourism"], "description": "",
             "source": "Risikoanalyse", "source_year": "2022", "original_language": "vi"}


def test_a_coordinator_adds_a_risk_for_her_own_town_only(client, partnership, bao, hoi_an,
                                                        wernigerode):
    client.force_login(bao)
    response = client.post(_url(partnership, "risk_add", parent=hoi_an.pk), RISK_FORM)
    assert response.status_code == 302
    assert ClimateRisk.objects.get().municipality == hoi_an
    response = client.post(_url(partnership, "risk_add", parent=wernigerode.pk), RISK_FORM)
    assert response.status_code == 403
    assert ClimateRisk.objects.count() == 1


def test_a_risk_without_source_year_says_so_at_the_field(client, partnership, bao, hoi_an):
    client.force_login(bao)
    response = client.post(_url(partnership, "risk_add", parent=hoi_an.pk),
                           {**RISK_FORM, "source_year": "zwei"})
    assert response.status_code == 400
    assert "source_year" in response.context["form"].errors
    assert not ClimateRisk.objects.exists()


def test_a_measure_cannot_be_set_against_another_towns_risk(client, partnership, bao, warning,
                                                           flood, drought):
    client.force_login(bao)
    response = client.post(_url(partnership, "adaptation_add", parent=warning.pk),
                           {"risks": [flood.pk, drought.pk], "approaches": ["reduce_exposure"],
                            "original_language": "de"})
    assert response.status_code == 400
    assert "risks" in response.context["form"].errors
    assert not MeasureAdaptation.objects.exists()
    response = client.post(_url(partnership, "adaptation_add", parent=warning.pk),
                           {"risks": [flood.pk], "approaches": ["reduce_exposure"],
                            "original_language": "de"})
    assert response.status_code == 302
    assert list(MeasureAdaptation.objects.get().risks.all()) == [flood]


def test_an_effect_with_a_figure_missing_says_so_at_the_field(client, partnership, bao,
                                                              warning, flood):
    client.force_login(bao)
    client.post(_url(partnership, "adaptation_add", parent=warning.pk),
                {"risks": [flood.pk], "original_language": "de"})
    data = {"risk": flood.pk, "kind": "people_protected", "quantity": "", "currency": "",
            "statement": "", "source": "Plan", "source_year": "2024",
            "original_language": "de"}
    response = client.post(_url(partnership, "adaptationeffect_add", parent=warning.pk), data)
    assert response.status_code == 400
    assert "quantity" in response.context["form"].errors
    response = client.post(_url(partnership, "adaptationeffect_add", parent=warning.pk),
                           {**data, "quantity": "3000"})
    assert response.status_code == 302
    assert AdaptationEffect.objects.get().quantity == 3000
    page = client.get(reverse("workspace:measure_detail", args=[partnership.slug, warning.pk]))
    assert "3,000" in page.content.decode()  # in the page's number format (en)
