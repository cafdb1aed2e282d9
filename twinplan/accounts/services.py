"""Writes about people: creating a user, and a person's data exported or erased on request.

The export and the erasure find a person's rows without naming the apps above accounts:
every relation that points at the user (Django's model meta, hidden relations included)
and every e-mail field that holds the person's address (erasure deletes only the rows of
the e-mail fields listed in settings.PERSONAL_DATA_ERASED_BY_EMAIL). A relation that would
vanish with the user (on_delete=CASCADE: roles, groups) is the person's own and is erased;
one that outlives the user (SET_NULL or DO_NOTHING: authored entries, ideas, values,
history records) is shared content and keeps pointing at the anonymised row, which then
reads "a deleted user".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]
from django.apps import apps
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.accounts.models import User

# Relations kept on erasure although they cascade: the admin's own log of what was done.
KEPT_ON_ERASURE = {"admin.logentry"}
# Login records of django-axes: personal data (user name, IP address, browser), by name.
LOGIN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)
PROFILE_FIELDS = ("id", "username", "email", "first_name", "last_name", "display_name",
                  "language", "time_zone", "is_active", "is_staff", "is_superuser",
                  "date_joined", "last_login")


def user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    display_name: str = "",
    language: str = "en",
    time_zone: str = "Europe/Berlin",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user after validating every field and the password (Django's password
    validators); `password=None` makes a login-less user."""
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        language=language,
        time_zone=time_zone,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    user.full_clean(exclude=["password"])
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.error_list}) from None
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


# --- personal data: which rows are the person's -------------------------------------------


@dataclass(frozen=True)
class _Relation:
    model: type[models.Model]
    field_name: str
    cascades: bool

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field_name}"


def _relations() -> list[_Relation]:
    """Every foreign key to the user model, including hidden ones (`related_name="+"`) and
    the history records' `history_user`; many-to-many through tables included."""
    found = []
    for rel in User._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue
        found.append(_Relation(
            model=rel.related_model,  # type: ignore[arg-type]
            field_name=rel.field.name,
            cascades=rel.on_delete is models.CASCADE,
        ))
    return sorted(found, key=lambda relation: relation.key)


def _email_fields() -> list[tuple[type[models.Model], str]]:
    """Fields of other models that hold an e-mail address (e.g. an invitation's)."""
    return [
        (model, model_field.name)
        for model in apps.get_models()
        if model is not User
        for model_field in model._meta.concrete_fields
        if isinstance(model_field, models.EmailField)
    ]


def _email_fields_erased() -> list[tuple[type[models.Model], str]]:
    """The e-mail fields whose rows erasure deletes, as named in
    settings.PERSONAL_DATA_ERASED_BY_EMAIL ("app_label.model.field"): an explicit list, so
    that a new model with an e-mail field (say, an organisation's contact address) is not
    deleted by accident; a test fails until each e-mail field is decided on."""
    chosen = {name.lower() for name in settings.PERSONAL_DATA_ERASED_BY_EMAIL}
    return [(model, name) for model, name in _email_fields()
            if f"{model._meta.label_lower}.{name}" in chosen]


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return serializers.serialize("python", queryset.order_by("pk"))


# --- export -----------------------------------------------------------------------------------


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything kept about the person: the profile, each row that points at them (roles,
    invitations sent or accepted, authored progress entries, ideas, measured values,
    history records, machine-translation requests, admin log), invitations addressed to
    their e-mail address and their login records. JSON-serialisable (see
    `personal_data_export_json`)."""
    related: dict[str, list[dict[str, Any]]] = {}
    for relation in _relations():
        rows = _rows(relation.model._default_manager.filter(**{relation.field_name: user}))
        if rows:
            related[relation.key] = rows
    addressed: dict[str, list[dict[str, Any]]] = {}
    if user.email:
        for model, name in _email_fields():
            rows = _rows(model._default_manager.filter(**{f"{name}__iexact": user.email}))
            if rows:
                addressed[f"{model._meta.label_lower}.{name}"] = rows
    logins = {
        model._meta.label_lower: _rows(model._default_manager.filter(username=user.username))
        for model in LOGIN_RECORDS
    }
    return {
        "exported_at": timezone.now(),
        "profile": {name: getattr(user, name) for name in PROFILE_FIELDS},
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(user.user_permissions.values_list("codename", flat=True)),
        "related": related,
        "addressed_to_email": addressed,
        "login_records": {key: rows for key, rows in logins.items() if rows},
    }


def personal_data_export_json(*, user: User) -> str:
    return json.dumps(personal_data_export(user=user), cls=DjangoJSONEncoder, indent=2,
                      ensure_ascii=False)


# --- erasure ----------------------------------------------------------------------------------


@dataclass
class Erasure:
    user: User
    removed: dict[str, int] = field(default_factory=dict)


def user_erase(*, user: User, by: User | None = None) -> Erasure:
    """Anonymise the person's row instead of deleting it, so that history and authored
    content keep pointing at it and read "a deleted user": user name `deleted-<id>`,
    names and e-mail emptied, password unusable, inactive, no staff rights. Roles and
    other rows that belong to the person alone are removed, as are invitations addressed
    to their e-mail address and their login records. Refuses an already erased user and
    one erasing themselves."""
    if user.erased_at is not None:
        raise ValidationError(_("The personal data of this user were already erased."))
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("You cannot erase your own account."))
    erasure = Erasure(user=user)
    with transaction.atomic():
        for relation in _relations():
            if not relation.cascades or relation.model._meta.label_lower in KEPT_ON_ERASURE:
                continue
            count, _by_model = relation.model._default_manager.filter(
                **{relation.field_name: user}).delete()
            if count:
                erasure.removed[relation.key] = count
        if user.email:
            for model, name in _email_fields_erased():
                count, _by_model = model._default_manager.filter(
                    **{f"{name}__iexact": user.email}).delete()
                if count:
                    erasure.removed[f"{model._meta.label_lower}.{name}"] = count
        for model in LOGIN_RECORDS:
            count, _by_model = model._default_manager.filter(username=user.username).delete()
            if count:
                erasure.removed[model._meta.label_lower] = count
        user.username = f"deleted-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.display_name = ""
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.erased_at = timezone.now()
        # Not full_clean: an erased row is deliberately no valid login (no e-mail).
        user.save()
    return erasure
