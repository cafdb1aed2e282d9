"""The translation workspace: what is missing or outdated in each working language, and the
side-by-side editor of an object's original and its translation."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import F, IntegerField, JSONField, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from twinplan.accounts.models import User
from twinplan.core.languages import content_language_name
from twinplan.core.models import TranslatableModel
from twinplan.core.paging import page_nearest
from twinplan.core.services import (
    TranslationConflict,
    TranslationEdit,
    translation_token,
    translations_set,
)
from twinplan.core.templatetags.twinplan import html_lang
from twinplan.core.translation import (
    TranslatedText,
    TranslationStatus,
    field_label,
    fingerprint,
    translated,
    translation_status,
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
from twinplan.workspace.views import _kind, _object, _partnership, save_failed

OPEN_STATES = ("missing", "outdated", "machine")


@dataclass(frozen=True, slots=True)
class TranslationText:
    """One translatable text of the partnership (a field of an object, not empty, written
    in another language than the one asked for), with the state of its translation."""

    kind: Kind
    pk: int
    field: str
    original: str
    state: str  # missing, outdated, machine, human, reviewed
    # What `translated` reads of the object (original language, translations, texts): the
    # text in the language is made only for the rows shown.
    source: Any


@dataclass(frozen=True)
class TranslationRow:
    """A text as the workspace's table shows it: with its object, its cells as shown and,
    where the user may translate it, the editor's address."""

    kind: Kind
    obj: Any
    field: str
    field_label: str
    original: str
    state: str  # missing, outdated, machine, human, reviewed
    source: Any  # what `translated` reads (TranslationText.source)
    language: str
    url: str = ""  # the translation editor's, when the user may translate the text
    what: str = ""  # "Measure: M1 Solar roofs"
    name: str = ""  # str(obj)
    lang: str = ""  # the original's language as a lang attribute
    original_shown: str = ""  # the original, shortened
    state_label: str = ""

    @property
    def can_translate(self) -> bool:
        return bool(self.url)

    @cached_property
    def text(self) -> TranslatedText:
        """The text in the language as a reader sees it (made when asked: the table does
        not show it)."""
        return translated(self.source, self.field, self.language)


def _shortened(text: str, length: int = 90) -> str:
    """As `|truncatechars:90` (which gives the text in NFC); a text that short already is
    not handed to the (lazy, slower) Truncator."""
    if len(text) <= length:
        return unicodedata.normalize("NFC", text)
    return Truncator(text).chars(length)


def _state_labels() -> dict[str, str]:
    """The states' names as the table shows them, in the active language."""
    return {"missing": _("missing"), "outdated": _("outdated"),
            "machine": _("machine-translated"), "human": _("translated by a person"),
            "reviewed": _("reviewed")}


def translatable_kinds() -> list[Kind]:
    return [kind for kind in KINDS.values() if issubclass(kind.model, TranslatableModel)]


class _Texts:
    """The columns of one object that `translated` reads (its original language, its
    translations and its translatable fields), without the model instance."""

    def __init__(self, original_language: str, translations: Any, texts: dict[str, str]):
        self.original_language = original_language
        self.translations = translations
        self.__dict__.update(texts)


def _text_columns(kinds: list[Kind]) -> int:
    return max(len(kind.model.translatable_fields) for kind in kinds)  # type: ignore[attr-defined]


# The statement of `_texts_query`, compiled once per database connection (building the
# UNION of every kind costs far more than running it), for a partnership pk that no
# partnership has, replaced by the real one in the parameters.
_UNSET_PK = 2_147_480_000
_TEXTS_SQL: dict[tuple[str, str], tuple[str, tuple[Any, ...]]] = {}


