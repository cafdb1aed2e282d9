from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from twinplan.api.schemas.common import (
    FullReplacement,
    Id,
    InputSchema,
    Output,
    PageMeta,
    SdgNumber,
    Text,
)
from twinplan.programmes.models import CovenantSector, MeasureStatus, ProgressKind


class ReportedFigures(Output):
    """Figures the partners report themselves, with their source."""

    energy_saved_mwh_per_year: str | None
    renewable_energy_mwh_per_year: str | None
    co2_reduced_t_per_year: str | None
    source: str


class MeasureOut(Output):
    id: int
    version: int = Field(description="Send it back as If-Match to change the measure.")
    partnership: str
    programme: int
    code: str
    title: Text
    summary: Text
    status: MeasureStatus
    is_pilot: bool
    weight: int
    progress_percent: int | None
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    field_of_action: int | None
    goals: list[int]
    lead_municipality: str | None
    implementing_municipalities: list[str]
    actor_types: list[str]
    sdg_goals: list[int]
    sdg_targets: list[str]
    dac_sector: str
    covenant_sector: str
    reported_figures: ReportedFigures
    is_published: bool
    is_demo_content: bool
    updated_at: dt.datetime
    url: str


class ProgressOut(Output):
    id: int
    version: int
    measure: int
    kind: ProgressKind
    date: dt.date | None
    text: Text
    progress_percent: int | None
    approved: bool
    review_state: str = Field(description="approved, pending (waiting for a coordinator's "
                              "review) or declined; only approved entries count and are public")
    organisation: int | None


class MeasureDetail(MeasureOut):
    description: Text
    context: Text
    progress: list[ProgressOut]


class MeasurePage(PageMeta):
    results: list[MeasureOut]


class MeasureFieldsIn(InputSchema):
    """The fields of a measure a coordinator writes; links by id (field of action, goals),
    municipalities by their slug, SDGs by number, SDG targets by code."""

    code: str = Field("", max_length=20)
    title: str = Field(..., min_length=1, max_length=300)
    summary: str = Field("", max_length=500)
    description: str = ""
    context: str = ""
    status: MeasureStatus = MeasureStatus.PLANNED
    is_pilot: bool = False
    weight: int = Field(1, ge=1, le=100)
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    field_of_action: Id | None = None
    goals: list[Id] = Field(default_factory=list, max_length=200)
    lead_municipality: str | None = Field(None, max_length=80)
    implementing_municipalities: list[str] = Field(default_factory=list, max_length=50)
    sdg_goals: list[SdgNumber] = Field(default_factory=list, max_length=17)
    sdg_targets: list[str] = Field(default_factory=list, max_length=200)
    dac_sector: str = Field("", max_length=5)
    covenant_sector: CovenantSector | None = None
    energy_saved_mwh_per_year: Decimal | None = Field(None, ge=0, max_digits=12,
                                                      decimal_places=2)
    renewable_energy_mwh_per_year: Decimal | None = Field(None, ge=0, max_digits=12,
                                                          decimal_places=2)
    co2_reduced_t_per_year: Decimal | None = Field(None, ge=0, max_digits=12,
                                                   decimal_places=2)
    reported_figures_source: str = Field("", max_length=300)
    original_language: str | None = Field(None, max_length=15)


class MeasureCreateIn(MeasureFieldsIn):
    programme: Id = Field(..., description="The id of the action programme (edition).")


class MeasurePatchIn(MeasureFieldsIn):
    """Only the fields sent are changed."""

    title: str = Field("", min_length=1, max_length=300)


class MeasurePutIn(FullReplacement, MeasureFieldsIn):
    """Every field, as the measure is to be: a field left out is a 422, not its default.
    `original_language` may be null: the measure keeps the one it has."""


class ProgressFieldsIn(InputSchema):
    kind: ProgressKind = ProgressKind.STEP
    date: dt.date | None = None
    text: str = Field(..., min_length=1, max_length=20000)
    progress_percent: int | None = Field(None, ge=0, le=100)
    organisation: Id | None = None
    original_language: str | None = Field(None, max_length=15)


class ProgressPatchIn(ProgressFieldsIn):
    text: str = Field("", min_length=1, max_length=20000)


class ProgressPutIn(FullReplacement, ProgressFieldsIn):
    """Every field, as the entry is to be: a field left out is a 422, not its default.
    `original_language` may be null: the entry keeps the one it has."""


class TreeMeasure(Output):
    id: int
    code: str
    title: Text
    status: MeasureStatus
    progress_percent: int | None


class TreeGoal(Output):
    id: int
    code: str
    title: Text
    sdg_goals: list[int]
    progress_percent: float | None
    measures: list[TreeMeasure]


class TreeField(Output):
    id: int | None
    code: str
    title: Text | None
    goals: list[TreeGoal]
    measures_without_goal: list[TreeMeasure]


class ProgrammeOut(Output):
    id: int
    version: int
    partnership: str
    edition: int
    title: Text
    summary: Text
    status: str
    adopted_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    is_published: bool
    fields: list[TreeField]
