"""The partnership's process: phases from the climate-partnership template (names as
translatable data), where the partnership stands, and archiving an ended partnership
(every write service refuses, the public page stays)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from twinplan.core.bin import bin_entries, bin_restore
from twinplan.core.services import TranslationEdit, translations_set
from twinplan.events.services import event_create
from twinplan.partnerships.models import PhaseKind, PhaseStatus
from twinplan.partnerships.selectors import partnership_page_or_none
from twinplan.partnerships.services import (
    PHASE_TEMPLATE,
    partnership_archive,
    partnership_update,
    phase_current,
    phase_update,
    phases_from_template,
)
from twinplan.programmes.models import Measure
from twinplan.programmes.services import (
    challenge_create,
    challenge_delete,
    measure_publish,
    measure_update,
    progress_entry_create,
)
from twinplan.programmes.tests.factories import ActionProgrammeFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_the_template_adds_the_seven_phases_once_named_in_the_working_languages(partnership):
    phases = phases_from_template(partnership=partnership, by=None)

    assert [p.kind for p in phases] == list(PHASE_TEMPLATE)
    assert [p.status for p in phases] == [PhaseStatus.PLANNED] * 7
    kick_off = phases[1]
    assert kick_off.original_language == "de"
    assert kick_off.title == "Auftaktworkshop"
    assert kick_off.translations["vi"]["title"]["text"] == "Hội thảo khởi động"
    assert phases_from_template(partnership=partnership, by=None) == []
    assert partnership.phases.count() == 7


def test_the_current_phase_is_the_one_under_way_else_the_last_completed(partnership):
    phases = phases_from_template(partnership=partnership, by=None)
    assert phase_current(partnership) is None
    for phase in phases[:2]:
        phase_update(phase, by=None, expected_version=None, status=PhaseStatus.COMPLETED)
    assert phase_current(partnership).kind == PhaseKind.KICK_OFF
    phase_update(phases[2], by=None, expected_version=None, status=PhaseStatus.CURRENT)
    assert phase_current(partnership).kind == PhaseKind.EXCHANGE


@pytest.fixture
def measure(partnership):
    programme = ActionProgrammeFactory(partnership=partnership)
    return MeasureFactory(programme=programme, title="Solar school")


def test_an_archived_partnership_refuses_every_write_and_stays_public(
    partnership, measure, alice
):
    challenge = challenge_create(by=alice, measure=measure, category="language",
                                 description="Sprache")
    challenge_delete(challenge, by=alice)
    [deleted] = bin_entries([partnership])

    partnership_archive(partnership, by=alice)

    writes = [
        lambda: measure_update(measure, by=alice, expected_version=None, title="New"),
        lambda: progress_entry_create(by=alice, measure=measure, text="Step"),
        lambda: measure_publish(measure, by=alice, published=not measure.is_published),
        lambda: event_create(partnership=partnership, by=alice, kind="workshop",
                             title="Workshop"),
        lambda: partnership_update(partnership, by=alice, expected_version=None,
                                   title="Renamed"),
        lambda: translations_set(obj=Measure.objects.get(pk=measure.pk), language="vi",
                                 edits=[TranslationEdit(field="title", text="Trường",
                                                        status="human")]),
        lambda: bin_restore(deleted, by=alice),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match="archived"):
            write()
    assert Measure.objects.get(pk=measure.pk).title == "Solar school"
    assert measure.progress.count() == 0
    assert partnership_page_or_none(partnership.slug) == partnership

    partnership_archive(partnership, by=alice, archived=False)
    assert measure_update(measure, by=alice, expected_version=None, title="New").title == "New"


def test_only_coordinators_archive(partnership, charlie):
    with pytest.raises(PermissionDenied):
        partnership_archive(partnership, by=charlie)
    partnership.refresh_from_db()
    assert partnership.archived_on is None