def _texts_query(partnership_pk: int, kinds: list[Kind]) -> QuerySet[Any]:
    """The translatable columns of every object of the partnership, of every kind, in one
    statement (UNION ALL): kind number, pk, original language, translations and the texts
    (NULL where a kind has fewer translatable fields)."""
    width = _text_columns(kinds)
    parts = []
    for number, kind in enumerate(kinds):
        fields = list(kind.model.translatable_fields)  # type: ignore[attr-defined]
        columns: dict[str, Any] = {
            "kind_number": Value(number, output_field=IntegerField()),
            "object_pk": F("pk"),
            "language": F("original_language"),
            "texts": F("translations"),
        }
        for i in range(width):
            columns[f"text_{i}"] = (Cast(F(fields[i]), TextField()) if i < len(fields)
                                    else Cast(Value(None), TextField()))
        manager = kind.model._default_manager
        # As Kind.in_partnership, without its DISTINCT (a town is in a partnership once).
        ours = manager.filter(**{kind.partnership_path or "pk": partnership_pk})
        if "__" in kind.partnership_path and "memberships" in kind.partnership_path:
            ours = manager.filter(pk__in=ours.order_by().values("pk"))
        parts.append(ours.order_by().values(**columns))
    first, *others = parts
    return first.union(*others, all=True).order_by("kind_number", "object_pk")


def _texts_rows(partnership: Partnership, kinds: list[Kind]) -> list[tuple[Any, ...]]:
    key = (connection.alias, connection.vendor)
    if key not in _TEXTS_SQL:
        sql, params = _texts_query(_UNSET_PK, kinds).query.sql_with_params()
        if params.count(_UNSET_PK) != len(kinds):
            raise AssertionError("The partnership's pk is not found once per kind.")
        _TEXTS_SQL[key] = (sql, tuple(params))
    sql, params = _TEXTS_SQL[key]
    with connection.cursor() as cursor:
        cursor.execute(sql, [partnership.pk if p == _UNSET_PK else p for p in params])
        return list(cursor.fetchall())


# The language Serbian in one script is also read from (core.translation: transliterated).
_OTHER_SCRIPT = {"sr": ("sr-latn",), "sr-latn": ("sr",)}


def translation_texts(partnership: Partnership, language: str) -> list[TranslationText]:
    """Every translatable text of the partnership not written in `language`, with the state
    of its translation into it, worked out once per text. One query, whatever the amount
    of content and the number of kinds."""
    kinds = translatable_kinds()
    column = Partnership._meta.get_field("translations")
    assert isinstance(column, JSONField)
    # The keys a translation into `language` is read from (Serbian from either script): an
    # object whose stored JSON names none of them has no translation into it, and its JSON
    # is not decoded (most objects, in a partnership of several languages).
    keys = [json.dumps(key) for key in (language, *_OTHER_SCRIPT.get(language, ()))]
    texts = []
    for kind_number, pk, original_language, translations, *columns in _texts_rows(
            partnership, kinds):
        if original_language == language:
            continue
        kind = kinds[kind_number]
        fields = kind.model.translatable_fields
        values = {field: columns[i] or "" for i, field in enumerate(fields)}
        if translations in ("{}", None) or (
                isinstance(translations, str) and not any(key in translations for key in keys)):
            translations = {}
        elif isinstance(translations, str):
            translations = json.loads(translations, cls=column.decoder)
        holder: Any = _Texts(original_language, translations, values)
        for field in fields:
            original = values[field]
            if not original.strip():
                continue
            texts.append(TranslationText(
                kind=kind, pk=pk, field=field, original=original,
                state=translation_status(holder, field, language), source=holder))
    return texts


# What the table needs of each kind's objects besides their own columns: what `str()`
# names (a baseline's and a risk's town, an adaptation's measure) and what the permission
# rules read (the town whose own data a fact or a risk is).
_RELATED_FOR_ROWS = {
    "fact": ("municipality",),
    "baseline": ("municipality",),
    "risk": ("municipality",),
    "adaptation": ("measure",),
}


