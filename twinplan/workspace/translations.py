"""The translation workspace: what is missing or outdated in each working language, and the
side-by-side editor of an object's original and its translation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan.accounts.models import User
from twinplan.core.errors import EditConflict
from twinplan.core.languages import content_language_name
from twinplan.core.models import TranslatableModel
from twinplan.core.services import object_update, translation_set
from twinplan.core.translation import (
    TranslatedText,
    TranslationState,
    TranslationStatus,
    field_label,
    translated,
    translation_state,
)
from twinplan.glossary.selectors import FoundTerm, glossary_for, terms_in_text
from twinplan.machinetranslation.backends import (
    MachineTranslationNotConfigured,
    machine_translation_available,
)
from twinplan.machinetranslation.selectors import latest_jobs_for_objects
from twinplan.machinetranslation.services import machine_translation_request
from twinplan.partnerships.models import Partnership
from twinplan.workspace import permissions as rules
from twinplan.workspace.forms import unify_line_breaks
from twinplan.workspace.registry import KINDS, Kind
from twinplan.workspace.views import _kind, _object, _partnership, save_failed, show_errors

OPEN_STATES = ("missing", "outdated", "machine")


@dataclass(frozen=True)
class TranslationRow:
    kind: Kind
    obj: Any
    field: str
    field_label: str
    original: str
    state: str  # missing, outdated, machine, human, reviewed
    text: TranslatedText


def _state(obj: TranslatableModel, field: str, language: str) -> tuple[str, TranslatedText]:
    text = translated(obj, field, language)
    state = translation_state(obj, field, language)
    if state == TranslationState.MISSING:
        return "missing", text
    if state == TranslationState.OUTDATED:
        return "outdated", text
    return (text.status or TranslationStatus.HUMAN), text


def translatable_kinds() -> list[Kind]:
    return [kind for kind in KINDS.values() if issubclass(kind.model, TranslatableModel)]


def translation_rows(partnership: Partnership, language: str) -> list[TranslationRow]:
    """Every translatable text of the partnership not written in `language`, with the state
    of its translation into it. One query per kind, whatever the amount of content."""
    rows = []
    for kind in translatable_kinds():
        for obj in kind.in_partnership(partnership):
            if obj.original_language == language:
                continue
            for field in obj.translatable_fields:
                original = getattr(obj, field) or ""
                if not original.strip():
                    continue
                state, text = _state(obj, field, language)
                rows.append(TranslationRow(
                    kind=kind, obj=obj, field=field,
                    field_label=field_label(obj, field),
                    original=original, state=state, text=text,
                ))
    return rows


def _glossary_hits(
    partnership: Partnership, obj: TranslatableModel, language: str
) -> list[FoundTerm]:
    """The glossary terms that occur in the object's original texts, with their entry in
    the target language, for the translator."""
    glossary = glossary_for(partnership, language)
    text = "\n".join(getattr(obj, field) or "" for field in obj.translatable_fields)
    return terms_in_text(text, obj.original_language, glossary)


def _languages(partnership: Partnership) -> list[str]:
    return list(partnership.working_languages) or ["en"]


@login_required
def translations_overview(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not rules.may_read(access):
        raise PermissionDenied(_("You may not read this partnership's translations."))
    languages = _languages(partnership)
    language = request.GET.get("language") or languages[-1]
    if language not in languages:
        raise Http404("Not a working language of this partnership.")
    wanted = request.GET.get("state", "open")
    rows = translation_rows(partnership, language)
    counts = Counter(row.state for row in rows)
    shown = [r for r in rows if wanted == "all" or r.state == wanted
             or (wanted == "open" and r.state in OPEN_STATES)]
    return render(request, "workspace/translations.html", {
        "partnership": partnership,
        "access": access,
        "languages": [(code, content_language_name(code)) for code in languages],
        "language": language,
        "state": wanted,
        "counts": counts,
        "rows": shown,
        "total": len(rows),
    })


class TranslationForm(forms.Form):
    """For each translatable field: the original, the translation, and 'reviewed'."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, obj: TranslatableModel, language: str, can_review: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.obj, self.language = obj, language
        self.field_names = list(obj.translatable_fields)
        if hasattr(obj, "version"):
            self.fields["version"].initial = obj.version
        for name in self.field_names:
            model_field = obj._meta.get_field(name)
            text = translated(obj, name, language)
            label = field_label(obj, name).capitalize()
            self.fields[f"original__{name}"] = forms.CharField(
                label=_("%(field)s — original (%(language)s)") % {
                    "field": label, "language": content_language_name(obj.original_language)},
                initial=getattr(obj, name), required=not getattr(model_field, "blank", True),
                widget=forms.Textarea(attrs={"rows": 3, "lang": obj.original_language}),
            )
            self.fields[f"translation__{name}"] = forms.CharField(
                label=_("%(field)s — %(language)s") % {
                    "field": label, "language": content_language_name(language)},
                initial="" if text.is_original else text.text, required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": language}),
            )
            if can_review:
                self.fields[f"reviewed__{name}"] = forms.BooleanField(
                    label=gettext_lazy("Reviewed"), required=False,
                    initial=text.status == TranslationStatus.REVIEWED and not text.is_outdated,
                )

    def clean(self) -> dict[str, Any]:
        super().clean()
        return unify_line_breaks(self.cleaned_data)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "original": self[f"original__{name}"],
                "translation": self[f"translation__{name}"],
                "reviewed": self[f"reviewed__{name}"] if f"reviewed__{name}" in self.fields
                else None,
                "text": translated(self.obj, name, self.language),
                "state": _state(self.obj, name, self.language)[0],
            }
            for name in self.field_names
        ]


