"""Reads of the spreadsheets app."""

from __future__ import annotations

from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import ActionProgramme, ProgrammeStatus


def draft_edition(partnership: Partnership) -> ActionProgramme | None:
    """The edition an import goes to unless told otherwise: the latest draft."""
    return (
        partnership.programmes.filter(status=ProgrammeStatus.DRAFT).order_by("-edition").first()
    )


def latest_edition(partnership: Partnership) -> ActionProgramme | None:
    """The edition an export shows unless told otherwise."""
    return partnership.programmes.order_by("-edition").first()


def current_edition(partnership: Partnership) -> ActionProgramme | None:
    """The edition in force: the latest that is not superseded (the latest of all if
    every edition is superseded)."""
    editions = partnership.programmes.order_by("-edition")
    return editions.exclude(status=ProgrammeStatus.SUPERSEDED).first() or editions.first()