def translation_rows_shown(
    partnership: Partnership, texts: list[TranslationText], language: str,
    can_translate: Callable[[Kind, Any], bool],
) -> list[TranslationRow]:
    """The rows of one page of texts with their objects: one query per kind on the page
    (none for the partnership itself), not per row."""
    wanted: dict[Kind, set[int]] = {}
    for text in texts:
        wanted.setdefault(text.kind, set()).add(text.pk)
    objects: dict[tuple[str, int], Any] = {}
    for kind, pks in wanted.items():
        if kind.model is Partnership:
            objects[(kind.name, partnership.pk)] = partnership
            continue
        # The partnership's own objects only; a town in it twice counts once (by pk).
        found = kind.model._default_manager.filter(
            **{kind.partnership_path: partnership}, pk__in=pks,
        ).select_related(*_RELATED_FOR_ROWS.get(kind.name, ())).order_by()
        objects.update(((kind.name, obj.pk), obj) for obj in found)
    # The editor's address reversed once per kind, the pk put in per row.
    addresses = {kind.name: reverse("workspace:translation_edit", args=[
        partnership.slug, kind.name, _UNSET_PK, language]) for kind in wanted}
    # Labels, names and addresses made once per page, kind or object, not per row.
    states = _state_labels()
    kind_labels = {kind.name: capfirst(str(kind.label)) for kind in wanted}
    field_labels: dict[tuple[str, str], str] = {}
    made: dict[tuple[str, int], tuple[str, str, str]] = {}  # url, name, lang
    rows = []
    for text in texts:
        key = (text.kind.name, text.pk)
        obj = objects.get(key)
        if obj is None:  # deleted between the two reads
            continue
        if key not in made:
            url = addresses[text.kind.name].replace(
                f"/{_UNSET_PK}/", f"/{text.pk}/") if can_translate(text.kind, obj) else ""
            made[key] = (url, str(obj), html_lang(obj.original_language))
        url, name, lang = made[key]
        label_key = (text.kind.name, text.field)
        if label_key not in field_labels:
            field_labels[label_key] = field_label(obj, text.field)
        label = field_labels[label_key]
        rows.append(TranslationRow(
            kind=text.kind, obj=obj, field=text.field, field_label=label,
            original=text.original, state=text.state,
            source=text.source, language=language, url=url,
            what=f"{kind_labels[text.kind.name]}: {name}", name=name, lang=lang,
            original_shown=_shortened(text.original), state_label=states[text.state]))
    return rows


def translation_rows(partnership: Partnership, language: str) -> list[TranslationRow]:
    """Every translatable text of the partnership not written in `language` as table rows
    (for callers that want them all)."""
    return translation_rows_shown(partnership, translation_texts(partnership, language),
                                  language, lambda kind, obj: False)


def _glossary_hits(
    partnership: Partnership, obj: TranslatableModel, language: str
) -> list[FoundTerm]:
    """The glossary terms that occur in the object's original texts, with their entry in
    the target language, for the translator."""
    glossary = glossary_for(partnership, language)
    text = "\n".join(getattr(obj, field) or "" for field in obj.translatable_fields)
    return terms_in_text(text, obj.original_language, glossary)


# Serbian in Latin letters is read from the Cyrillic text (core.transliteration).
DERIVED_LANGUAGES = frozenset({"sr-latn"})


def _languages(partnership: Partnership) -> list[str]:
    """The languages texts are translated into: the partnership's working languages, then
    every interface language (so every public page gets the content), but for the derived
    Serbian Latin unless it is a working language."""
    working = list(partnership.working_languages)
    interface = [code for code, _name in settings.LANGUAGES
                 if code not in DERIVED_LANGUAGES and code not in working]
    return working + interface


# Rows per page of the translation workspace: its page stays small whatever the amount of
# content (the counts above the table still count every text).
ROWS_PER_PAGE = 50


