"""Writes for organisations. An organisation belongs to the partnerships of the
municipality it is located in; the services keep it there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from twinplan.core.writes import Author, object_change, object_insert
from twinplan.municipalities.models import Municipality
from twinplan.organisations.models import Organisation


class OrganisationFields(TypedDict, total=False):
    name: str
    kind: str
    municipality: Municipality | None
    country: str
    website: str
    iati_identifier: str
    description: str
    original_language: str
    is_demo_content: bool


def _partnerships_of(municipality: Municipality) -> set[int]:
    return set(municipality.memberships.values_list("partnership_id", flat=True))


def _organisation_integrity(partnership: Model | None, fields: Mapping[str, Any]) -> None:
    """Added in a partnership, an organisation is located in one of its members (the
    partnership is typed as any model: partnerships sit above this app)."""
    if partnership is None:
        return
    municipality = fields.get("municipality")
    if municipality is None:
        raise ValidationError({"municipality": _(
            "Say in which member municipality the organisation is located."
        )})
    if partnership.pk not in _partnerships_of(municipality):
        raise ValidationError({"municipality": _(
            "“%(town)s” is not a member of this partnership."
        ) % {"town": municipality}})


def organisation_create(
    *, by: Author, partnership: Model | None = None, **fields: Unpack[OrganisationFields]
) -> Organisation:
    """An organisation; its country and original language default to its municipality's.
    Added in a `partnership` (as the workspace does), it is located in a member
    municipality."""
    _organisation_integrity(partnership, fields)
    municipality = fields.get("municipality")
    if municipality is not None:
        fields.setdefault("country", municipality.country)
        if not fields.get("original_language"):
            fields["original_language"] = municipality.first_language or "en"
    return object_insert(Organisation(**fields), by=by)


def organisation_update(
    organisation: Organisation, /, *, by: Author, expected_version: int | None,
    **fields: Unpack[OrganisationFields],
) -> Organisation:
    """Change the fields given. An organisation located in a partnership's member moves
    only to a municipality of a partnership it is already in, so it never leaves for
    another partnership's town (or for none)."""
    if "municipality" in fields and organisation.municipality_id is not None:
        new = fields["municipality"]
        current = organisation.municipality
        assert current is not None
        before = _partnerships_of(current)
        if (new is None or new.pk != current.pk) and before and not (
            new is not None and before & _partnerships_of(new)
        ):
            raise ValidationError({"municipality": _(
                "Choose a member municipality of the organisation's partnership."
            )})
    return object_change(organisation, by=by, expected_version=expected_version, values=fields)
