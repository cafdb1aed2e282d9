"""Programme editions: a new edition starts as a draft copy of the adopted one, with its
measures linked to their predecessors; each council's adoption is recorded with its
resolution as an agreement, and the edition is adopted once every member's council has
adopted it; what changed between editions is listed measure by measure, field by field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from twinplan.indicators.models import Indicator
from twinplan.indicators.services import indicator_create, indicator_value_create
from twinplan.money.models import Resource
from twinplan.municipalities.tests.factories import MunicipalityFactory
from twinplan.partnerships.models import AgreementKind
from twinplan.programmes.models import ActionProgramme, MeasureStatus, ProgrammeStatus
from twinplan.programmes.selectors import edition_changes, programme_published_or_none
from twinplan.programmes.services import (
    field_of_action_create,
    goal_create,
    measure_actor_create,
    measure_create,
    measure_delete,
    measure_publish,
    measure_update,
    programme_adoption_create,
    programme_adoption_delete,
    programme_create,
    programme_edition_start,
    programme_publish,
)
from twinplan.reference.models import SdgGoal

pytestmark = pytest.mark.django_db


def _adopt_by_both(programme, wernigerode, hoi_an, *, by=None):
    programme_adoption_create(programme=programme, by=by, municipality=wernigerode,
                              body="Stadtrat Wernigerode", adopted_on=date(2021, 3, 25))
    programme_adoption_create(programme=programme, by=by, municipality=hoi_an,
                              body="Hội đồng nhân dân Hội An", adopted_on=date(2021, 5, 2))
    return ActionProgramme.objects.get(pk=programme.pk)


@pytest.fixture
def adopted(partnership, wernigerode, hoi_an):
    programme = programme_create(by=None, partnership=partnership, title="Handlungsprogramm",
                                 summary="Gemeinsam")
    field = field_of_action_create(by=None, programme=programme, title="Klimaschutz")
    goal = goal_create(by=None, programme=programme, field_of_action=field,
                       title="Energie sparen", sdg_goals=[SdgGoal.objects.get(code=7)])
    measure = measure_create(by=None, programme=programme, code="K1", title="Solar school",
                             field_of_action=field, goals=[goal], lead_municipality=hoi_an,
                             implementing_municipalities=[hoi_an],
                             sdg_goals=[SdgGoal.objects.get(code=13)],
                             status=MeasureStatus.IN_PROGRESS)
    measure_actor_create(by=None, measure=measure, kind="school", role="Schüler")
    Resource.objects.create(measure=measure, kind="money", planned_amount=100,
                            spent_amount=40, currency="EUR", source_of_funds="own_budget")
    indicator = indicator_create(by=None, measure=measure, name="kWh")
    indicator_value_create(by=None, indicator=indicator, date=date(2022, 1, 1),
                           value=Decimal("5"), source="Zähler")
    indicator_create(by=None, goal=goal, name="t CO2")
    return _adopt_by_both(programme, wernigerode, hoi_an)


def test_an_edition_is_adopted_when_every_council_has_adopted_it(partnership, wernigerode,
                                                                   hoi_an):
    programme = programme_create(by=None, partnership=partnership, title="Handlungsprogramm")

    programme_adoption_create(programme=programme, by=None, municipality=wernigerode,
                              body="Stadtrat Wernigerode", adopted_on=date(2021, 3, 25))
    assert ActionProgramme.objects.get(pk=programme.pk).status == ProgrammeStatus.DRAFT
    programme_adoption_create(programme=programme, by=None, municipality=hoi_an,
                              body="Hội đồng nhân dân", adopted_on=date(2021, 5, 2))

    programme = ActionProgramme.objects.get(pk=programme.pk)
    assert (programme.status, programme.adopted_on) == (ProgrammeStatus.ADOPTED,
                                                        date(2021, 5, 2))
    resolutions = [a.resolution for a in programme.adoptions.all()]
    assert {r.kind for r in resolutions} == {AgreementKind.COUNCIL_RESOLUTION}
    assert {r.partnership_id for r in resolutions} == {partnership.pk}
    assert [list(r.parties.all()) for r in resolutions] == [[wernigerode], [hoi_an]]


def test_withdrawing_an_adoption_makes_the_edition_a_draft_again(adopted):
    programme_adoption_delete(adopted.adoptions.first(), by=None)

    assert ActionProgramme.objects.get(pk=adopted.pk).status == ProgrammeStatus.DRAFT


def test_an_adoption_is_refused_for_a_non_member_or_twice(adopted, partnership, wernigerode):
    draft = programme_create(by=None, partnership=partnership, title="Zweite")
    for town in (MunicipalityFactory(), wernigerode):
        if town == wernigerode:
            programme_adoption_create(programme=draft, by=None, municipality=town,
                                      body="Stadtrat", adopted_on=date(2024, 1, 1))
        with pytest.raises(ValidationError) as refused:
            programme_adoption_create(programme=draft, by=None, municipality=town,
                                      body="Stadtrat", adopted_on=date(2024, 1, 1))
        assert "municipality" in refused.value.message_dict
    assert draft.adoptions.count() == 1


def test_adopted_is_not_set_by_hand(partnership):
    programme = programme_create(by=None, partnership=partnership, title="Programm")
    from twinplan.programmes.services import programme_update

    with pytest.raises(ValidationError) as refused:
        programme_update(programme, by=None, expected_version=None,
                         status=ProgrammeStatus.ADOPTED)
    assert "status" in refused.value.message_dict


def test_a_new_edition_is_a_draft_copy_with_measures_linked_to_their_predecessors(adopted):
    new = programme_edition_start(adopted, by=None)

    assert (new.edition, new.status, new.previous, new.is_published) == (
        adopted.edition + 1, ProgrammeStatus.DRAFT, adopted, False)
    assert (new.title, new.summary) == (adopted.title, adopted.summary)
    [old_measure] = adopted.measures.all()
    [measure] = new.measures.all()
    assert measure.predecessor == old_measure
    assert measure.is_published == old_measure.is_published
    assert (measure.code, measure.title, measure.status, measure.lead_municipality) == (
        "K1", "Solar school", MeasureStatus.IN_PROGRESS, old_measure.lead_municipality)
    [field] = new.fields.all()
    [goal] = new.goals.all()
    assert measure.field_of_action == field
    assert list(measure.goals.all()) == [goal]
    assert goal.field_of_action == field
    assert [g.code for g in goal.sdg_goals.all()] == [7]
    assert [g.code for g in measure.sdg_goals.all()] == [13]
    assert list(measure.implementing_municipalities.all()) == list(
        old_measure.implementing_municipalities.all())
    assert [(a.kind, a.role) for a in measure.actors.all()] == [("school", "Schüler")]
    [resource] = Resource.objects.filter(measure=measure)
    assert (resource.planned_amount, resource.spent_amount) == (100, None)
    [indicator] = Indicator.objects.filter(measure=measure)
    assert (indicator.name, indicator.values.count()) == ("kWh", 0)
    assert Indicator.objects.filter(goal=goal, name="t CO2").exists()
    # The adopted edition is untouched.
    assert old_measure.actors.count() == 1
    assert old_measure.indicators.get().values.count() == 1


def test_a_new_edition_starts_only_from_an_adopted_one_and_once(adopted, partnership):
    draft = programme_create(by=None, partnership=partnership, title="Entwurf")
    with pytest.raises(ValidationError):
        programme_edition_start(draft, by=None)

    with pytest.raises(ValidationError):  # edition 2 (the draft) already follows it
        programme_edition_start(adopted, by=None)


def test_adopting_the_new_edition_supersedes_the_previous(adopted, wernigerode, hoi_an):
    new = programme_edition_start(adopted, by=None)
    _adopt_by_both(new, wernigerode, hoi_an)

    assert ActionProgramme.objects.get(pk=adopted.pk).status == ProgrammeStatus.SUPERSEDED
    assert ActionProgramme.objects.get(pk=new.pk).status == ProgrammeStatus.ADOPTED


def test_the_changes_since_the_previous_edition_field_by_field(adopted, hoi_an, wernigerode):
    removed = measure_create(by=None, programme=adopted, code="K2", title="Old idea")
    new = programme_edition_start(adopted, by=None)
    copy = new.measures.get(code="K1")
    measure_update(copy, by=None, expected_version=copy.version, title="Solar schools",
                   lead_municipality=wernigerode)
    measure_delete(new.measures.get(code="K2"), by=None)
    added = measure_create(by=None, programme=new, code="K3", title="Heat pumps")

    changes = edition_changes(new, published_only=False)

    assert changes.added == [added]
    assert changes.removed == [removed]
    [item] = changes.changed
    assert item.measure == copy
    assert [(c.label, str(c.before), str(c.after)) for c in item.changes] == [
        ("title", "Solar school", "Solar schools"),
        ("lead partner", str(hoi_an), str(wernigerode)),
    ]


def test_the_public_page_shows_the_adopted_edition_not_a_newer_draft(adopted):
    programme_publish(adopted, by=None)
    new = programme_edition_start(adopted, by=None)
    programme_publish(new, by=None)
    for measure in new.measures.all():
        measure_publish(measure, by=None)

    assert programme_published_or_none(adopted.partnership) == adopted


def test_a_partnership_with_adopted_editions_can_be_deleted_whole(adopted, partnership):
    from twinplan.partnerships.models import Partnership

    Partnership.objects.filter(pk=partnership.pk).delete()  # adoptions and resolutions go together

    assert not ActionProgramme.objects.filter(pk=adopted.pk).exists()


def test_a_resolution_an_adoption_rests_on_is_not_deleted_alone(adopted, alice):
    from twinplan.partnerships.services import agreement_delete

    resolution = adopted.adoptions.first().resolution
    with pytest.raises(ValidationError):
        agreement_delete(resolution, by=alice)
    assert type(resolution).objects.filter(pk=resolution.pk).exists()


def test_a_new_resolution_is_named_in_the_partnerships_language(partnership, wernigerode):
    """The resolution recorded with an adoption is content of the partnership, written in
    its original language, whatever the interface language of the coordinator."""
    from django.utils import translation

    programme = programme_create(by=None, partnership=partnership, title="Handlungsprogramm")
    with translation.override("vi"):
        adoption = programme_adoption_create(
            programme=programme, by=None, municipality=wernigerode,
            body="Stadtrat Wernigerode", adopted_on=date(2021, 3, 25))

    assert adoption.resolution.original_language == partnership.original_language == "de"
    assert adoption.resolution.title == "Stadtrat Wernigerode: Handlungsprogramm (Ausgabe 1)"


def test_an_adoption_in_the_future_is_refused(partnership, wernigerode):
    from datetime import timedelta

    from django.utils import timezone

    from twinplan.partnerships.models import Agreement

    programme = programme_create(by=None, partnership=partnership, title="Handlungsprogramm")
    with pytest.raises(ValidationError) as refused:
        programme_adoption_create(
            programme=programme, by=None, municipality=wernigerode, body="Stadtrat",
            adopted_on=timezone.localdate() + timedelta(days=1))

    assert "adopted_on" in refused.value.message_dict
    assert not programme.adoptions.exists()
    assert not Agreement.objects.filter(partnership=partnership).exists()
    programme_adoption_create(programme=programme, by=None, municipality=wernigerode,
                              body="Stadtrat", adopted_on=timezone.localdate())
