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

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date
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

from twinplan.accounts.models import ApiToken, User

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


# --- personal API tokens -----------------------------------------------------------------

API_TOKEN_PREFIX = "tp_"  # noqa: S105  (a marker, not a secret)
# How often the "last used" time of a token is written at most (not on every request).
API_TOKEN_TOUCH_SECONDS = 60


def _api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def api_token_create(
    *, user: User, by: User, name: str, read_only: bool = False,
    expires_on: date | None = None,
) -> tuple[ApiToken, str]:
    """A new token of `user` (made by the owner themselves): returns the token and its
    secret, which is shown this once and stored only as a hash. Refused for an inactive
    account, a blank name and an expiry date in the past."""
    if by.pk != user.pk:
        raise ValidationError(_("Only the owner makes their own tokens."))
    if not user.is_active:
        raise ValidationError(_("An inactive account cannot have API tokens."))
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the token a name.")
    if expires_on is not None and expires_on < timezone.localdate():
        errors["expires_on"] = _("The expiry date lies in the past.")
    if errors:
        raise ValidationError(errors)
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name.strip(), read_only=read_only, expires_on=expires_on,
        prefix=secret[: len(API_TOKEN_PREFIX) + 6], token_hash=_api_token_hash(secret),
    )
    token.full_clean()
    token.save()
    return token, secret


def api_token_revoke(token: ApiToken, /, *, by: User) -> ApiToken:
    """The token stops working at once; it stays listed as revoked. Only its owner (or a
    network admin) revokes it."""
    if by.pk != token.user_id and not (by.is_active and by.is_superuser):
        raise ValidationError(_("Only the owner revokes their tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked ones included."""
    return list(ApiToken.objects.filter(user=user))


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The token a secret belongs to, with its user, when it works: not revoked, not
    expired, and its owner's account active. None otherwise (whatever the reason, so that
    a caller learns nothing about other people's tokens)."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_api_token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.is_expired:
        return None
    now = timezone.now()
    if token.last_used_at is None or (
        (now - token.last_used_at).total_seconds() > API_TOKEN_TOUCH_SECONDS
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def user_set_active(user: User, /, *, by: User, active: bool) -> User:
    """Deactivate an account (it keeps its roles and content but may do nothing, see
    partnerships.permissions) or activate it again. Nobody deactivates their own account
    here, so a network is never left without its admin by accident."""
    if not active and user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user
