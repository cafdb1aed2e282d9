"""Writing the inputs: valid ones are stored, bad ones are refused with a message at the
field they concern, and nothing is saved."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.climate.forms import MeasureImpactForm, TravelLegForm
from twinplan.climate.models import ImpactEstimate, PartnershipFactor, TravelLeg
from twinplan.climate.parameters import PARAMETER_CLASSES, PARAMETER_SPECS
from twinplan.climate.services import (
    measure_impact_set,
    municipal_inventory_create,
    partnership_factor_create,
    partnership_factor_update,
    travel_leg_create,
)
from twinplan.climate.tests.conftest import impact
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.programmes.tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_the_parameter_table_matches_the_calculation_packages_dataclasses():
    assert set(PARAMETER_SPECS) == set(PARAMETER_CLASSES)
    for impact_type, specs in PARAMETER_SPECS.items():
        fields = dataclasses.fields(PARAMETER_CLASSES[impact_type])
        assert [s.name for s in specs] == [f.name for f in fields], impact_type
        required = {f.name for f in fields
                    if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING}
        assert {s.name for s in specs if s.required} == required, impact_type


# --- measure impact (service) ----------------------------------------------------------


def test_measure_impact_set_fills_in_the_country_and_replaces_earlier_parameters(twin):
    row = impact(twin.pv, "electricity_saved",
                 {"electricity_saved_kwh_per_year": 10_000, "lifetime_years": 15}, twin.ruma)
    assert row.parameters == {"electricity_saved_kwh_per_year": 10_000, "lifetime_years": 15,
                              "country_iso3": "SRB"}
    assert ImpactEstimate.objects.filter(measure=twin.pv).count() == 1


def test_measure_impact_set_defaults_to_the_only_implementing_municipality(twin):
    measure = MeasureFactory(programme=twin.programme)
    measure.implementing_municipalities.set([twin.ruma])
    row = measure_impact_set(by=None, measure=measure, impact_type="awareness",
                             parameters={"people_reached": 5}, parameters_source="test",
                             parameters_year=2024)
    assert row.municipality == twin.ruma
    with pytest.raises(ValidationError) as refused:
        measure_impact_set(by=None, measure=MeasureFactory(programme=twin.programme),
                           impact_type="awareness", parameters={"people_reached": 5},
                           parameters_source="test", parameters_year=2024)
    assert "municipality" in refused.value.message_dict


@pytest.mark.parametrize(
    ("impact_type", "parameters", "field", "message"),
    [
        ("photovoltaic", {"capacity_kwp": -30}, "capacity_kwp",
         "“-30” is refused: must be greater than zero."),
        ("photovoltaic", {"capacity_kwp": "thirty"}, "capacity_kwp", "must be a number"),
        ("heat_saved", {"heat_saved_kwh_per_year": 1000, "fuel": "unobtainium",
                        "lifetime_years": 20}, "fuel", "“unobtainium” is not known"),
        ("heat_saved", {"heat_saved_kwh_per_year": 1000, "fuel": "natural_gas"},
         "lifetime_years", "Required."),
        ("transport_shift", {"shifted_km_per_year": 1000, "km_unit": "miles",
                             "from_mode": "car", "to_mode": "bus", "lifetime_years": 5},
         "shifted_km_per_year", "use 'pkm' or 'vkm'"),
        ("fuel_switch", {"energy_kwh_per_year": 1000, "from_fuel": "natural_gas",
                         "to_fuel": "lignite", "lifetime_years": 20}, "to_fuel",
         "would increase emissions"),
        ("trees_planted", {"tree_count": 100, "lifetime_years": 500}, "lifetime_years",
         "must be at most 100 years"),
        ("awareness", {"people_reached": 10, "capacity_kwp": 3}, "capacity_kwp",
         "is not a parameter of awareness"),
        ("teleportation", {}, "impact_type", "is not known"),
    ],
)
def test_bad_parameters_are_refused_at_their_field_and_nothing_is_saved(
    twin, impact_type, parameters, field, message
):
    before = list(ImpactEstimate.objects.values_list("measure_id", "impact_type", "parameters"))
    with pytest.raises(ValidationError) as refused:
        impact(twin.pv, impact_type, parameters, twin.ruma)
    assert message in " ".join(refused.value.message_dict[field])
    after = list(ImpactEstimate.objects.values_list("measure_id", "impact_type", "parameters"))
    assert after == before


def test_a_country_without_a_grid_factor_is_refused_at_the_country(twin):
    with pytest.raises(ValidationError) as refused:
        impact(twin.pv, "photovoltaic", {"capacity_kwp": 10, "country_iso3": "MCO"},
               twin.ruma)
    assert "electricity.grid.MCO" in refused.value.message_dict["country_iso3"][0]


def test_the_municipality_must_be_a_member_of_the_partnership(twin):
    with pytest.raises(ValidationError) as refused:
        impact(twin.pv, "awareness", {"people_reached": 1}, MunicipalityFactory())
    assert "member municipality" in refused.value.message_dict["municipality"][0]


# --- measure impact (form, as in the admin) --------------------------------------------


def form_data(twin, **values):
    data = {"measure": twin.pv.pk, "impact_type": "photovoltaic",
            "municipality": twin.ruma.pk, "parameters_source": "offer of the installer",
            "parameters_year": 2024}
    data.update(values)
    return data


def test_the_form_stores_the_chosen_types_parameters(twin):
    form = MeasureImpactForm(data=form_data(twin, capacity_kwp="12.5"),
                             instance=twin.pv.impact)
    assert form.is_valid(), form.errors
    row = form.save()
    assert row.parameters == {"capacity_kwp": 12.5, "country_iso3": "SRB"}


def test_the_form_shows_each_error_at_its_field(twin):
    form = MeasureImpactForm(
        data=form_data(twin, capacity_kwp="-1", fuel="natural_gas"), instance=twin.pv.impact
    )
    assert not form.is_valid()
    assert form.errors["capacity_kwp"] == ["“-1.0” is refused: must be greater than zero."]
    assert "Not a parameter of" in form.errors["fuel"][0]
    twin.pv.impact.refresh_from_db()
    assert twin.pv.impact.parameters == {"capacity_kwp": 30, "country_iso3": "SRB"}


def test_a_number_that_is_not_one_gets_one_message_not_also_required(twin):
    form = MeasureImpactForm(data=form_data(twin, capacity_kwp="abc"), instance=twin.pv.impact)
    assert not form.is_valid()
    assert form.errors["capacity_kwp"] == ["Enter a number."]


def test_the_form_shows_a_wrong_country_at_the_country(twin):
    form = MeasureImpactForm(data=form_data(twin, capacity_kwp="5", country_iso3="MCO"),
                             instance=twin.pv.impact)
    assert not form.is_valid()
    assert "electricity.grid.MCO" in form.errors["country_iso3"][0]


def test_the_form_starts_with_the_stored_parameters(twin):
    form = MeasureImpactForm(instance=twin.heat.impact)
    assert form.initial["heat_saved_kwh_per_year"] == 120_000
    assert form.initial["fuel"] == "natural_gas"


# --- travel legs -----------------------------------------------------------------------


def leg_fields(**values):
    fields = {
        "origin_name": "Bersenbrück", "origin_latitude": 52.5536, "origin_longitude": 7.9436,
        "origin_source": "GeoNames 2949906", "destination_name": "Ruma",
        "destination_latitude": 45.0081, "destination_longitude": 19.8222,
        "destination_source": "GeoNames 3191429", "mode": "rail", "persons": 4,
        "source": "travel expense report",
    }
    fields.update(values)
    return fields


def test_travel_leg_add_stores_a_valid_leg(twin):
    leg = travel_leg_create(by=None, event=twin.event, **leg_fields(route_distance_km=1500))
    assert leg.position == 1  # after the fixture's leg
    assert leg.return_trip


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"persons": 0}, "persons", "greater than or equal to 1"),
        ({"mode": "flight", "route_distance_km": 1500}, "route_distance_km",
         "flights use the geodesic distance"),
        ({"cars": 2}, "cars", "applies only to mode 'car'"),
        ({"mode": "zeppelin"}, "mode", "is not a valid choice"),
        ({"origin_latitude": 95}, "origin_latitude", "less than or equal to 90"),
        ({"origin_longitude": float("nan")}, "origin_longitude", "between -180 and 180"),
        ({"destination_source": ""}, "destination_source", "cannot be blank"),
    ],
)
def test_a_bad_travel_leg_is_refused_at_its_field_and_not_saved(twin, values, field, message):
    with pytest.raises(ValidationError) as refused:
        travel_leg_create(by=None, event=twin.event, **leg_fields(**values))
    assert message in " ".join(refused.value.message_dict[field])
    assert TravelLeg.objects.count() == 1


def test_the_travel_form_takes_places_by_geonames_id(twin):
    form = TravelLegForm(data={
        "event": twin.event.pk, "origin_geonameid": 2810808, "destination_geonameid": 1580541,
        "mode": "flight", "persons": 2, "return_trip": "on", "radiative_forcing": "on",
        "source": "travel report", "position": 0,
    })
    assert form.is_valid(), form.errors
    leg = form.save()
    assert leg.origin_name == "Wernigerode"
    assert leg.destination_source.startswith("GeoNames (geonameid 1580541)")


def test_the_travel_form_refuses_an_unknown_geonames_id_and_missing_places(twin):
    form = TravelLegForm(data={"event": twin.event.pk, "origin_geonameid": 1,
                               "mode": "flight", "persons": 2, "source": "x", "position": 0})
    assert not form.is_valid()
    assert "No place with GeoNames id 1" in form.errors["origin_geonameid"][0]
    assert form.errors["destination_name"] == ["Required, unless a GeoNames id is given."]


# --- inventories and overrides ---------------------------------------------------------


def test_an_inventory_needs_method_source_and_a_plausible_year(twin):
    with pytest.raises(ValidationError) as refused:
        municipal_inventory_create(by=None, municipality=twin.ruma,
                                   total_co2e_t_per_year=Decimal("-1"),
                                year=1800, method="guesswork", source="")
    assert set(refused.value.message_dict) == {"total_co2e_t_per_year", "year", "method",
                                               "source"}


@pytest.mark.parametrize(
    ("key", "unit", "field", "message"),
    [
        ("electricity.grid.SRB", "kg CO2e/pkm", "unit", "cannot be converted to g CO2e/kWh"),
        ("fuel.natural_gas", "t CO2e/TJ", "unit", "cannot be converted to t CO2/TJ"),
        ("magic.factor", "g CO2e/kWh", "key", "is not a factor, nor one of a known family"),
    ],
)
def test_an_override_must_fit_the_factor_it_replaces(twin, key, unit, field, message):
    with pytest.raises(ValidationError) as refused:
        partnership_factor_create(by=None, partnership=twin.partnership, key=key, value=1.0,
                                  unit=unit, source="own study", edition_year=2024)
    assert message in refused.value.message_dict[field][0]
    assert not PartnershipFactor.objects.exists()


def test_an_override_may_add_a_country_in_a_known_family_in_a_convertible_unit(twin):
    # 0.05 kg/kWh = 50 g/kWh: a mass unit the grid factors' unit converts from
    row = partnership_factor_create(by=None, partnership=twin.partnership,
                                    key="electricity.grid.MCO", value=0.05,
                                    unit="kg CO2e/kWh", source="own study",
                                    edition_year=2024, low=0.04, high=0.06)
    assert row.pk
    with pytest.raises(ValidationError) as refused:
        partnership_factor_update(row, by=None, expected_version=None, low=0.07)
    assert "must not exceed value" in refused.value.message_dict["low"][0]
    row.refresh_from_db()
    assert row.low == 0.04
