"""The SDG rows in the database, the command that keeps them current, and the code
validators other apps' fields use."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from twinplan.reference import codes
from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reference.validators import (
    validate_country_code,
    validate_currency_code,
    validate_dac_sector,
)


@pytest.mark.django_db
def test_the_data_migration_loaded_17_goals_and_169_targets():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert list(SdgGoal.objects.values_list("code", flat=True)) == list(range(1, 18))


@pytest.mark.django_db
def test_targets_sort_numbers_before_letters():
    codes_of_goal_1 = list(
        SdgTarget.objects.filter(goal__code=1).values_list("code", flat=True)
    )

    assert codes_of_goal_1 == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]


@pytest.mark.django_db
def test_targets_sort_by_goal_number_not_by_text():
    # As text, "10.1" would sort before "2.1".
    goal_numbers = [
        int(code.partition(".")[0]) for code in SdgTarget.objects.values_list("code", flat=True)
    ]

    assert goal_numbers == sorted(goal_numbers)
    assert goal_numbers[0] == 1
    assert goal_numbers[-1] == 17


@pytest.mark.django_db
def test_the_sync_command_can_run_twice_and_keeps_the_counts():
    first, second = StringIO(), StringIO()

    call_command("sync_reference_data", stdout=first)
    call_command("sync_reference_data", stdout=second)

    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert "17 SDGs and 169 targets" in second.getvalue()


@pytest.mark.django_db
def test_the_sync_command_restores_an_edited_name():
    goal = SdgGoal.objects.get(code=13)
    goal.names = {"en": "Edited by hand"}
    goal.save()

    call_command("sync_reference_data", stdout=StringIO())

    goal.refresh_from_db()
    assert goal.names["en"] == codes.sdg_goal_name(13, "en")
    assert goal.names["vi"] == codes.sdg_goal_name(13, "vi")


@pytest.mark.django_db
def test_a_goal_is_named_in_the_active_language():
    goal = SdgGoal.objects.get(code=13)

    with translation.override("de"):
        german = goal.name
    with translation.override("vi"):
        vietnamese = goal.name
    with translation.override("en"):
        english = goal.name

    assert german == codes.sdg_goal_name(13, "de")
    assert vietnamese == codes.sdg_goal_name(13, "vi")
    assert english == codes.sdg_goal_name(13, "en")
    assert len({german, vietnamese, english}) == 3


def test_a_goal_falls_back_to_english_in_a_language_without_a_name():
    goal = SdgGoal(code=13, colour="#3F7E44",
                   names={"en": "Climate action", "de": "Maßnahmen zum Klimaschutz"})

    with translation.override("de"):
        assert (goal.name, goal.name_language) == ("Maßnahmen zum Klimaschutz", "de")
    with translation.override("vi"):
        assert (goal.name, goal.name_language) == ("Climate action", "en")


@pytest.mark.django_db
def test_a_loaded_goal_falls_back_to_english_in_a_language_the_data_lacks():
    # Portuguese: neither the codelists nor Open SDG's sdg-translations carry it.
    goal = SdgGoal.objects.get(code=13)
    assert "pt" not in goal.names

    with translation.override("pt"):
        assert goal.name == codes.sdg_goal_name(13, "en")
        assert goal.name_language == "en"


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_country_code, "XX"),
        (validate_country_code, "de"),
        (validate_currency_code, "XYZ"),
        (validate_dac_sector, "99999"),
    ],
)
def test_unknown_codes_are_refused(validator, value):
    with pytest.raises(ValidationError):
        validator(value)


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (validate_country_code, "DE"),
        (validate_country_code, "VN"),
        (validate_country_code, "RS"),
        (validate_currency_code, "EUR"),
        (validate_currency_code, "VND"),
        (validate_dac_sector, "23230"),  # Solar energy for centralised grids
    ],
)
def test_known_codes_are_accepted(validator, value):
    assert validator(value) is None


def test_the_accepted_sector_is_in_the_packaged_list():
    assert "23230" in {sector.code for sector in codes.dac_sectors()}
    assert "99999" not in {sector.code for sector in codes.dac_sectors()}
