"""The action programme: editions, measures and their rules, progress, and the
selectors that build the programme tree and the goal progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import (
    ActionProgramme,
    Measure,
    MeasureStatus,
    ProgrammeStatus,
)
from twinplan.programmes.selectors import goal_progress_percent, programme_tree, status_counts
from twinplan.programmes.services import (
    field_of_action_create,
    goal_create,
    measure_create,
    measure_update,
    programme_create,
    progress_entry_create,
)
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(partnership):
    return programme_create(by=None, partnership=partnership, title="Handlungsprogramm")


# --- programmes ------------------------------------------------------------------------


def test_editions_are_numbered_one_two_three(partnership):
    first = programme_create(by=None, partnership=partnership, title="Handlungsprogramm")
    second = programme_create(by=None, partnership=partnership, title="Handlungsprogramm 2023")
    third = programme_create(by=None, partnership=partnership, title="Handlungsprogramm 2025")

    assert [first.edition, second.edition, third.edition] == [1, 2, 3]
    assert first.original_language == partnership.original_language


def test_editions_are_counted_per_partnership(partnership):
    programme_create(by=None, partnership=partnership, title="Handlungsprogramm")
    other = PartnershipFactory()

    assert programme_create(by=None, partnership=other, title="Aktionsplan").edition == 1


def test_adopted_is_not_chosen_but_recorded_council_by_council(partnership):
    with pytest.raises(ValidationError) as refused:
        programme_create(by=None, partnership=partnership, title="Handlungsprogramm",
                         status=ProgrammeStatus.ADOPTED)

    assert "status" in refused.value.message_dict
    assert ActionProgramme.objects.count() == 0


# --- measures --------------------------------------------------------------------------


def test_a_measure_is_tagged_with_goals_of_its_programme(programme, wernigerode, hoi_an):
    goal = goal_create(by=None, programme=programme, title="Erneuerbare Energien ausbauen")

    measure = measure_create(
        by=None, programme=programme, title="Solaranlage auf der Schule", goals=[goal],
        implementing_municipalities=[hoi_an],
    )

    assert list(measure.goals.all()) == [goal]
    assert list(measure.implementing_municipalities.all()) == [hoi_an]
    assert measure.original_language == programme.original_language


def test_a_goal_from_another_programme_is_refused_and_nothing_saved(programme):
    foreign_goal = GoalFactory(title="Ziel eines anderen Programms")

    with pytest.raises(ValidationError) as refused:
        measure_create(by=None, programme=programme, title="Solaranlage", goals=[foreign_goal])

    assert "goals" in refused.value.message_dict
    assert Measure.objects.count() == 0


def test_a_planned_end_before_the_planned_start_is_refused(programme):
    with pytest.raises(ValidationError) as refused:
        measure_create(by=None, programme=programme, title="Solaranlage",
                       planned_start=date(2022, 5, 1), planned_end=date(2022, 4, 30))

    assert "planned_end" in refused.value.message_dict
    assert Measure.objects.count() == 0


@pytest.mark.parametrize(
    "figure",
    ["co2_reduced_t_per_year", "energy_saved_mwh_per_year", "renewable_energy_mwh_per_year"],
)
def test_reported_figures_need_their_source(programme, figure):
    with pytest.raises(ValidationError) as refused:
        measure_create(by=None, programme=programme, title="Solaranlage",
                       **{figure: Decimal("12.5")})

    assert "reported_figures_source" in refused.value.message_dict
    assert Measure.objects.count() == 0


def test_reported_figures_with_a_source_are_saved(programme):
    measure = measure_create(
        by=None, programme=programme, title="Solaranlage", co2_reduced_t_per_year=Decimal("12.50"),
        reported_figures_source="Monitoringbericht 2023",
    )

    assert Measure.objects.get(pk=measure.pk).co2_reduced_t_per_year == Decimal("12.50")


# --- progress and resources ------------------------------------------------------------


def test_a_progress_entry_with_a_percentage_updates_the_measure(programme):
    measure = measure_create(by=None, programme=programme, title="Solaranlage")

    progress_entry_create(by=None, measure=measure, text="Ausschreibung veröffentlicht",
                          progress_percent=30)

    measure.refresh_from_db()
    assert measure.progress_percent == 30


def test_a_progress_entry_without_a_percentage_keeps_the_measures_progress(programme):
    measure = measure_create(by=None, programme=programme, title="Solaranlage")
    progress_entry_create(by=None, measure=measure, text="Ausschreibung", progress_percent=30)

    entry = progress_entry_create(by=None, measure=measure, text="Gespräch mit dem Versorger")

    measure.refresh_from_db()
    assert measure.progress_percent == 30
    assert entry.position == 1
    assert progress_entry_create(by=None, measure=measure, text="Angebot erhalten").position == 2


def test_a_progress_entry_keeps_the_measures_version(programme):
    """The measure's progress is no edit of the measure: an editor who opened it before
    saves without a conflict, and cannot overwrite the progress (the form has no such
    field)."""
    measure = measure_create(by=None, programme=programme, title="Solaranlage")
    version_in_the_editors_form = measure.version

    progress_entry_create(by=None, measure=measure, text="Anlage in Betrieb",
                          progress_percent=100)
    saved = measure_update(Measure.objects.get(pk=measure.pk), by=None,
                           expected_version=version_in_the_editors_form, title="Solaranlage!")

    assert (saved.title, saved.progress_percent) == ("Solaranlage!", 100)


# --- goal progress ---------------------------------------------------------------------


def unsaved_measure(status=MeasureStatus.IN_PROGRESS, progress=None, weight=1):
    """An unsaved measure: goal_progress_percent reads only these three fields."""
    return Measure(status=status, progress_percent=progress, weight=weight)


def test_goal_progress_is_the_mean_weighted_by_the_measures_weights():
    # (100·1 + 20·3) / (1 + 3) = 160 / 4 = 40
    measures = [unsaved_measure(progress=100, weight=1), unsaved_measure(progress=20, weight=3)]

    assert goal_progress_percent(measures) == pytest.approx(40)


def test_goal_progress_ignores_discontinued_measures():
    measures = [
        unsaved_measure(progress=100, weight=1),
        unsaved_measure(progress=20, weight=3),
        unsaved_measure(status=MeasureStatus.DISCONTINUED, progress=0, weight=10),
    ]

    assert goal_progress_percent(measures) == pytest.approx(40)


def test_goal_progress_ignores_measures_without_reported_progress():
    measures = [unsaved_measure(progress=100, weight=1), unsaved_measure(progress=None, weight=5)]

    assert goal_progress_percent(measures) == pytest.approx(100)


def test_reported_zero_progress_counts():
    measures = [unsaved_measure(progress=100, weight=1), unsaved_measure(progress=0, weight=1)]

    assert goal_progress_percent(measures) == pytest.approx(50)


def test_goal_progress_is_none_when_nothing_was_reported():
    assert goal_progress_percent([]) is None
    assert goal_progress_percent([unsaved_measure(progress=None)]) is None
    assert goal_progress_percent(
        [unsaved_measure(status=MeasureStatus.DISCONTINUED, progress=80)]
    ) is None


# --- visibility ------------------------------------------------------------------------


def test_published_measures_of_published_programmes_are_shown(partnership):
    programme = ActionProgrammeFactory(partnership=partnership, is_published=True)
    shown = MeasureFactory(programme=programme, is_published=True)
    draft = MeasureFactory(programme=programme, is_published=False)

    published = list(Measure.objects.published())

    assert shown in published
    assert draft not in published


def test_a_published_measure_of_an_unpublished_programme_is_hidden(partnership):
    programme = ActionProgrammeFactory(partnership=partnership, is_published=False)
    MeasureFactory(programme=programme, is_published=True)

    assert list(Measure.objects.published()) == []


def test_a_published_measure_of_an_unpublished_partnership_is_hidden():
    partnership = PartnershipFactory(is_published=False)
    programme = ActionProgrammeFactory(partnership=partnership, is_published=True)
    MeasureFactory(programme=programme, is_published=True)

    assert list(Measure.objects.published()) == []


# --- programme tree --------------------------------------------------------------------


def test_the_tree_groups_fields_goals_and_measures(programme):
    energy = field_of_action_create(by=None, programme=programme, title="Energie")
    water = field_of_action_create(by=None, programme=programme, title="Wasser")
    solar_goal = goal_create(by=None, programme=programme, title="Solarstrom",
                             field_of_action=energy)
    efficiency_goal = goal_create(by=None, programme=programme, title="Effizienz",
                                  field_of_action=energy)
    loose_goal = goal_create(by=None, programme=programme, title="Bildung")  # no field of action
    school_roof = measure_create(by=None, programme=programme, title="Schuldach",
                                 goals=[solar_goal, efficiency_goal])
    loose_measure = measure_create(by=None, programme=programme, title="Klimaschule",
                                   goals=[loose_goal])
    well = measure_create(by=None, programme=programme, title="Brunnen", field_of_action=water)
    measures = [school_roof, loose_measure, well]

    tree = programme_tree(programme, measures)

    assert [node.field_of_action for node in tree.fields] == [energy, water, None]
    energy_node, water_node, none_node = tree.fields
    assert [g.goal for g in energy_node.goals] == [solar_goal, efficiency_goal]
    # A measure with two goals is listed under each of them.
    assert [g.measures for g in energy_node.goals] == [[school_roof], [school_roof]]
    assert energy_node.measures == [school_roof]
    # A measure without a goal sits directly under its field.
    assert water_node.goals == []
    assert water_node.measures_without_goal == [well]
    # A goal without a field goes to the None node at the end.
    assert [g.goal for g in none_node.goals] == [loose_goal]
    assert none_node.goals[0].measures == [loose_measure]
    assert tree.measures == measures


def test_a_field_without_visible_measures_still_shows_its_goals(programme):
    energy = field_of_action_create(by=None, programme=programme, title="Energie")
    goal = goal_create(by=None, programme=programme, title="Solarstrom", field_of_action=energy)

    tree = programme_tree(programme, [])

    [energy_node] = tree.fields
    assert [g.goal for g in energy_node.goals] == [goal]
    assert energy_node.goals[0].measures == []
    assert energy_node.goals[0].progress_percent is None


def test_a_measure_without_field_or_goal_goes_to_the_none_node(programme):
    energy = field_of_action_create(by=None, programme=programme, title="Energie")
    orphan = measure_create(by=None, programme=programme, title="Sonstiges")

    tree = programme_tree(programme, [orphan])

    assert [node.field_of_action for node in tree.fields] == [energy, None]
    assert tree.fields[-1].measures_without_goal == [orphan]


def test_the_tree_only_holds_the_measures_it_is_given(programme):
    goal = goal_create(by=None, programme=programme, title="Solarstrom")
    shown = measure_create(by=None, programme=programme, title="Schuldach", goals=[goal])
    measure_create(by=None, programme=programme, title="Entwurf", goals=[goal])

    tree = programme_tree(programme, [shown])

    assert tree.fields[0].goals[0].measures == [shown]


def test_goal_nodes_report_the_weighted_progress(programme):
    goal = goal_create(by=None, programme=programme, title="Solarstrom")
    done = measure_create(by=None, programme=programme, title="Schuldach", goals=[goal],
                          weight=1)
    started = measure_create(by=None, programme=programme, title="Rathausdach", goals=[goal],
                             weight=3)
    progress_entry_create(by=None, measure=done, text="Fertig", progress_percent=100)
    progress_entry_create(by=None, measure=started, text="Begonnen", progress_percent=20)

    tree = programme_tree(programme, [done, started])

    assert tree.fields[0].goals[0].progress_percent == pytest.approx(40)


def test_the_tree_fields_come_from_its_own_programme_only(programme):
    FieldOfActionFactory(title="Feld eines anderen Programms")
    energy = field_of_action_create(by=None, programme=programme, title="Energie")

    tree = programme_tree(programme, [])

    assert [node.field_of_action for node in tree.fields] == [energy]


# --- status counts ---------------------------------------------------------------------


def test_status_counts_follow_the_order_of_the_choices_and_skip_absent_ones():
    measures = [
        unsaved_measure(status=MeasureStatus.COMPLETED),
        unsaved_measure(status=MeasureStatus.PLANNED),
        unsaved_measure(status=MeasureStatus.COMPLETED),
        unsaved_measure(status=MeasureStatus.IN_PROGRESS),
    ]

    assert status_counts(measures) == [
        ("planned", "planned", 1),
        ("in_progress", "in implementation", 1),
        ("completed", "completed", 2),
    ]
    assert status_counts([]) == []


def test_the_tree_counts_the_statuses_of_its_measures(programme):
    planned = measure_create(by=None, programme=programme, title="A", status=MeasureStatus.PLANNED)
    done = measure_create(by=None, programme=programme, title="B", status=MeasureStatus.COMPLETED)

    tree = programme_tree(programme, [planned, done])

    assert [(value, count) for value, _label, count in tree.status_counts] == [
        ("planned", 1), ("completed", 1),
    ]


def test_measures_untouched_for_a_while_are_stale():
    from datetime import timedelta

    from django.utils import timezone

    from twinplan.programmes.models import Measure
    from twinplan.programmes.selectors import measures_stale
    from twinplan.programmes.tests.factories import MeasureFactory, ProgressEntryFactory

    now = timezone.now()
    forgotten = MeasureFactory(status="in_progress")
    reported = MeasureFactory(status="in_progress")
    finished = MeasureFactory(status="completed")
    fresh = MeasureFactory(status="planned")
    Measure.objects.filter(pk__in=[forgotten.pk, reported.pk, finished.pk]).update(
        updated_at=now - timedelta(days=175)
    )
    entry = ProgressEntryFactory(measure=reported)
    type(entry).objects.filter(pk=entry.pk).update(created_at=now - timedelta(days=22))

    stale = set(measures_stale(today=now.date(), after_days=90))

    # Edited 175 days ago and still in progress: stale. Edited as long ago but with a
    # progress entry 22 days ago: not stale. Completed, or edited today: not stale.
    assert stale == {forgotten}
    assert fresh.pk not in {m.pk for m in stale}


def test_an_adoption_is_named_with_the_date_as_the_reader_writes_it():
    """Lists such as the partner's changes show the adoption; not an ISO date."""
    from django.utils import translation

    from twinplan.programmes.models import ProgrammeAdoption

    adoption = ProgrammeAdoption(body="Stadtrat Wernigerode", adopted_on=date(2026, 10, 10))
    with translation.override("de"):
        assert str(adoption) == "Stadtrat Wernigerode (10.10.2026)"
    with translation.override("en"):
        assert "2026-10-10" not in str(adoption)
