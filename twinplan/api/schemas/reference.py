from __future__ import annotations

from twinplan.api.schemas.common import Output, PageMeta


class SdgTargetOut(Output):
    code: str
    title: str
    language: str


class SdgOut(Output):
    code: int
    name: str
    language: str
    colour: str
    targets: list[SdgTargetOut]


class SdgPage(PageMeta):
    results: list[SdgOut]
