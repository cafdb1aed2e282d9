"""The admin: inputs are edited where people look for them, and bad input is shown at its
field without saving anything."""

from __future__ import annotations

import pytest

from twinplan.climate.models import ImpactEstimate
from twinplan.money.tests.factories import CurrencyRateFactory

pytestmark = pytest.mark.django_db


def test_the_inputs_appear_on_the_measure_event_municipality_and_partnership(admin_client,
                                                                             twin):
    pages = {
        f"/admin/programmes/measure/{twin.pv.pk}/change/": "capacity_kwp",
        f"/admin/events/event/{twin.event.pk}/change/": "origin_geonameid",
        f"/admin/municipalities/municipality/{twin.ruma.pk}/change/": "total_co2e_t_per_year",
        f"/admin/partnerships/partnership/{twin.partnership.pk}/change/": "edition_year",
    }
    for path, field in pages.items():
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert field in response.text, path


def test_the_lists_of_rates_impacts_and_legs_render(admin_client, twin):
    CurrencyRateFactory()
    for path in ["/admin/money/currencyrate/", "/admin/climate/impactestimate/",
                 "/admin/climate/travelleg/", "/admin/climate/travelleg/add/",
                 "/admin/climate/partnershipfactor/add/", "/admin/climate/municipalinventory/"]:
        assert admin_client.get(path).status_code == 200, path


def test_a_bad_parameter_in_the_admin_is_shown_at_its_field_and_not_saved(admin_client, twin):
    row = twin.pv.impact
    response = admin_client.post(
        f"/admin/climate/impactestimate/{row.pk}/change/",
        {"measure": twin.pv.pk, "impact_type": "photovoltaic", "municipality": twin.ruma.pk,
         "parameters_source": "offer", "parameters_year": 2024, "capacity_kwp": "-3"},
    )
    assert response.status_code == 200  # the form again, with the message
    assert "“-3.0” is refused: must be greater than zero." in response.text
    row.refresh_from_db()
    assert row.parameters == {"capacity_kwp": 30, "country_iso3": "SRB"}
    response = admin_client.post(
        f"/admin/climate/impactestimate/{row.pk}/change/",
        {"measure": twin.pv.pk, "impact_type": "photovoltaic", "municipality": twin.ruma.pk,
         "parameters_source": "offer", "parameters_year": 2024, "capacity_kwp": "45"},
    )
    assert response.status_code == 302
    assert ImpactEstimate.objects.get(pk=row.pk).parameters["capacity_kwp"] == 45
