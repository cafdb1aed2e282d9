"""What the workspace adds to the apps' services: the author's default language, unsaved
objects for forms, and restoring from the history through a kind's update service
(invitations: `twinplan.partnerships.services`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.models import TranslatableModel
from twinplan.partnerships.models import Partnership, PartnershipRole


def author_language(*, user: User, partnership: Partnership) -> str:
    """The default original language of what `user` writes: their profile language when
    it is one of the partnership's working languages, else the first working language of
    the municipality they act for, else of their organisation's municipality, else the
    partnership's original language."""
    if user.language and user.language in (partnership.working_languages or []):
        return user.language
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


def prepare_new(
    *, model: type[Model], user: User, partnership: Partnership, fields: dict[str, Any]
) -> Model:
    """An unsaved object with its parent, author and original language filled in, for a
    form to validate."""
    obj = model(**fields)
    if isinstance(obj, TranslatableModel) and "original_language" not in fields:
        obj.original_language = author_language(user=user, partnership=partnership)
    return obj


# --- restoring from the history --------------------------------------------------------------


def restorable_fields(kind: Any) -> list[str]:
    """The fields of a kind that a restore may set: those its form shows and its update
    service takes, except many-to-many links (the history does not keep them)."""
    names = []
    for name in kind.form._meta.fields or ():
        field = kind.model._meta.get_field(name)
        if field.concrete and not field.many_to_many and name not in kind.computed_fields:
            names.append(name)
    return names


def history_restore(
    *, kind: Any, obj: Model, record_id: int, by: User, expected_version: int | None,
    field: str | None = None,
) -> Model:
    """Set one field (`field`) or every restorable field back to its value in the history
    record `record_id` of `obj`, through the kind's update service, so the restore is an
    edit like any other: validated, versioned and itself recorded."""
    record = obj.history.filter(history_id=record_id).first()  # type: ignore[attr-defined]
    if record is None:
        raise ValidationError(_("That entry is not in this object's history."))
    allowed = restorable_fields(kind)
    if field is not None and field not in allowed:
        raise ValidationError(_("This field cannot be restored."))
    values: dict[str, Any] = {}
    for name in [field] if field else allowed:
        model_field = kind.model._meta.get_field(name)
        value = getattr(record, model_field.attname)
        if model_field.is_relation and value is not None:
            related = model_field.related_model._default_manager.filter(pk=value).first()
            if related is None:
                raise ValidationError(
                    _("%(field)s cannot be restored: what it named has been deleted."),
                    params={"field": capfirst(str(model_field.verbose_name))},
                )
            value = related
        values[name] = value
    result: Model = kind.services.update(
        obj, by=by, expected_version=expected_version, **values
    )
    return result
