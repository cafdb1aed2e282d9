"""Writes every app shares: translations, checked updates, publishing."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinplan.core.errors import EditConflict
from twinplan.core.languages import validate_content_language
from twinplan.core.models import PublishableModel, TranslatableModel, VersionedModel
from twinplan.core.translation import TranslationStatus, fingerprint

M = TypeVar("M", bound=models.Model)


def validated_save(obj: M) -> M:
    """Validate every field and model rule, then save; on a ValidationError nothing is saved."""
    obj.full_clean()
    obj.save()
    return obj


def translation_set(
    *, obj: TranslatableModel, field: str, language: str, text: str, status: str
) -> TranslatableModel:
    """Store `text` as the `language` version of `field`, remembering which original it
    was made from. Writing in the original language edits the original itself."""
    if field not in obj.translatable_fields:
        raise ValidationError(
            _("“%(field)s” is not a translatable field of %(model)s."),
            params={"field": field, "model": obj._meta.verbose_name},
        )
    validate_content_language(language)
    if status not in TranslationStatus.values:
        raise ValidationError(
            _("Unknown translation status “%(status)s”."), params={"status": status}
        )
    if language == obj.original_language:
        setattr(obj, field, text)
    else:
        translations = dict(obj.translations or {})
        fields = dict(translations.get(language, {}))
        if text.strip():
            fields[field] = {
                "text": text,
                "status": status,
                "source_fingerprint": fingerprint(getattr(obj, field) or ""),
            }
        else:
            fields.pop(field, None)
        translations[language] = fields
        obj.translations = {lang: f for lang, f in translations.items() if f}
    obj.full_clean()
    obj.save()
    return obj


def object_update(
    *, obj: M, expected_version: int | None = None, data: dict[str, Any],
    force_save: bool = False,
) -> M:
    """Apply `data` to `obj` after validation. With `expected_version`, refuse the save when
    another edit landed since (EditConflict); the version check and the write happen in one
    transaction with the row locked, so two saves cannot both pass it. When `data` holds
    what is stored already, nothing is written: the version stays and no history entry is
    made (`force_save` saves anyway, e.g. when only many-to-many links change)."""
    before = {name: getattr(obj, name) for name in data}
    if isinstance(obj, VersionedModel):
        before["version"] = obj.version
    try:
        with transaction.atomic():
            stored = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            current = stored.version if isinstance(stored, VersionedModel) else None
            if (current is not None and expected_version is not None
                    and current != expected_version):
                raise EditConflict(current_version=current, expected_version=expected_version)
            if not force_save and not _changes(stored, data):
                return obj
            if isinstance(obj, VersionedModel) and current is not None:
                obj.version = current + 1
            for name, value in data.items():
                setattr(obj, name, value)
            obj.full_clean()
            obj.save()
    except Exception:
        # Nothing was saved: the object in memory goes back to what the database holds.
        for name, value in before.items():
            setattr(obj, name, value)
        raise
    return obj


def _changes(stored: models.Model, data: dict[str, Any]) -> list[str]:
    """The names in `data` whose value differs from the stored object's (a related object
    compared by its key)."""
    changed = []
    for name, value in data.items():
        field = stored._meta.get_field(name)
        attname = getattr(field, "attname", name)
        new = value.pk if isinstance(value, models.Model) else value
        if getattr(stored, attname) != new:
            changed.append(name)
    return changed


def object_publish(*, obj: PublishableModel, published: bool = True) -> PublishableModel:
    obj.is_published = published
    obj.published_at = timezone.now() if published else None
    obj.save(update_fields=["is_published", "published_at"])
    return obj
