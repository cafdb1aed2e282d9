"""The impact balance and money summary of a partnership (climate.selectors.impact_report,
the same data as `./manage.py impact SLUG --format json`, docs/impact-json.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from twinplan.api.auth import READ, caller_of
from twinplan.api.permissions import may_read_drafts
from twinplan.api.routers.partnerships import visible_partnership
from twinplan.api.routers.programmes import READ_ERRORS
from twinplan.climate.export import report_as_data
from twinplan.climate.selectors import impact_report

router = Router(tags=["impact and money"], auth=READ)


@router.get("/partnerships/{slug}/impact", response={200: dict[str, Any], **READ_ERRORS},
            summary="Impact balance and money summary")
def partnership_impact(request: HttpRequest, slug: str) -> Any:
    """Planned and achieved CO₂ reductions, travel emissions, the municipalities' own
    balances, every factor with its source and year, and the money report (planned and
    spent, by partner and source). Drafts count for those who may read them. The keys are
    those of docs/impact-json.md (`schema`: twinplan.impact-report/1)."""
    partnership = visible_partnership(request, slug)
    drafts = may_read_drafts(caller_of(request).user, partnership)
    report = impact_report(partnership, today=timezone.localdate(), include_unpublished=drafts)
    return report_as_data(report)
