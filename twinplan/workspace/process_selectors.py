"""What the workspace's dashboard and overview show of the partnership's process: where
it stands, what waits for review, a contributor's own reports, the partner's changes
since the last visit."""

from __future__ import annotations

from typing import Any

from twinplan.accounts.models import User
from twinplan.digest.selectors import partner_changes, pending_reports
from twinplan.digest.services import visit_record
from twinplan.events.selectors import ideas_by_author
from twinplan.indicators.selectors import values_by_author
from twinplan.partnerships.models import Partnership, Phase
from twinplan.partnerships.permissions import PartnershipAccess
from twinplan.partnerships.services import phase_current
from twinplan.programmes.models import ActionProgramme
from twinplan.programmes.selectors import edition_changes, progress_by_author


def overview_process(user: User, partnership: Partnership, access: PartnershipAccess, *,
                     latest: ActionProgramme | None, phases: list[Phase]) -> dict[str, Any]:
    """The overview's process part (`latest`: the newest edition, `phases`: the
    partnership's, both read by the page already); records this visit (the next one lists
    what the partner changed after it)."""
    since = visit_record(user=user, partnership=partnership)
    return {
        "current_phase": phase_current(partnership, phases),
        "archived": partnership.archived_on is not None,
        "pending_count": pending_reports(partnership).count if access.edit else 0,
        "partner_changes": partner_changes(user, partnership, since) if since else [],
        "last_visit": since,
        "draft_changes": edition_changes(latest, published_only=False)
        if latest is not None and latest.previous_id else None,
    }


def dashboard_process(user: User) -> dict[str, Any]:
    """A contributor's own reports that are not approved yet, or were declined, per
    partnership."""
    # One query per kind of report over all the user's partnerships (not three per
    # partnership); listed by partnership (by title), then kind, newest first.
    mine = Partnership.objects.filter(roles__user=user)
    reports: list[tuple[Partnership, str, Any]] = [
        *((entry.measure.programme.partnership, "progress", entry)
          for entry in progress_by_author(user, mine)),
        *((value.indicator.measure.programme.partnership,  # type: ignore[union-attr]
           "indicatorvalue", value) for value in values_by_author(user, mine)),
        *((idea.event.partnership, "idea", idea) for idea in ideas_by_author(user, mine)),
    ]
    kinds = ("progress", "indicatorvalue", "idea")
    reports.sort(key=lambda report: (report[0].title, report[0].pk, kinds.index(report[1])))
    return {"my_reports": reports}
