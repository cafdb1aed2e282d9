"""The climate services: each kind created, changed and deleted through them, with the
partnership's own objects only, the version kept by a save that changes nothing and the
author in the history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.accounts.tests.factories import UserFactory
from twinplan.climate.models import (
    ImpactEstimate,
    MunicipalInventory,
    PartnershipFactor,
    TravelLeg,
)
from twinplan.climate.services import (
    impact_default_municipality,
    impact_estimate_create,
    impact_estimate_delete,
    impact_estimate_update,
    municipal_inventory_create,
    municipal_inventory_delete,
    municipal_inventory_update,
    partnership_factor_create,
    partnership_factor_delete,
    partnership_factor_update,
    travel_leg_create,
    travel_leg_delete,
    travel_leg_update,
)
from twinplan.core.models import BinEntry
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db

LEG = {
    "origin_name": "Wernigerode", "origin_latitude": 51.835, "origin_longitude": 10.785,
    "origin_source": "GeoNames", "destination_name": "Ruma", "destination_latitude": 45.008,
    "destination_longitude": 19.822, "destination_source": "GeoNames", "mode": "rail",
    "persons": 2, "source": "travel expense report",
}


@pytest.fixture
def other_town(db):
    town = MunicipalityFactory(slug="elsewhere", name="Elsewhere")
    PartnershipFactory(members=[town, MunicipalityFactory()])
    return town


@pytest.fixture
def editor(db):
    return UserFactory()


# --- impact estimate -------------------------------------------------------------------


def _estimate_fields(**fields):
    return {"impact_type": "electricity_saved",
            "parameters": {"electricity_saved_kwh_per_year": 1000, "lifetime_years": 10},
            "parameters_source": "offer", "parameters_year": 2024, **fields}


def test_the_default_municipality_is_the_lead_partner_else_the_only_implementing_town(twin):
    measure = MeasureFactory(programme=twin.programme, lead_municipality=twin.ruma)
    measure.implementing_municipalities.set([twin.wernigerode])
    assert impact_default_municipality(measure) == twin.ruma
    measure.lead_municipality = None
    assert impact_default_municipality(measure) == twin.wernigerode
    measure.implementing_municipalities.set([twin.wernigerode, twin.ruma])
    assert impact_default_municipality(measure) is None


def test_an_estimate_is_created_with_the_default_municipality_and_completed_parameters(
    twin, editor
):
    measure = MeasureFactory(programme=twin.programme, lead_municipality=twin.ruma)
    estimate = impact_estimate_create(measure=measure, by=editor, **_estimate_fields())
    assert estimate.municipality == twin.ruma
    assert estimate.parameters["country_iso3"] == "SRB"
    assert estimate.version == 1
    assert estimate.history.get().history_user == editor


def test_a_second_estimate_for_a_measure_is_refused_with_a_message(twin):
    with pytest.raises(ValidationError) as refused:
        impact_estimate_create(measure=twin.pv, by=None, **_estimate_fields())
    assert "already" in refused.value.messages[0]
    assert ImpactEstimate.objects.filter(measure=twin.pv).count() == 1


def test_an_estimate_without_a_municipality_to_default_to_is_refused(twin):
    measure = MeasureFactory(programme=twin.programme)
    with pytest.raises(ValidationError) as refused:
        impact_estimate_create(measure=measure, by=None, **_estimate_fields())
    assert "municipality" in refused.value.message_dict
    assert not ImpactEstimate.objects.filter(measure=measure).exists()


def test_an_estimate_in_another_partnerships_town_is_refused(twin, other_town):
    measure = MeasureFactory(programme=twin.programme)
    with pytest.raises(ValidationError) as refused:
        impact_estimate_create(measure=measure, by=None,
                               **_estimate_fields(municipality=other_town))
    assert refused.value.message_dict["municipality"] == [
        "Choose a member municipality of the measure's partnership."
    ]
    assert not ImpactEstimate.objects.filter(measure=measure).exists()


def test_wrong_parameters_are_refused_at_the_parameter(twin):
    measure = MeasureFactory(programme=twin.programme, lead_municipality=twin.ruma)
    with pytest.raises(ValidationError) as refused:
        impact_estimate_create(measure=measure, by=None, **_estimate_fields(
            parameters={"electricity_saved_kwh_per_year": -5, "lifetime_years": 10}))
    assert "electricity_saved_kwh_per_year" in refused.value.message_dict
    assert not ImpactEstimate.objects.filter(measure=measure).exists()


def test_an_estimate_update_records_its_author_and_a_no_op_keeps_the_version(twin, editor):
    estimate = twin.pv.impact
    history = estimate.history.count()
    same = impact_estimate_update(estimate, by=editor, expected_version=estimate.version,
                                  parameters=estimate.parameters)
    assert same.version == estimate.version
    assert estimate.history.count() == history
    changed = impact_estimate_update(estimate, by=editor, expected_version=estimate.version,
                                     note="checked with the installer")
    assert changed.version == estimate.version + 1
    assert changed.history.first().history_user == editor


def test_an_estimate_update_to_another_partnerships_town_is_refused(twin, other_town):
    estimate = twin.pv.impact
    with pytest.raises(ValidationError) as refused:
        impact_estimate_update(estimate, by=None, expected_version=None,
                               municipality=other_town)
    assert "municipality" in refused.value.message_dict
    estimate.refresh_from_db()
    assert estimate.municipality == twin.ruma


def test_an_estimate_is_deleted_into_the_partnerships_bin(twin, editor):
    estimate = twin.pv.impact
    impact_estimate_delete(estimate, by=editor)
    assert not ImpactEstimate.objects.filter(pk=estimate.pk).exists()
    assert BinEntry.objects.get().deleted_by == editor


# --- travel leg ------------------------------------------------------------------------


def test_a_travel_leg_is_created_at_the_end_of_the_events_list(twin, editor):
    leg = travel_leg_create(event=twin.event, by=editor, **LEG)
    assert leg.position == 1
    assert leg.history.get().history_user == editor


def test_a_travel_leg_off_the_earth_is_refused_at_the_field(twin):
    with pytest.raises(ValidationError) as refused:
        travel_leg_create(event=twin.event, by=None, **{**LEG, "origin_latitude": 91.0})
    assert "origin_latitude" in refused.value.message_dict
    assert twin.event.travel_legs.count() == 1


def test_the_database_refuses_coordinates_off_the_earth(twin):
    with pytest.raises(IntegrityError), transaction.atomic():
        TravelLeg.objects.filter(pk=twin.leg.pk).update(destination_longitude=181.0)


def test_a_travel_leg_update_records_its_author_and_a_no_op_keeps_the_version(twin, editor):
    leg = twin.leg
    history = leg.history.count()
    same = travel_leg_update(leg, by=editor, expected_version=leg.version,
                             persons=leg.persons)
    assert same.version == leg.version
    assert leg.history.count() == history
    changed = travel_leg_update(leg, by=editor, expected_version=leg.version, persons=5)
    assert changed.version == leg.version + 1
    assert changed.history.first().history_user == editor


def test_a_travel_leg_is_deleted_into_the_partnerships_bin(twin, editor):
    travel_leg_delete(twin.leg, by=editor)
    assert not TravelLeg.objects.filter(pk=twin.leg.pk).exists()
    assert BinEntry.objects.get().scope_id == twin.partnership.pk


# --- municipal inventory ---------------------------------------------------------------


def _inventory(**fields):
    return {"total_co2e_t_per_year": Decimal("250000"), "year": 2020, "method": "BISKO",
            "source": "Klimaschutzkonzept", **fields}


def test_an_inventory_is_created_with_its_author(twin, editor):
    inventory = municipal_inventory_create(municipality=twin.wernigerode, by=editor,
                                           **_inventory())
    assert inventory.history.get().history_user == editor


@pytest.mark.parametrize(("field", "value"), [
    ("total_co2e_t_per_year", Decimal("0")), ("year", 1900), ("year", 2200),
])
def test_an_inventory_out_of_range_is_refused_at_the_field(twin, field, value):
    with pytest.raises(ValidationError) as refused:
        municipal_inventory_create(municipality=twin.wernigerode, by=None,
                                   **_inventory(**{field: value}))
    assert field in refused.value.message_dict
    assert not MunicipalInventory.objects.exists()


def test_the_database_refuses_an_inventory_without_emissions(twin):
    inventory = municipal_inventory_create(municipality=twin.wernigerode, by=None,
                                           **_inventory())
    with pytest.raises(IntegrityError), transaction.atomic():
        MunicipalInventory.objects.filter(pk=inventory.pk).update(total_co2e_t_per_year=0)


def test_an_inventory_update_and_its_no_op(twin, editor):
    inventory = municipal_inventory_create(municipality=twin.wernigerode, by=None,
                                           **_inventory())
    same = municipal_inventory_update(inventory, by=editor, expected_version=1, year=2020)
    assert (same.version, inventory.history.count()) == (1, 1)
    changed = municipal_inventory_update(inventory, by=editor, expected_version=1, year=2021)
    assert changed.version == 2
    assert changed.history.first().history_user == editor


def test_an_inventory_is_deleted_into_its_towns_bin(twin, editor):
    inventory = municipal_inventory_create(municipality=twin.wernigerode, by=None,
                                           **_inventory())
    municipal_inventory_delete(inventory, by=editor)
    assert not MunicipalInventory.objects.exists()
    assert BinEntry.objects.get().scope_id == twin.wernigerode.pk


# --- partnership factor ----------------------------------------------------------------


def _factor(**fields):
    return {"key": "electricity.grid.SRB", "value": 700.0, "unit": "g CO2e/kWh",
            "source": "EPS annual report", "edition_year": 2023, **fields}


def test_a_factor_is_created_with_its_author(twin, editor):
    factor = partnership_factor_create(partnership=twin.partnership, by=editor, **_factor())
    assert factor.history.get().history_user == editor


def test_a_factor_the_package_does_not_know_is_refused_at_the_key(twin):
    with pytest.raises(ValidationError) as refused:
        partnership_factor_create(partnership=twin.partnership, by=None,
                                  **_factor(key="magic.factor"))
    assert "key" in refused.value.message_dict
    assert not PartnershipFactor.objects.exists()


def test_a_factor_update_and_its_no_op(twin, editor):
    factor = partnership_factor_create(partnership=twin.partnership, by=None, **_factor())
    same = partnership_factor_update(factor, by=editor, expected_version=1, value=700.0)
    assert (same.version, factor.history.count()) == (1, 1)
    changed = partnership_factor_update(factor, by=editor, expected_version=1, value=650.0)
    assert changed.version == 2
    assert changed.history.first().history_user == editor


def test_a_factor_is_deleted_into_the_partnerships_bin(twin, editor):
    factor = partnership_factor_create(partnership=twin.partnership, by=None, **_factor())
    partnership_factor_delete(factor, by=editor)
    assert not PartnershipFactor.objects.exists()
    assert BinEntry.objects.get().scope_id == twin.partnership.pk
