"""The partnership page reads each thing once: the reports take the edition it shows when
that is the one they count, and the programme's sums come from the measures they load."""

from __future__ import annotations

import pytest

from twinplan.climate.tests.factories import ImpactEstimateFactory
from twinplan.municipalities.models import MunicipalityFact
from twinplan.partnerships.tests.factories import PartnershipFactory
from twinplan.programmes.models import MeasureStatus, ProgrammeStatus
from twinplan.programmes.tests.factories import (
    ActionProgrammeFactory,
    FieldOfActionFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def _programme(partnership, edition: int, status: str, titles: list[str]):
    programme = ActionProgrammeFactory(partnership=partnership, edition=edition, status=status)
    field = FieldOfActionFactory(programme=programme, title=f"Field of edition {edition}")
    town = partnership.members.first().municipality
    for index, title in enumerate(titles):
        measure = MeasureFactory(
            programme=programme,
            field_of_action=field,
            title=title,
            code=f"E{edition}-{index}",
            status=MeasureStatus.PLANNED,
        )
        ImpactEstimateFactory(measure=measure, municipality=town)
    MeasureFactory(
        programme=programme, field_of_action=field, title=f"Draft {edition}", is_published=False
    )
    return programme


def test_the_summary_shows_the_edition_in_force_and_the_balance_counts_the_newest(
    client, partnership
):
    in_force = _programme(
        partnership, 1, ProgrammeStatus.ADOPTED, ["Old A", "Old B", "Old C", "Old D"]
    )
    newest = _programme(partnership, 2, ProgrammeStatus.DRAFT, ["New A"])
    response = client.get(f"/en/partnerships/{partnership.slug}/")
    page = response.content.decode()
    outline = response.context["outline"]
    assert outline.programme == in_force
    assert outline.count == 4  # the published measures only
    assert [m.title for m in outline.fields[0].measures] == ["Old A", "Old B", "Old C"]
    assert "All 4 measures of this field" in page
    assert "Draft 1" not in page
    assert "New A" not in page
    # The impact summary counts the newest published edition, as the impact page does.
    summary = response.context["impact_summary"]
    assert summary.programme == newest
    assert [line.measure.title for line in summary.measures] == ["New A"]


def test_when_the_edition_shown_is_the_newest_the_counts_are_those_of_the_database(
    client, partnership
):
    programme = _programme(partnership, 1, ProgrammeStatus.ADOPTED, ["A", "B", "C", "D"])
    MeasureFactory(
        programme=programme, field_of_action=None, title="Loose", status=MeasureStatus.COMPLETED
    )
    response = client.get(f"/en/partnerships/{partnership.slug}/")
    outline = response.context["outline"]
    assert response.context["impact_summary"].programme == programme
    assert [(row.field_of_action, row.counts) for row in outline.fields] == [
        (programme.fields.get(), {MeasureStatus.PLANNED: 4}),
        (None, {MeasureStatus.COMPLETED: 1}),
    ]
    assert [m.title for m in outline.fields[1].measures] == ["Loose"]
    assert outline.fields[0].measures[0].status_label == "planned"


def test_the_members_facts_are_shown_and_only_theirs(client, partnership):
    """The facts are read only when the members have any: the flag must look at this
    partnership's members, whatever the ids."""
    other = PartnershipFactory()
    outsider = other.members.first().municipality
    town = partnership.members.first().municipality
    MunicipalityFact.objects.create(
        municipality=outsider, text="Not a member's fact", original_language="en"
    )
    MunicipalityFact.objects.create(
        municipality=town,
        text="Twinned since 1990",
        original_language="en",
        year=2024,
        source="town hall",
    )
    page = client.get(f"/en/partnerships/{partnership.slug}/").content.decode()
    assert "Twinned since 1990" in page
    assert "Not a member&#x27;s fact" not in page
    assert "Not a member's fact" not in page
    bare = client.get(f"/en/partnerships/{other.slug}/").content.decode()
    assert "Not a member&#x27;s fact" in bare or "Not a member's fact" in bare
    assert "Twinned since 1990" not in bare
