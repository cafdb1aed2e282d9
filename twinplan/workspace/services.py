"""Writes of the workspace: content of any kind in the registry (invitations:
`twinplan.partnerships.services`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.models import TranslatableModel
from twinplan.core.services import object_update, validated_save
from twinplan.partnerships.models import Partnership, PartnershipRole
from twinplan.programmes.models import ProgressEntry
from twinplan.programmes.services import progress_entry_add


def author_language(*, user: User, partnership: Partnership) -> str:
    """The default original language of what `user` writes: the first working language of
    the municipality they act for, else of their organisation's municipality, else the
    partnership's original language."""
    roles = PartnershipRole.objects.filter(user=user, partnership=partnership).select_related(
        "municipality", "organisation__municipality"
    )
    for role in roles:
        municipality = role.municipality or (
            role.organisation.municipality if role.organisation else None
        )
        if municipality is not None and municipality.first_language:
            return municipality.first_language
    return partnership.original_language


@transaction.atomic
def content_create(*, obj: Model, m2m: dict[str, Any]) -> Model:
    """Save a new object of any workspace kind with its many-to-many links, validated
    first; on a ValidationError nothing is saved. Kinds whose creation has consequences go
    through their domain service."""
    if isinstance(obj, ProgressEntry):
        return progress_entry_add(
            measure=obj.measure, text=obj.text, kind=obj.kind, date=obj.date,
            progress_percent=obj.progress_percent, author=obj.author,
            organisation=obj.organisation, original_language=obj.original_language,
        )
    validated_save(obj)
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    return obj


@transaction.atomic
def content_update(
    *, obj: Model, data: dict[str, Any], m2m: dict[str, Any], expected_version: int | None
) -> Model:
    """Apply an edit; for versioned kinds refuse it (EditConflict) when someone else saved
    since `expected_version`."""
    object_update(obj=obj, expected_version=expected_version, data=data)
    for name, values in m2m.items():
        getattr(obj, name).set(values)
    return obj


def content_delete(*, obj: Model) -> None:
    """Delete, or explain what still depends on the object."""
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as error:
        names = sorted({str(protected) for protected in error.protected_objects})[:5]
        raise ValidationError(
            _("It cannot be deleted while these refer to it: %(names)s."),
            params={"names": ", ".join(names)},
        ) from error


def prepare_new(
    *, model: type[Model], user: User, partnership: Partnership, fields: dict[str, Any]
) -> Model:
    """An unsaved object with its parent, author and original language filled in, for a
    form to validate."""
    obj = model(**fields)
    if isinstance(obj, TranslatableModel) and "original_language" not in fields:
        obj.original_language = author_language(user=user, partnership=partnership)
    return obj
