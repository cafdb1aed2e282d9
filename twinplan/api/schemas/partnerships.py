from __future__ import annotations

from datetime import date

from twinplan.api.schemas.common import Output, PageMeta, Text


class MemberOut(Output):
    municipality: str
    name: str
    country: str


class PhaseOut(Output):
    kind: str
    title: Text
    start_date: date | None
    end_date: date | None


class FundingProgrammeOut(Output):
    slug: str
    name: Text


class PartnershipOut(Output):
    slug: str
    title: Text
    summary: Text
    kind: str
    start_date: date | None
    funding_programme: FundingProgrammeOut | None
    members: list[MemberOut]
    working_languages: list[str]
    phases: list[PhaseOut]
    is_published: bool
    url: str


class PartnershipDetail(PartnershipOut):
    description: Text
    aims: Text
    agenda_2030_value: Text


class PartnershipPage(PageMeta):
    results: list[PartnershipOut]
