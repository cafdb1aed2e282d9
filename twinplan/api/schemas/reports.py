from __future__ import annotations

from datetime import date

from pydantic import Field

from twinplan.api.schemas.common import Output, PageMeta


class ReportLink(Output):
    """An issued public edition of a document: what it is, in which languages, when it was
    issued, and where to fetch it (none once it is withdrawn)."""

    title: str = Field(description="The document's name in the language asked for.")
    kind: str = Field(description="results, programme or funder.")
    edition: int = Field(description="The edition's number, counted per document.")
    languages: list[str] = Field(description="Its content languages, side by side.")
    issued_on: date
    format: str = Field(description="pdf or html.")
    withdrawn: bool
    withdrawn_on: date | None = None
    url: str | None = Field(description="Where to download it; null when withdrawn.")


class ReportPage(PageMeta):
    results: list[ReportLink]