@login_required
def translations_overview(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not rules.may_read(access):
        raise PermissionDenied(_("You may not read this partnership's translations."))
    languages = _languages(partnership)
    working = list(partnership.working_languages)
    # By default the last working language the partnership does not write in itself (its
    # texts' own language has nothing to translate).
    into = [code for code in working if code != partnership.original_language] or working
    language = request.GET.get("language") or (into[-1] if into else languages[0])
    if language not in languages:
        raise Http404("Not a working language of this partnership.")
    wanted = request.GET.get("state", "open")
    texts = translation_texts(partnership, language)
    counts = Counter(text.state for text in texts)
    shown = [t for t in texts if wanted == "all" or t.state == wanted
             or (wanted == "open" and t.state in OPEN_STATES)]
    page = page_nearest(Paginator(shown, ROWS_PER_PAGE), request.GET.get("page"))
    archived = partnership.archived_on is not None
    user = request.user

    def can_translate(kind: Kind, obj: Any) -> bool:
        # As the editor's own check (translation_edit); nothing in an archived partnership.
        return not archived and rules.may_edit(user, access, kind, obj)

    query = request.GET.copy()
    query.pop("page", None)
    # Each row's editor leads back to this list, its filter and its page.
    back = urlencode({"state": wanted, "page": page.number})
    return render(request, "workspace/translations.html", {
        "partnership": partnership,
        "access": access,
        "languages": [(code, content_language_name(code)) for code in languages],
        "language": language,
        "state": wanted,
        "counts": counts,
        "rows": translation_rows_shown(partnership, list(page.object_list), language,
                                       can_translate),
        "page_obj": page,
        "pager_query": query.urlencode(),
        "back_query": back,
        "total": len(texts),
    })


def _list_after_saving(request: HttpRequest, partnership: Any, language: str) -> str:
    """The translations list the editor was opened from: its language, filter and page
    (`back_query`, carried in the editor's address), else the language's first page."""
    back = {"language": language}
    state = request.GET.get("state", "")
    if state.isidentifier() and len(state) <= 20:  # a filter's name; the list checks it
        back["state"] = state
    page = request.GET.get("page", "")
    if page.isdigit():
        back["page"] = page
    return reverse("workspace:translations", args=[partnership.slug]) + "?" + urlencode(back)


class TranslationForm(forms.Form):
    """For each translatable field: its translation and "reviewed", beside the original,
    which is shown, not edited here (the edit form edits it, with its own version check).
    Hidden per field: the token of the translation the form was loaded with and the
    fingerprint of the original it showed."""

    def __init__(self, *args: Any, obj: TranslatableModel, language: str, can_review: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.obj, self.language, self.can_review = obj, language, can_review
        self.field_names = list(obj.translatable_fields)
        for name in self.field_names:
            text = translated(obj, name, language)
            label = field_label(obj, name).capitalize()
            self.fields[f"translation__{name}"] = forms.CharField(
                label=_("%(field)s — %(language)s") % {
                    "field": label, "language": content_language_name(language)},
                initial="" if text.is_original else text.text, required=False,
                show_hidden_initial=True,
                widget=forms.Textarea(attrs={"rows": 3, "lang": language}),
            )
            self.fields[f"token__{name}"] = forms.CharField(
                widget=forms.HiddenInput, initial=translation_token(obj, name, language),
                max_length=16,
            )
            self.fields[f"source__{name}"] = forms.RegexField(
                regex=r"^[0-9a-f]{16}$", widget=forms.HiddenInput,
                initial=fingerprint(getattr(obj, name) or ""),
            )
            if can_review:
                self.fields[f"reviewed__{name}"] = forms.BooleanField(
                    label=gettext_lazy("Reviewed"), required=False, show_hidden_initial=True,
                    initial=text.status == TranslationStatus.REVIEWED and not text.is_outdated,
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(name.startswith(("token__", "source__")) for name in self.errors):
            raise ValidationError(_("The form was damaged; please load the page again."))
        return unify_line_breaks(cleaned)

    def rows(self, conflicts: dict[str, TranslatedText] | None = None) -> list[dict[str, Any]]:
        label = content_language_name(self.obj.original_language)
        return [
            {
                "name": name,
                "label": field_label(self.obj, name).capitalize(),
                "original_label": _("%(field)s — original (%(language)s)") % {
                    "field": field_label(self.obj, name).capitalize(), "language": label},
                "original": getattr(self.obj, name) or "",
                "translation": self[f"translation__{name}"],
                "reviewed": self[f"reviewed__{name}"] if f"reviewed__{name}" in self.fields
                else None,
                "text": translated(self.obj, name, self.language),
                "state": translation_status(self.obj, name, self.language),
                "theirs": (conflicts or {}).get(name),
            }
            for name in self.field_names
        ]

    def edits(self) -> list[TranslationEdit]:
        """What the translator changed, compared with what the form was loaded with (its
        hidden initial values): a field left as it was is no edit, whatever happened to its
        translation meanwhile. Ticking "reviewed" stores the text as reviewed; any other
        change, as translated by a person."""
        data, changed = self.cleaned_data, set(self.changed_data)
        edits = []
        for name in self.field_names:
            if not {f"translation__{name}", f"reviewed__{name}"} & changed:
                continue
            text = data[f"translation__{name}"]
            reviewed = bool(data.get(f"reviewed__{name}")) and bool(text.strip())
            edits.append(TranslationEdit(
                field=name, text=text,
                status=TranslationStatus.REVIEWED if reviewed else TranslationStatus.HUMAN,
                expected=data[f"token__{name}"], source_fingerprint=data[f"source__{name}"],
            ))
        return edits


def _form_after_conflict(
    request: HttpRequest, conflict: TranslationConflict, can_review: bool
) -> tuple[TranslationForm, dict[str, TranslatedText]]:
    """The user's input, kept, on top of the translations as they are now: saving it again
    replaces the other person's text knowingly."""
    current, language = conflict.current, conflict.language
    now = TranslationForm(obj=current, language=language, can_review=can_review)
    data = request.POST.copy()
    for name, field in now.fields.items():
        if name.startswith(("token__", "source__")):
            data[name] = field.initial
        elif field.show_hidden_initial:
            data[f"initial-{name}"] = field.initial
    form = TranslationForm(data, obj=current, language=language, can_review=can_review)
    theirs = {name: translated(current, name, language) for name in conflict.fields}
    return form, theirs


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
    theirs: dict[str, TranslatedText] = {}
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = translations_set(obj=obj, language=language, edits=form.edits())
        except TranslationConflict as conflict:
            form, theirs = _form_after_conflict(request, conflict, access.edit)
            obj = conflict.current
            status = 409
            messages.warning(request, _(
                "Someone else changed this translation while you were working on it. Nothing "
                "was saved: their text is shown next to yours. Keep or change yours and save "
                "again to replace theirs."))
        except ValidationError as error:
            # The model's messages may name its own fields, which this form does not have.
            form.add_error(None, ValidationError(error.messages))
        except DatabaseError as error:
            save_failed(request, form, error)
            status = 503
        else:
            messages.success(request, ngettext(
                "%(count)s translation saved.", "%(count)s translations saved.", changed
            ) % {"count": changed})
            return redirect(_list_after_saving(request, partnership, language))
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    jobs = latest_jobs_for_objects([(type(obj), obj.pk)])
    return render(request, "workspace/translation_edit.html", {
        "partnership": partnership,
        "kind": kind,
        "object": obj,
        "language": language,
        "language_name": content_language_name(language),
        "form": form,
        "rows": form.rows(theirs),
        "conflict": bool(theirs),
        "edit_url": reverse(f"workspace:{kind.name}_edit", args=[partnership.slug, obj.pk]),
        "machine_available": machine_translation_available(),
        "jobs": {field: jobs.get((label, obj.pk, field, language))
                 for field in obj.translatable_fields},
        "glossary": _glossary_hits(partnership, obj, language),
    }, status=status)


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
            messages.success(request, ngettext(
                "%(count)s machine translation requested.",
                "%(count)s machine translations requested.", len(jobs)
            ) % {"count": len(jobs)})
        else:
            messages.info(request, _("Every field already has a translation."))
    return redirect(request.path)
