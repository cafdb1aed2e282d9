"""Indicators: each measures one goal or one measure, with a dated baseline and values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from twinplan.indicators.models import Indicator, IndicatorValue
from twinplan.indicators.selectors import indicators_for_measure
from twinplan.indicators.services import (
    indicator_create,
    indicator_delete,
    indicator_update,
    indicator_value_create,
    indicator_value_delete,
    indicator_value_update,
)
from twinplan.programmes.tests.factories import GoalFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    return MeasureFactory(title="Solaranlage auf der Schule", original_language="vi")


@pytest.fixture
def goal(measure):
    return GoalFactory(programme=measure.programme, title="Erneuerbare Energien ausbauen")


def test_an_indicator_of_a_measure_is_saved_in_the_measures_language(measure):
    indicator = indicator_create(by=None, name="Solarstrom", unit="MWh", measure=measure)

    saved = Indicator.objects.get(pk=indicator.pk)
    assert (saved.measure, saved.goal) == (measure, None)
    assert saved.original_language == "vi"


def test_an_indicator_of_a_goal_is_saved(goal):
    indicator = indicator_create(by=None, name="Anteil erneuerbarer Energie", unit="%", goal=goal)

    assert Indicator.objects.get(pk=indicator.pk).goal == goal


def test_an_indicator_of_both_a_goal_and_a_measure_is_refused(goal, measure):
    with pytest.raises(ValidationError) as refused:
        indicator_create(by=None, name="Solarstrom", goal=goal, measure=measure)

    assert NON_FIELD_ERRORS in refused.value.message_dict
    assert Indicator.objects.count() == 0


def test_an_indicator_of_nothing_is_refused():
    with pytest.raises(ValidationError) as refused:
        indicator_create(by=None, name="Solarstrom")

    assert NON_FIELD_ERRORS in refused.value.message_dict
    assert Indicator.objects.count() == 0


def test_the_database_refuses_an_indicator_of_both(goal, measure):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(name="Solarstrom", goal=goal, measure=measure)

    assert Indicator.objects.count() == 0


def test_the_database_refuses_an_indicator_of_nothing():
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(name="Solarstrom")

    assert Indicator.objects.count() == 0


def test_a_baseline_value_needs_its_year(measure):
    with pytest.raises(ValidationError) as refused:
        indicator_create(by=None, name="Solarstrom", measure=measure, baseline_value=Decimal("0"))

    assert "baseline_year" in refused.value.message_dict
    assert Indicator.objects.count() == 0


def test_a_baseline_with_its_year_and_a_later_target_is_saved(measure):
    indicator = indicator_create(
        by=None, name="Solarstrom", unit="MWh", measure=measure, baseline_value=Decimal("0"),
        baseline_year=2020, baseline_source="Zählerstand 2020", target_value=Decimal("120"),
        target_year=2025, target_source="Ratsbeschluss 2021",
    )

    saved = Indicator.objects.get(pk=indicator.pk)
    assert (saved.baseline_value, saved.baseline_year) == (Decimal("0"), 2020)
    assert (saved.target_value, saved.target_year) == (Decimal("120"), 2025)


def test_a_target_year_before_the_baseline_is_refused(measure):
    with pytest.raises(ValidationError) as refused:
        indicator_create(by=None, name="Solarstrom", measure=measure, baseline_value=Decimal("0"),
                         baseline_year=2020, target_year=2019)

    assert "target_year" in refused.value.message_dict


def test_measured_values_are_stored_and_read_in_date_order(measure):
    indicator = indicator_create(by=None, name="Solarstrom", unit="MWh", measure=measure)

    indicator_value_create(by=None, indicator=indicator, date=date(2024, 12, 31),
                           value=Decimal("95.5"), source="Zählerstand")
    indicator_value_create(by=None, indicator=indicator, date=date(2023, 12, 31),
                           value=Decimal("40"), source="Zählerstand")

    [read] = indicators_for_measure(measure)
    assert [(v.date, v.value) for v in read.values.all()] == [
        (date(2023, 12, 31), Decimal("40.0000")),
        (date(2024, 12, 31), Decimal("95.5000")),
    ]


def test_a_value_too_large_for_the_field_is_refused(measure):
    indicator = indicator_create(by=None, name="Solarstrom", measure=measure)

    with pytest.raises(ValidationError) as refused:
        indicator_value_create(by=None, indicator=indicator, date=date(2024, 12, 31),
                               value=Decimal("1000000000000"), source="Zählerstand")

    assert "value" in refused.value.message_dict
    assert IndicatorValue.objects.count() == 0


# --- sources, versions and history -------------------------------------------------------


@pytest.mark.parametrize(("fields", "missing"), [
    ({"baseline_value": Decimal("1"), "baseline_year": 2020}, "baseline_source"),
    ({"baseline_value": Decimal("1"), "baseline_source": "Zähler"}, "baseline_year"),
    ({"target_value": Decimal("1"), "target_year": 2030}, "target_source"),
    ({"target_value": Decimal("1"), "target_source": "Ratsbeschluss"}, "target_year"),
])
def test_a_baseline_or_target_needs_its_year_and_source(measure, fields, missing):
    with pytest.raises(ValidationError) as refused:
        indicator_create(by=None, name="Solarstrom", measure=measure, **fields)

    assert missing in refused.value.message_dict
    assert Indicator.objects.count() == 0


def test_the_database_refuses_a_target_year_before_the_baseline(measure):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(name="Solarstrom", measure=measure, baseline_year=2020,
                                 target_year=2019)


def test_a_measured_value_needs_its_source(measure):
    indicator = indicator_create(by=None, name="Solarstrom", measure=measure)

    with pytest.raises(ValidationError) as refused:
        indicator_value_create(by=None, indicator=indicator, date=date(2024, 12, 31),
                               value=Decimal("5"))

    assert "source" in refused.value.message_dict
    assert IndicatorValue.objects.count() == 0


def test_an_indicator_update_records_its_author_and_a_no_op_keeps_the_version(measure, olga):
    indicator = indicator_create(by=olga, name="Solarstrom", measure=measure)
    records = indicator.history.count()

    same = indicator_update(indicator, by=olga, expected_version=1, name="Solarstrom")
    assert (same.version, indicator.history.count()) == (1, records)

    saved = indicator_update(indicator, by=olga, expected_version=1, unit="MWh")
    assert saved.version == 2
    assert saved.history.latest("history_date").history_user == olga

    indicator_delete(saved, by=olga)
    assert Indicator.objects.count() == 0


def test_a_measured_value_is_written_and_updated_with_its_author(measure, olga):
    indicator = indicator_create(by=None, name="Solarstrom", measure=measure)
    value = indicator_value_create(by=olga, indicator=indicator, date=date(2024, 12, 31),
                                   value=Decimal("5"), source="Zähler")
    assert value.author == olga

    same = indicator_value_update(value, by=olga, expected_version=1, value=Decimal("5"))
    assert same.version == 1
    assert value.history.count() == 1

    saved = indicator_value_update(value, by=olga, expected_version=1, value=Decimal("6"))
    assert saved.version == 2
    assert saved.history.latest("history_date").history_user == olga

    indicator_value_delete(saved, by=olga)
    assert IndicatorValue.objects.count() == 0


def test_an_indicator_value_never_moves_to_another_indicator(measure):
    indicator = indicator_create(by=None, name="Solarstrom", measure=measure)
    value = indicator_value_create(by=None, indicator=indicator, date=date(2024, 12, 31),
                                   value=Decimal("5"), source="Zähler")
    other = indicator_create(by=None, name="Wärme", measure=measure)

    with pytest.raises(TypeError):
        indicator_value_update(value, by=None, expected_version=1,
                               indicator=other)  # type: ignore[call-arg]
    assert IndicatorValue.objects.get().indicator == indicator
