"""The admin: resource lines are edited on their measure, rates in their own list."""

from __future__ import annotations

import pytest

from twinplan.money.tests.factories import CurrencyRateFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_resource_lines_appear_on_their_measure(admin_client):
    line = ResourceFactory(description="Eigenanteil der Stadt")

    response = admin_client.get(f"/admin/programmes/measure/{line.measure.pk}/change/")

    assert response.status_code == 200
    assert "source_of_funds" in response.text
    assert "Eigenanteil der Stadt" in response.text


def test_the_list_of_rates_renders(admin_client):
    CurrencyRateFactory(source="National Bank of Serbia (list test)")

    response = admin_client.get("/admin/money/currencyrate/")

    assert response.status_code == 200
    assert "National Bank of Serbia (list test)" in response.text
