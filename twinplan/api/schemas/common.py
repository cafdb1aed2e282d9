"""Shapes every part of the API shares: a text in the language asked for, an error, a
figure with its source and year, the envelope of a page of results."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError, PydanticUndefined

# An object's id in a body, within the database's integer range (a larger number is a 422
# at its path, not an overflow in the query).
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
SdgNumber = Annotated[int, Field(ge=1, le=17)]


class Output(BaseModel):
    """A shape the API sends. The routers build their answers as plain dicts, so the
    answer is checked by pydantic alone: ninja's `Schema` wraps every object it checks
    (every row, every text of it) to read attributes off models, which made checking a
    page of 100 measures take as long as fetching it. The OpenAPI document is the same."""


class Text(Output):
    """A translatable text in the language asked for."""

    text: str
    language: str = Field(description="The language the text is in.")
    original_language: str = Field(description="The language the object was written in.")
    translation: Literal["original", "current", "outdated", "missing"] = Field(
        description="original: the text is the original; current or outdated: a "
        "translation, made from the current or an older original; missing: no translation "
        "into the language asked for, so the original is given."
    )
    status: Literal["machine", "human", "reviewed"] | None = Field(
        description="Who made the translation; null for the original."
    )


class FieldError(Output):
    path: str = Field(description="Where: query.limit, body.title, header.If-Match …")
    message: str


class Error(Output):
    detail: str
    errors: list[FieldError] = []


class Conflict(Error):
    """A stale write (412): nothing was saved; `current` is the object as it is now."""

    current: dict[str, Any]


class Figure(Output):
    """A number from outside, with where it comes from and the year it describes."""

    value: str | None = Field(description="A decimal number as a string, or null.")
    year: int | None
    source: str


class PageMeta(Output):
    count: int = Field(description="How many results there are in all.")
    limit: int
    offset: int


class InputSchema(Schema):
    """Input refuses fields it does not know (a typo is an error, not silently ignored),
    and texts with a null character (as the workspace's forms do; PostgreSQL cannot store
    them)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_null_characters(cls, value: Any) -> Any:
        values = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and "\x00" in item for item in values):
            raise PydanticCustomError("null_character", _("Null characters are not allowed."))
        return value


class FullReplacement(InputSchema):
    """A PUT's body: mixed in before an input schema (`class MeasurePutIn(FullReplacement,
    MeasureFieldsIn)`), it makes every field of that schema required, with its type and
    limits unchanged (a field that takes null still does), so a missing field is a 422 at
    its path instead of silently becoming its default."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        for field in cls.model_fields.values():
            field.default = PydanticUndefined
            field.default_factory = None
        cls.model_rebuild(force=True)
