"""The programme's services, noun by noun: each writes what it lists, refuses links into
another partnership with a message at the field (saving nothing), keeps the version on a
save that changes nothing, and records who wrote. A measure's progress is its latest
approved progress entry with a figure."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from twinplan.accounts.tests.factories import UserFactory
from twinplan.core.errors import EditConflict
from twinplan.organisations.models import OrganisationType
from twinplan.organisations.tests.factories import OrganisationFactory
from twinplan.partnerships.models import PartnershipRole, RoleKind
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes import services
from twinplan.programmes.models import (
    ActionProgramme,
    Challenge,
    FieldOfAction,
    Goal,
    Measure,
    MeasureActor,
    ProgrammeBaseline,
    ProgressEntry,
)
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(partnership, wernigerode):
    """A coordinator of the partnership: their entries count at once."""
    user = UserFactory(username="editor")
    PartnershipRole.objects.create(
        user=user, partnership=partnership, role=RoleKind.COORDINATOR, municipality=wernigerode
    )
    return user


@pytest.fixture
def programme(partnership):
    return services.programme_create(by=None, partnership=partnership, title="Programm")


@pytest.fixture
def measure(programme):
    return services.measure_create(by=None, programme=programme, title="Solaranlage")


@pytest.fixture
def elsewhere(db):
    """Another partnership, with a programme, a member town and an organisation there."""
    other = PartnershipFactory(slug="elsewhere")
    town = other.members.first().municipality
    return {
        "partnership": other,
        "programme": ActionProgrammeFactory(partnership=other),
        "town": town,
        "organisation": OrganisationFactory(name="Fremder Verein", municipality=town),
    }


def _no_op_keeps_version(update, obj, by, **fields):
    """Saving the stored values again: same version, no new history record."""
    records = obj.history.count()
    saved = update(obj, by=by, expected_version=obj.version, **fields)
    assert saved.version == obj.version
    assert obj.history.count() == records


def _update_records_author(update, obj, by, **fields):
    saved = update(obj, by=by, expected_version=obj.version, **fields)
    assert saved.version == obj.version + 1
    assert saved.history.latest("history_date").history_user == by
    return saved


# --- programme ---------------------------------------------------------------------------


def test_a_programme_is_created_updated_published_and_deleted(partnership, editor):
    programme = services.programme_create(by=editor, partnership=partnership, title="Plan")
    assert (programme.edition, programme.version) == (1, 1)
    assert programme.history.get().history_user == editor

    _no_op_keeps_version(services.programme_update, programme, editor, title="Plan")
    saved = _update_records_author(services.programme_update, programme, editor,
                                   title="Plan 2030")
    assert saved.title == "Plan 2030"

    services.programme_publish(saved, by=editor, published=True)
    assert ActionProgramme.objects.get(pk=saved.pk).is_published
    services.programme_delete(saved, by=editor)
    assert not ActionProgramme.objects.exists()


def test_a_programme_period_ending_before_it_starts_is_refused(partnership):
    with pytest.raises(ValidationError) as refused:
        services.programme_create(by=None, partnership=partnership, title="Plan",
                                  period_start=date(2025, 1, 1), period_end=date(2024, 1, 1))
    assert "period_end" in refused.value.message_dict
    assert not ActionProgramme.objects.exists()


def test_the_database_refuses_a_programme_period_ending_before_it_starts(partnership):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionProgramme.objects.create(partnership=partnership, title="Plan",
                                       period_start=date(2025, 1, 1),
                                       period_end=date(2024, 1, 1))


def test_a_stale_programme_edit_is_refused(programme):
    services.programme_update(programme, by=None, expected_version=1, title="Neu")
    with pytest.raises(EditConflict):
        services.programme_update(programme, by=None, expected_version=1, title="Alt")
    assert ActionProgramme.objects.get(pk=programme.pk).title == "Neu"


# --- baseline ----------------------------------------------------------------------------


def test_a_baseline_of_a_member_is_written_in_its_language(programme, hoi_an, editor):
    baseline = services.baseline_create(by=editor, programme=programme, municipality=hoi_an,
                                        text="Viele Mopeds", year=2018, source="Statistik")
    assert baseline.original_language == "vi"
    _no_op_keeps_version(services.baseline_update, baseline, editor, text="Viele Mopeds")
    _update_records_author(services.baseline_update, baseline, editor, year=2019)
    services.baseline_delete(baseline, by=editor)
    assert not ProgrammeBaseline.objects.exists()


def test_a_baseline_of_another_partnerships_town_is_refused(programme, elsewhere, wernigerode):
    with pytest.raises(ValidationError) as refused:
        services.baseline_create(by=None, programme=programme, municipality=elsewhere["town"],
                                 text="Fremd", year=2018, source="Statistik")
    assert "municipality" in refused.value.message_dict
    assert not ProgrammeBaseline.objects.exists()

    baseline = services.baseline_create(by=None, programme=programme, municipality=wernigerode,
                                        text="Eigen", year=2018, source="Statistik")
    with pytest.raises(ValidationError) as refused:
        services.baseline_update(baseline, by=None, expected_version=baseline.version,
                                 municipality=elsewhere["town"])
    assert "municipality" in refused.value.message_dict
    assert ProgrammeBaseline.objects.get().municipality == wernigerode


def test_a_baseline_needs_its_source_and_year(programme, wernigerode):
    with pytest.raises(ValidationError) as refused:
        services.baseline_create(by=None, programme=programme, municipality=wernigerode,
                                 text="Ohne Beleg")
    assert {"source", "year"} <= set(refused.value.message_dict)
    assert not ProgrammeBaseline.objects.exists()


# --- field of action and goal --------------------------------------------------------------


def test_fields_of_action_are_placed_last_and_versioned(programme, editor):
    first = services.field_of_action_create(by=editor, programme=programme, title="Energie")
    second = services.field_of_action_create(by=editor, programme=programme, title="Wasser")
    assert (first.position, second.position) == (0, 1)
    _no_op_keeps_version(services.field_of_action_update, first, editor, title="Energie")
    _update_records_author(services.field_of_action_update, first, editor, code="E")
    services.field_of_action_delete(second, by=editor)
    assert list(FieldOfAction.objects.all()) == [first]


def test_a_goal_in_a_field_of_another_programme_is_refused(programme, elsewhere):
    foreign = FieldOfAction.objects.create(programme=elsewhere["programme"], title="Fremd")
    with pytest.raises(ValidationError) as refused:
        services.goal_create(by=None, programme=programme, title="Ziel", field_of_action=foreign)
    assert "field_of_action" in refused.value.message_dict
    assert not Goal.objects.exists()

    goal = services.goal_create(by=None, programme=programme, title="Ziel")
    with pytest.raises(ValidationError) as refused:
        services.goal_update(goal, by=None, expected_version=goal.version,
                             field_of_action=foreign)
    assert "field_of_action" in refused.value.message_dict
    assert Goal.objects.get().field_of_action is None


def test_a_goal_is_updated_with_its_author_and_kept_on_a_no_op(programme, editor):
    goal = services.goal_create(by=editor, programme=programme, title="Ziel")
    _no_op_keeps_version(services.goal_update, goal, editor, title="Ziel", sdg_goals=[])
    _update_records_author(services.goal_update, goal, editor, title="Neues Ziel")
    services.goal_delete(goal, by=editor)
    assert not Goal.objects.exists()


# --- measure -------------------------------------------------------------------------------


def test_a_measure_led_by_another_partnerships_town_is_refused(programme, elsewhere):
    with pytest.raises(ValidationError) as refused:
        services.measure_create(by=None, programme=programme, title="Solar",
                                lead_municipality=elsewhere["town"],
                                implementing_municipalities=[elsewhere["town"]])
    assert {"lead_municipality", "implementing_municipalities"} <= set(
        refused.value.message_dict
    )
    assert not Measure.objects.exists()


def test_a_measure_in_a_field_of_another_programme_is_refused_on_update(measure, elsewhere):
    foreign = FieldOfAction.objects.create(programme=elsewhere["programme"], title="Fremd")
    with pytest.raises(ValidationError) as refused:
        services.measure_update(measure, by=None, expected_version=measure.version,
                                field_of_action=foreign)
    assert "field_of_action" in refused.value.message_dict
    assert Measure.objects.get().field_of_action is None


def test_a_measure_owned_by_someone_without_a_role_is_refused(programme):
    stranger = UserFactory(username="stranger")
    with pytest.raises(ValidationError) as refused:
        services.measure_create(by=None, programme=programme, title="Solar", owner=stranger)
    assert "owner" in refused.value.message_dict
    assert not Measure.objects.exists()


def test_a_measures_progress_is_not_written_by_the_measure_services(measure):
    with pytest.raises(TypeError):
        services.measure_update(measure, by=None, expected_version=measure.version,
                                progress_percent=50)  # type: ignore[call-arg]
    assert Measure.objects.get().progress_percent is None


@pytest.mark.parametrize("fields", [
    {"planned_start": date(2025, 1, 1), "planned_end": date(2024, 1, 1)},
    {"actual_start": date(2025, 1, 1), "actual_end": date(2024, 1, 1)},
    {"progress_percent": 101},
    {"weight": 0},
    {"co2_reduced_t_per_year": -1},
])
def test_the_database_refuses_what_the_measure_rules_refuse(programme, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(programme=programme, title="Solar", **fields)


# --- actors --------------------------------------------------------------------------------


def test_an_actor_is_an_organisation_of_a_member_town(measure, hoi_an, editor):
    school = OrganisationFactory(name="Schule", kind=OrganisationType.SCHOOL,
                                 municipality=hoi_an)
    first = services.measure_actor_create(by=editor, measure=measure,
                                          kind=OrganisationType.COMPANY)
    actor = services.measure_actor_create(by=editor, measure=measure, kind="",
                                          organisation=school)
    assert (first.position, actor.position, actor.kind) == (0, 1, OrganisationType.SCHOOL)
    _no_op_keeps_version(services.measure_actor_update, actor, editor, role="")
    _update_records_author(services.measure_actor_update, actor, editor, role="Gastgeber")
    services.measure_actor_delete(actor, by=editor)
    assert list(MeasureActor.objects.all()) == [first]


def test_an_actor_from_another_partnership_is_refused(measure, elsewhere, wernigerode):
    for organisation in (elsewhere["organisation"],
                         OrganisationFactory(name="Ohne Ort", municipality=None)):
        with pytest.raises(ValidationError) as refused:
            services.measure_actor_create(by=None, measure=measure, kind="association",
                                          organisation=organisation)
        assert "organisation" in refused.value.message_dict
    assert not MeasureActor.objects.exists()

    own = OrganisationFactory(name="Stadtwerke", municipality=wernigerode)
    actor = services.measure_actor_create(by=None, measure=measure, kind="utility",
                                          organisation=own)
    with pytest.raises(ValidationError) as refused:
        services.measure_actor_update(actor, by=None, expected_version=actor.version,
                                      organisation=elsewhere["organisation"])
    assert "organisation" in refused.value.message_dict
    assert MeasureActor.objects.get().organisation == own


# --- progress ------------------------------------------------------------------------------


def _progress(measure):
    return Measure.objects.get(pk=measure.pk).progress_percent


def test_the_measures_progress_is_its_latest_approved_entry_with_a_figure(measure, editor):
    services.progress_entry_create(by=editor, measure=measure, text="Ausschreibung",
                                   date=date(2024, 3, 1), progress_percent=20)
    later = services.progress_entry_create(by=editor, measure=measure, text="Auftrag",
                                           date=date(2024, 6, 1), progress_percent=50)
    # Written later about an earlier day: it does not overtake the June figure.
    services.progress_entry_create(by=editor, measure=measure, text="Nachtrag",
                                   date=date(2024, 1, 15), progress_percent=10)
    services.progress_entry_create(by=editor, measure=measure, text="Ohne Zahl",
                                   date=date(2024, 7, 1))
    assert _progress(measure) == 50

    services.progress_entry_review(later, by=editor, approve=False, reason="Zahl unbelegt")
    assert _progress(measure) == 20
    services.progress_entry_review(later, by=editor, approve=True)
    assert _progress(measure) == 50

    later = ProgressEntry.objects.get(pk=later.pk)
    services.progress_entry_update(later, by=editor, expected_version=later.version,
                                   progress_percent=60)
    assert _progress(measure) == 60
    services.progress_entry_delete(ProgressEntry.objects.get(pk=later.pk), by=editor)
    assert _progress(measure) == 20


def test_progress_keeps_the_measures_version_and_history(measure):
    records = measure.history.count()
    services.progress_entry_create(by=None, measure=measure, text="Schritt",
                                   progress_percent=30)
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.progress_percent, stored.version) == (30, measure.version)
    assert stored.history.count() == records


def test_a_progress_entry_records_its_author_and_keeps_a_no_op(measure, editor):
    entry = services.progress_entry_create(by=editor, measure=measure, text="Schritt")
    assert (entry.author, entry.review_state, entry.position) == (editor, "approved", 0)
    _no_op_keeps_version(services.progress_entry_update, entry, editor, text="Schritt")
    _update_records_author(services.progress_entry_update, entry, editor, text="Erster Schritt")


def test_a_progress_entry_for_another_partnerships_organisation_is_refused(measure, elsewhere):
    with pytest.raises(ValidationError) as refused:
        services.progress_entry_create(by=None, measure=measure, text="Schritt",
                                       organisation=elsewhere["organisation"])
    assert "organisation" in refused.value.message_dict
    assert not ProgressEntry.objects.exists()


def test_a_progress_figure_over_100_is_refused_and_changes_nothing(measure):
    with pytest.raises(ValidationError) as refused:
        services.progress_entry_create(by=None, measure=measure, text="Zu viel",
                                       progress_percent=150)
    assert "progress_percent" in refused.value.message_dict
    assert not ProgressEntry.objects.exists()
    assert _progress(measure) is None


# --- challenge -----------------------------------------------------------------------------


def test_a_challenge_is_written_with_its_author(measure, editor):
    challenge = services.challenge_create(by=editor, measure=measure, category="language",
                                          description="Sprache")
    assert challenge.original_language == measure.original_language
    _no_op_keeps_version(services.challenge_update, challenge, editor, description="Sprache")
    _update_records_author(services.challenge_update, challenge, editor, response="Dolmetscher")
    services.challenge_delete(challenge, by=editor)
    assert not Challenge.objects.exists()


def test_a_challenge_without_its_description_is_refused(measure):
    with pytest.raises(ValidationError) as refused:
        services.challenge_create(by=None, measure=measure, category="language",
                                  description="")
    assert "description" in refused.value.message_dict
    assert not Challenge.objects.exists()


def test_the_measure_is_public_only_with_its_programme_and_partnership():
    measure = MeasureFactory(is_published=True)
    measure.programme.partnership.is_published = True
    assert measure.is_public
    measure.programme.partnership.is_published = False
    assert not measure.is_public


# --- a batch of new measures ------------------------------------------------------------


def test_a_batch_of_measures_is_checked_by_the_rules_of_measure_create(
    programme, partnership, wernigerode, elsewhere
):
    from twinplan.core.bulk import BatchRefused
    from twinplan.core.services import TranslationEdit

    services.measure_create(by=None, programme=programme, code="K1", title="Da")
    foreign_goal = Goal.objects.create(programme=elsewhere["programme"], title="Fremd")
    drafts = [
        services.MeasureDraft(fields={"code": "K1", "title": "Schon da"}),
        services.MeasureDraft(fields={"code": "K2", "title": "Gut",
                                      "lead_municipality": wernigerode}),
        services.MeasureDraft(fields={"code": "K2", "title": "Zweimal"}),
        services.MeasureDraft(fields={"code": "K3", "title": "Fremd",
                                      "goals": [foreign_goal],
                                      "lead_municipality": elsewhere["town"]}),
        services.MeasureDraft(fields={"code": "K4", "title": "Spät",
                                      "planned_start": date(2027, 5, 1),
                                      "planned_end": date(2027, 1, 1)}),
        services.MeasureDraft(fields={"code": "K5", "title": "Lang"}, translations={
            "vi": [TranslationEdit(field="title", text="x" * 301, status="human")]}),
        services.MeasureDraft(fields={"code": "K6", "title": "Verein"},
                              actors=[{"organisation": elsewhere["organisation"]}]),
        services.MeasureDraft(fields={"code": "K7", "title": ""}),
    ]
    batch = services.measures_check_bulk(programme=programme, by=None, drafts=drafts)
    assert {index: sorted(error.message_dict) for index, error in batch.errors.items()} == {
        0: ["code"], 2: ["code"], 3: ["goals", "lead_municipality"], 4: ["planned_end"],
        5: ["translations:vi"], 6: ["organisation"], 7: ["title"],
    }
    with pytest.raises(BatchRefused) as refused:
        services.measures_create_bulk(batch)
    assert set(refused.value.errors) == set(batch.errors)
    assert list(Measure.objects.filter(programme=programme).values_list("code", flat=True)) == [
        "K1"]


def test_a_batch_writes_measures_links_actors_and_progress_with_their_history(
    programme, editor, wernigerode, hoi_an
):
    from twinplan.core.services import TranslationEdit

    goal = services.goal_create(by=None, programme=programme, title="Weniger CO2")
    drafts = [services.MeasureDraft(
        fields={"code": f"K{n}", "title": f"Solar {n}", "goals": [goal],
                "implementing_municipalities": [hoi_an], "lead_municipality": wernigerode},
        translations={"vi": [TranslationEdit(field="title", text=f"Mặt trời {n}",
                                             status="human")]},
        actors=[{"kind": OrganisationType.SCHOOL}, {"kind": OrganisationType.ASSOCIATION}],
        progress={"kind": "step", "date": date(2026, 6, 1), "progress_percent": 30,
                  "text": "Begonnen"},
    ) for n in range(1, 4)]
    batch = services.measures_check_bulk(programme=programme, by=editor, drafts=drafts)
    assert batch.errors == {}
    measures = services.measures_create_bulk(batch)
    assert [m.code for m in measures] == ["K1", "K2", "K3"]
    for measure in Measure.objects.filter(programme=programme):
        [record] = measure.history.all()
        assert (record.history_type, record.history_user) == ("+", editor)
        assert measure.translations["vi"]["title"]["text"].startswith("Mặt trời")
        assert measure.original_language == programme.original_language
        assert list(measure.goals.all()) == [goal]
        assert list(measure.implementing_municipalities.all()) == [hoi_an]
        assert [(a.kind, a.position) for a in measure.actors.all()] == [
            (OrganisationType.SCHOOL, 0), (OrganisationType.ASSOCIATION, 1)]
        assert measure.progress_percent == services.measure_progress_of(measure) == 30
        [entry] = measure.progress.all()
        assert (entry.author, entry.history.get().history_user) == (editor, editor)


def test_a_contributors_batch_progress_waits_for_review(partnership, programme, hoi_an):
    school = OrganisationFactory(name="School", kind=OrganisationType.SCHOOL,
                                 municipality=hoi_an)
    contributor = UserFactory(username="contributor")
    PartnershipRole.objects.create(user=contributor, partnership=partnership,
                                   role=RoleKind.CONTRIBUTOR, organisation=school)
    partnership.review_contributions = True
    partnership.save()
    batch = services.measures_check_bulk(programme=programme, by=contributor, drafts=[
        services.MeasureDraft(fields={"title": "Idee"},
                              progress={"kind": "step", "progress_percent": 50, "text": "x"}),
    ])
    [measure] = services.measures_create_bulk(batch)
    measure.refresh_from_db()
    assert measure.progress_percent is None
    assert services.measure_progress_of(measure) is None
    assert measure.progress.get().review_state == "pending"