@transaction.atomic
def translation_save(*, obj: TranslatableModel, language: str, data: dict[str, Any],
                     expected_version: int | None) -> int:
    """Apply edited originals first (with the version check), then the translations, so a
    translation written next to its new original counts as current. Returns how many
    translations changed."""
    originals = {
        name: data[f"original__{name}"]
        for name in obj.translatable_fields
        if data[f"original__{name}"] != (getattr(obj, name) or "")
    }
    if originals:
        object_update(obj=obj, expected_version=expected_version, data=originals)
    changed = 0
    for name in obj.translatable_fields:
        new_text = data[f"translation__{name}"]
        before = translated(obj, name, language)
        old_text = "" if before.is_original else before.text
        reviewed = bool(data.get(f"reviewed__{name}"))
        if reviewed and new_text.strip():
            status = TranslationStatus.REVIEWED
        elif new_text != old_text:
            status = TranslationStatus.HUMAN
        else:
            continue
        if status == before.status and new_text == old_text and not before.is_outdated:
            continue
        translation_set(obj=obj, field=name, language=language, text=new_text, status=status)
        changed += 1
    return changed


def _after_conflict(obj: Any, mine: dict[str, Any], submitted: Any, started_version: int
                    ) -> Any:
    """The input to give back after a refused save: the current originals where the person
    left them as loaded, their own edits where they changed them, their translations, and
    the current version."""
    history = getattr(obj, "history", None)
    started = (history.filter(version=started_version).order_by("-history_date").first()
               if history is not None else None)
    data = submitted.copy()
    for name in obj.translatable_fields:
        current = getattr(obj, name) or ""
        before = (getattr(started, name) or "") if started is not None else current
        if mine[f"original__{name}"] == before:
            data[f"original__{name}"] = current
    data["version"] = str(obj.version)
    return data


@login_required
def translation_edit(request: HttpRequest, slug: str, kind_name: str, pk: int,
                     language: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    obj = _object(kind, partnership, pk)
    if not issubclass(kind.model, TranslatableModel):
        raise Http404("This kind has no translatable text.")
    if not rules.may_edit(request.user, access, kind, obj):
        raise PermissionDenied(_("You may not translate this."))
    if language not in _languages(partnership) or language == obj.original_language:
        raise Http404("Not a language to translate this into.")
    if request.method == "POST" and request.POST.get("action") == "machine":
        return _request_machine_translation(request, obj, language)
    form = TranslationForm(request.POST or None, obj=obj, language=language,
                           can_review=access.edit)
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            changed = translation_save(
                obj=obj, language=language, data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict as error:
            obj = kind.model._default_manager.get(pk=obj.pk)
            form = TranslationForm(
                _after_conflict(obj, form.cleaned_data, request.POST, error.expected_version),
                obj=obj, language=language, can_review=access.edit,
            )
            form.is_valid()
            messages.warning(request, _(
                "Someone else changed the original while you were translating. Nothing was "
                "saved yet: the form holds the current original with your own changes on "
                "top, and your translations. Check them and save again."))
            status = 409
        except ValidationError as error:
            show_errors(form, error)
        except DatabaseError as error:
            save_failed(request, form, error)
            status = 503
        else:
            messages.success(request, _("%(count)s translation(s) saved.") % {"count": changed})
            return redirect(
                reverse("workspace:translations", args=[partnership.slug])
                + f"?language={language}"
            )
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    jobs = latest_jobs_for_objects([(type(obj), obj.pk)])
    return render(request, "workspace/translation_edit.html", {
        "partnership": partnership,
        "kind": kind,
        "object": obj,
        "language": language,
        "language_name": content_language_name(language),
        "form": form,
        "machine_available": machine_translation_available(),
        "jobs": {field: jobs.get((label, obj.pk, field, language))
                 for field in obj.translatable_fields},
        "glossary": _glossary_hits(partnership, obj, language),
    }, status=status if request.method == "POST" else 200)


def _request_machine_translation(
    request: HttpRequest, obj: TranslatableModel, language: str
) -> HttpResponse:
    """Queue machine translations of the fields that have none (a person's translation is
    never replaced); the page then shows each job's state."""
    try:
        jobs = machine_translation_request(
            obj=obj, fields=obj.translatable_fields, target_languages=[language],
            requested_by=request.user if isinstance(request.user, User) else None,
        )
    except MachineTranslationNotConfigured as error:
        messages.error(request, error.message)
    else:
        if jobs:
            messages.success(request, _("%(count)s machine translation(s) requested.")
                             % {"count": len(jobs)})
        else:
            messages.info(request, _("Every field already has a translation."))
    return redirect(request.path)
