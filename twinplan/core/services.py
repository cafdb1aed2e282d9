"""Writes every app shares: translations, checked updates, publishing."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from twinplan.core.guards import write_allowed
from twinplan.core.languages import content_language_name, validate_content_language
from twinplan.core.models import TranslatableModel
from twinplan.core.translation import TranslationStatus, field_label, fingerprint

M = TypeVar("M", bound=models.Model)


def validated_save(obj: M) -> M:
    """Validate every field and model rule, then save; on a ValidationError nothing is saved."""
    obj.full_clean()
    obj.save()
    return obj


class TranslationConflict(Exception):
    """Someone else changed a translation after the editor loaded it. `current` is the
    object as it is now; `fields` are the fields whose translation changed meanwhile."""

    def __init__(self, *, current: TranslatableModel, language: str, fields: list[str]) -> None:
        self.current = current
        self.language = language
        self.fields = fields
        super().__init__(
            f"The {language} translation of {', '.join(fields)} changed since it was loaded."
        )


@dataclass(frozen=True)
class TranslationEdit:
    """One field's new translation. `expected` is the `translation_token` of the
    translation the edit started from (None: no check); `source_fingerprint` that of the
    original the translator saw (None: the original as it is now)."""

    field: str
    text: str
    status: str
    expected: str | None = None
    source_fingerprint: str | None = None


NO_TRANSLATION = "none"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


def _stored_entry(obj: TranslatableModel, field: str, language: str) -> dict[str, Any] | None:
    entry = (obj.translations or {}).get(language, {}).get(field)
    return entry if isinstance(entry, dict) and entry.get("text") else None


def translation_token(obj: TranslatableModel, field: str, language: str) -> str:
    """A short digest of the stored `language` translation of `field` (its text and
    status), or "none" when there is none: what an editor carries to notice that someone
    else changed that translation meanwhile."""
    entry = _stored_entry(obj, field, language)
    if entry is None:
        return NO_TRANSLATION
    payload = json.dumps([entry.get("text"), entry.get("status")], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _check_edit(obj: TranslatableModel, edit: TranslationEdit) -> None:
    if edit.field not in obj.translatable_fields:
        raise ValidationError(
            _("“%(field)s” is not a translatable field of %(model)s."),
            params={"field": edit.field, "model": obj._meta.verbose_name},
        )
    if edit.status not in TranslationStatus.values:
        raise ValidationError(
            _("Unknown translation status “%(status)s”."), params={"status": edit.status}
        )
    if edit.source_fingerprint is not None and not _FINGERPRINT.match(edit.source_fingerprint):
        raise ValidationError(_("The form was damaged; please load the page again."))
    model_field = obj._meta.get_field(edit.field)
    if edit.text.strip() and isinstance(model_field, models.Field):
        try:
            model_field.run_validators(edit.text)
        except ValidationError as error:
            raise ValidationError(
                _("%(field)s: %(problem)s"),
                params={"field": field_label(obj, edit.field), "problem": " ".join(error.messages)},
            ) from error


def _check_edits(obj: TranslatableModel, language: str, edits: Sequence[TranslationEdit]) -> None:
    validate_content_language(language)
    if language == obj.original_language:
        raise ValidationError(
            _("%(language)s is the original language of this text; edit the original instead."),
            params={"language": content_language_name(language)},
        )
    for edit in edits:
        _check_edit(obj, edit)


def translations_for_new(
    *, obj: TranslatableModel, language: str, edits: Sequence[TranslationEdit]
) -> None:
    """Put the translations of `edits` into `language` on `obj`, an object not saved yet
    (a batch writes them with the object and its one history record), checked as
    `translations_set` checks them; a ValidationError otherwise. Empty texts are no
    translation."""
    _check_edits(obj, language, edits)
    translations = copy.deepcopy(obj.translations or {})
    fields = dict(translations.get(language, {}))
    for edit in edits:
        if edit.text.strip():
            fields[edit.field] = {
                "text": edit.text, "status": edit.status,
                "source_fingerprint": edit.source_fingerprint
                or fingerprint(getattr(obj, edit.field) or ""),
            }
    if fields:
        translations[language] = fields
    obj.translations = {lang: f for lang, f in translations.items() if f}


def translations_set(
    *, obj: TranslatableModel, language: str, edits: Sequence[TranslationEdit]
) -> int:
    """Store translations of several fields of `obj` into `language` in one save, writing
    only the `translations` of the row, never its originals or its version. The row is
    locked and read afresh; when an edit's `expected` token no longer matches the stored
    translation, nothing is saved (TranslationConflict). Returns how many translations
    changed; when none did, nothing is saved and no history is recorded."""
    _check_edits(obj, language, edits)
    write_allowed(obj)
    model = type(obj)
    with transaction.atomic():
        fresh = model._default_manager.select_for_update().filter(pk=obj.pk).first()
        if fresh is None:
            raise ValidationError(
                _("The %(kind)s was deleted meanwhile; nothing was saved."),
                params={"kind": model._meta.verbose_name},
            )
        if language == fresh.original_language:
            raise ValidationError(
                _("%(language)s is the original language of this text; edit the original "
                  "instead."),
                params={"language": content_language_name(language)},
            )
        conflicts = [
            edit.field for edit in edits
            if edit.expected is not None
            and translation_token(fresh, edit.field, language) != edit.expected
        ]
        if conflicts:
            raise TranslationConflict(current=fresh, language=language, fields=conflicts)
        translations = copy.deepcopy(fresh.translations or {})
        fields = dict(translations.get(language, {}))
        changed = 0
        for edit in edits:
            before = fields.get(edit.field)
            if edit.text.strip():
                source = edit.source_fingerprint or fingerprint(getattr(fresh, edit.field) or "")
                entry: dict[str, Any] | None = {
                    "text": edit.text, "status": edit.status, "source_fingerprint": source,
                }
            else:
                entry = None
            if entry == before or (entry is None and edit.field not in fields):
                continue
            if entry is None:
                fields.pop(edit.field, None)
            else:
                fields[edit.field] = entry
            changed += 1
        if not changed:
            return 0
        translations[language] = fields
        fresh.translations = {lang: f for lang, f in translations.items() if f}
        # Who and why, for django-simple-history, as the caller set them on its object.
        for attribute in ("_history_user", "_change_reason"):
            if hasattr(obj, attribute):
                setattr(fresh, attribute, getattr(obj, attribute))
        fresh.full_clean()
        update_fields = ["translations"]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            update_fields.append("updated_at")
        fresh.save(update_fields=update_fields)
    # The caller's object shows the stored translations; its other fields stay as they were.
    for name in update_fields:
        setattr(obj, name, getattr(fresh, name))
    return changed


def translation_set(
    *,
    obj: TranslatableModel,
    field: str,
    language: str,
    text: str,
    status: str,
    expected: str | None = None,
    source_fingerprint: str | None = None,
) -> TranslatableModel:
    """Store `text` as the `language` version of `field`, remembering which original it
    was made from (see `translations_set`). Writing in the original language edits the
    original itself."""
    validate_content_language(language)
    if language != obj.original_language:
        translations_set(obj=obj, language=language, edits=[TranslationEdit(
            field=field, text=text, status=status, expected=expected,
            source_fingerprint=source_fingerprint,
        )])
        return obj
    _check_edit(obj, TranslationEdit(field=field, text=text, status=status))
    write_allowed(obj)
    setattr(obj, field, text)
    obj.full_clean()
    obj.save()
    return obj




# --- content languages ------------------------------------------------------------------


def _is_script_code(script: str) -> bool:
    """An ISO 15924 code that the CLDR data names (Latn, Cyrl, Arab …): four letters of
    the right shape are not enough ("Abcd" is no script)."""
    from babel import Locale

    return bool(re.fullmatch(r"[A-Za-z]{4}", script)) and script.title() in Locale("en").scripts


def content_language_add(
    *, by: Any, code: str, name: str = "", script: str = "", direction: str = ""
) -> Any:
    """A further content language, usable at once: any language Babel knows, its name,
    script and direction defaulting to Babel's. Refused with a message at the field for an
    unknown code, a language already there or a malformed script."""
    from twinplan.core.languages import (
        content_language_codes,
        forget_content_languages,
        language_defaults,
    )
    from twinplan.core.models import ContentLanguage

    defaults = language_defaults(code)
    if defaults is None:
        raise ValidationError({"code": _(
            "“%(code)s” is not a language code known to the CLDR data (e.g. es, fr, ar, uk)."
        ) % {"code": code}})
    if defaults.code in content_language_codes():
        raise ValidationError({"code": _("“%(code)s” is a content language already.")
                               % {"code": defaults.code}})
    script = (script or defaults.script).strip()
    if not _is_script_code(script):
        raise ValidationError({"script": _(
            "A script is four letters from ISO 15924, such as Latn, Cyrl or Arab."
        )})
    language = ContentLanguage(
        code=defaults.code, name=(name or defaults.autonym).strip(),
        script=script.title(), direction=direction or defaults.direction, added_by=by,
    )
    language._history_user = by  # type: ignore[attr-defined]
    with transaction.atomic():
        validated_save(language)
        forget_content_languages()
    return language


def content_language_uses(code: str) -> list[str]:
    """Where the content language `code` is in use, as names for a message ("measures",
    "partnerships (working language)"); empty when it may be removed. Asks every model
    whose fields are checked as content languages, so a new app is covered by its
    validators alone."""
    from django.apps import apps

    from twinplan.core.languages import validate_content_languages

    uses: list[str] = []
    for model in apps.get_models():
        if (model._meta.model_name or "").startswith("historical"):  # the history keeps old values
            continue
        manager = model._default_manager
        plural = str(model._meta.verbose_name_plural)
        for field in model._meta.concrete_fields:
            if validate_content_language in field.validators:
                if manager.filter(**{field.name: code}).exists():
                    uses.append(plural)
            elif validate_content_languages in field.validators and any(
                code in (codes or [])
                for codes in manager.values_list(field.name, flat=True).iterator()
            ):
                uses.append(_("%(kind)s (%(field)s)")
                                % {"kind": plural, "field": field.verbose_name})
        if issubclass(model, TranslatableModel) and manager.filter(
            translations__has_key=code
        ).exists():
            uses.append(_("translations of %(kind)s") % {"kind": plural})
    return sorted(set(uses))


def content_language_update(
    language: Any, *, by: Any, name: str, script: str, direction: str
) -> Any:
    """Rename an added content language or correct its script or direction (its code stays:
    content refers to it). Recorded in its history; usable at once."""
    from twinplan.core.languages import forget_content_languages

    script = script.strip()
    if not _is_script_code(script):
        raise ValidationError({"script": _(
            "A script is four letters from ISO 15924, such as Latn, Cyrl or Arab."
        )})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("The language needs its name.")})
    with transaction.atomic():
        language = type(language)._default_manager.select_for_update().get(pk=language.pk)
        language.name = name
        language.script = script.title()
        language.direction = direction
        language.full_clean()
        language._history_user = by
        language.save()
        forget_content_languages()
    return language


def content_language_remove(language: Any, *, by: Any) -> None:
    """Remove an added content language; refused with a message naming what still uses it
    (content written or translated in it, a partnership or town working in it)."""
    from twinplan.core.languages import forget_content_languages

    uses = content_language_uses(language.code)
    if uses:
        raise ValidationError(
            _("%(language)s is still used by: %(uses)s. Nothing was removed.")
            % {"language": language.name, "uses": ", ".join(uses)},
            code="in_use",
        )
    with transaction.atomic():
        language._history_user = by
        language.delete()
        forget_content_languages()
