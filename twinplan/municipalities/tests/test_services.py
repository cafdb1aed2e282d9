"""The municipality's write services: versions, history author, facts and the database
checks of coordinates and area."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.municipalities.services import (
    municipality_fact_create,
    municipality_fact_delete,
    municipality_fact_update,
    municipality_update,
)

pytestmark = pytest.mark.django_db


def test_an_edit_of_a_municipality_is_versioned_and_recorded(wernigerode, alice):
    saved = municipality_update(wernigerode, by=alice, expected_version=1,
                                population=33000, population_year=2018,
                                population_source="Statistisches Landesamt")

    assert (saved.population, saved.version) == (33000, 2)
    assert saved.history.latest("history_date").history_user == alice


def test_an_edit_that_changes_nothing_keeps_the_version_and_writes_no_history(
    wernigerode, alice
):
    records = wernigerode.history.count()

    saved = municipality_update(wernigerode, by=alice, expected_version=1,
                                name="Wernigerode", latitude=51.83652)

    assert saved.version == 1
    assert wernigerode.history.count() == records


def test_an_unsourced_figure_is_refused_and_nothing_changes(wernigerode, alice):
    with pytest.raises(ValidationError) as refused:
        municipality_update(wernigerode, by=alice, expected_version=1, population=1)

    assert "population_source" in refused.value.message_dict
    saved = Municipality.objects.get(pk=wernigerode.pk)
    assert (saved.population, saved.version) == (None, 1)


def test_a_latitude_beyond_90_degrees_is_refused_at_the_field_and_by_the_database(
    wernigerode, alice
):
    with pytest.raises(ValidationError) as refused:
        municipality_update(wernigerode, by=alice, expected_version=1, latitude=91.0)
    assert "latitude" in refused.value.message_dict

    for change in ({"latitude": 91.0}, {"longitude": -181.0}, {"area_km2": Decimal("-1")}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.filter(pk=wernigerode.pk).update(**change)


def test_a_fact_is_added_after_the_others_with_its_author(wernigerode, alice):
    first = municipality_fact_create(municipality=wernigerode, by=alice, text="Bunte Stadt")
    second = municipality_fact_create(municipality=wernigerode, by=alice, text="Schloss",
                                      original_language="en")

    assert (first.position, second.position) == (0, 1)
    assert (first.original_language, second.original_language) == ("de", "en")
    assert first.history.get().history_user == alice


def test_a_fact_edit_is_recorded_a_repeat_changes_nothing_and_it_can_go(wernigerode, alice,
                                                                         bao):
    fact = municipality_fact_create(municipality=wernigerode, by=alice, text="Bunte Stadt")

    changed = municipality_fact_update(fact, by=bao, expected_version=1, source="Stadt")
    again = municipality_fact_update(changed, by=bao, expected_version=2, source="Stadt")

    assert (again.version, fact.history.count()) == (2, 2)
    assert fact.history.latest("history_date").history_user == bao
    municipality_fact_delete(again, by=alice)
    assert not MunicipalityFact.objects.exists()


def test_a_town_already_known_is_not_created_again(wernigerode, alice):
    from twinplan.municipalities.services import municipality_create

    with pytest.raises(ValidationError) as refused:
        municipality_create(by=alice, slug="wernigerode-2", name=wernigerode.name.upper(),
                            country=wernigerode.country)
    assert "already in twinplan" in str(refused.value.message_dict["name"])
    assert Municipality.objects.filter(country=wernigerode.country).count() == 1
