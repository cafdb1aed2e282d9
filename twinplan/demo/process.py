"""The demo partnerships' process: where Bersenbrück–Ruma stands in its phases (the
slides: kick-off with the idea collection, delegation trips, the results conference of
November 2018, the pilot measures "noch in der Umsetzungsphase"). Sets only what is still
at its default, so a second run changes nothing and a coordinator's edit stays."""

from __future__ import annotations

from twinplan.partnerships.models import Partnership, PhaseKind, PhaseStatus
from twinplan.partnerships.services import phase_update

BERSENBRUECK_PHASES = {
    PhaseKind.KICK_OFF: PhaseStatus.COMPLETED,
    PhaseKind.EXCHANGE: PhaseStatus.COMPLETED,
    PhaseKind.PILOT: PhaseStatus.CURRENT,
    PhaseKind.RESULTS: PhaseStatus.COMPLETED,
}


def process_demo() -> None:
    partnership = Partnership.objects.filter(slug="bersenbrueck-ruma").first()
    if partnership is None:
        return
    for phase in partnership.phases.filter(status=PhaseStatus.PLANNED, is_demo_content=True):
        status = BERSENBRUECK_PHASES.get(PhaseKind(phase.kind))
        if status is not None:
            phase_update(phase, by=None, expected_version=None, status=status)
