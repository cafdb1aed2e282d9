"""The editor's workspace. Every view resolves the partnership from the URL, asks the
permission layer, then calls a service; an invalid form re-renders with the input and a
message at the field, and nothing is saved."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.db.models import ManyToManyField, Model, Prefetch
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinplan.accounts.models import User
from twinplan.climate.models import ImpactEstimate
from twinplan.core.bin import KEPT_DAYS, bin_entries, bin_restore
from twinplan.core.errors import EditConflict
from twinplan.core.redirects import safe_next
from twinplan.glossary.selectors import glossary_for
from twinplan.media.selectors import media_for, media_of_partnership
from twinplan.partnerships.models import FundingProgramme, Partnership
from twinplan.partnerships.permissions import PartnershipAccess, partnership_access
from twinplan.partnerships.services import (
    invitation_accept,
    invitation_create,
    invitation_for_token,
)
from twinplan.programmes.models import Measure, ProgrammeAdoption
from twinplan.programmes.permissions import measures_attached
from twinplan.programmes.selectors import measures_stale
from twinplan.workspace import permissions as rules
from twinplan.workspace import process_selectors, selectors
from twinplan.workspace.forms import InvitationForm
from twinplan.workspace.registry import KINDS, Kind
from twinplan.workspace.services import (
    author_language,
    history_restore,
    prepare_new,
    restorable_fields,
)

STALE_AFTER_DAYS = 90
logger = logging.getLogger(__name__)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _partnership(request: HttpRequest, slug: str) -> tuple[Partnership, PartnershipAccess]:
    """The partnership of the URL with the user's access; 403 without any role in it."""
    partnership = get_object_or_404(Partnership, slug=slug)
    access = partnership_access(request.user, partnership)
    if not access.any:
        raise PermissionDenied(_("You have no role in this partnership."))
    return partnership, access


def _kind(name: str) -> Kind:
    kind = KINDS.get(name)
    if kind is None:
        raise Http404(f"Unknown kind {name!r}.")
    return kind


def _object(kind: Kind, partnership: Partnership, pk: int) -> Any:
    return get_object_or_404(kind.in_partnership(partnership), pk=pk)


def _back(kind: Kind, obj: Any, partnership: Partnership) -> str:
    """Where to go after saving: the measure page for a measure and its parts, else the
    overview."""
    measure = kind.measure_of(obj) or getattr(obj, "measure", None)
    if isinstance(measure, Measure) and measure.pk:
        return reverse("workspace:measure_detail", args=[partnership.slug, measure.pk])
    return reverse("workspace:overview", args=[partnership.slug])


def _arguments(kind: Kind, form: Any) -> dict[str, Any]:
    """The form's input as the service's arguments, with the fields the form computes."""
    arguments: dict[str, Any] = form.arguments()
    for name in kind.computed_fields:
        arguments[name] = getattr(form.instance, name)
    return arguments


def show_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal on the form: each message at its field where the form shows that
    field, the others above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def save_failed(request: HttpRequest, form: Any, error: DatabaseError) -> None:
    """The database refused the write (busy or away): the input stays in the form, which
    says so and what to do."""
    logger.warning("Save failed in %s: %s", request.path, error, exc_info=True)
    form.add_error(None, _(
        "The database could not store this just now, so nothing was saved. Your input is "
        "still in the form below: please save it again in a moment."
    ))


def _split(form: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Cleaned data of the model's fields as (plain fields, many-to-many fields); form-only
    fields (a travel leg's GeoNames ids) have done their work in the form."""
    plain: dict[str, Any] = {}
    m2m: dict[str, Any] = {}
    model_fields = {f.name: f for f in form.instance._meta.get_fields()}
    for name in form._meta.fields:
        if name not in form.cleaned_data or name not in model_fields:
            continue
        if isinstance(model_fields.get(name), ManyToManyField):
            m2m[name] = form.cleaned_data[name]
        else:
            plain[name] = form.cleaned_data[name]
    return plain, m2m


# --- dashboard and overview ---------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    return render(
        request,
        "workspace/dashboard.html",
        {
            "partnerships": Partnership.objects.with_drafts_for(user).with_members(),
            "tasks": measures_attached(user),
            "stale": measures_stale(today=today).filter(owner=user),
            "stale_after_days": STALE_AFTER_DAYS,
            "network": rules.network_links(user),
            # A network admin's IATI settings, one page per funding programme.
            "iati_programmes": FundingProgramme.objects.order_by("name")
            if rules.is_network_admin(user) else [],
            **process_selectors.dashboard_process(user),
        },
    )


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The partnership's workspace: its towns, every edition of the programme counted, the
    measures of one edition (the latest, or `?edition=`) a page at a time (`?page=`), the
    events, agreements, media and glossary, and where the partnership stands."""
    partnership, access = _partnership(request, slug)
    programmes = list(partnership.programmes.order_by("-edition").prefetch_related(
        Prefetch("adoptions", queryset=ProgrammeAdoption.objects.select_related(
            "municipality", "resolution"))))
    editions = selectors.editions_counted(programmes)
    chosen = request.GET.get("edition")
    shown = next((e for e in editions if str(e.programme.pk) == chosen), None) if chosen \
        else (editions[0] if editions else None)
    if chosen and shown is None:
        raise Http404("No such edition of this partnership's programme.")
    page = None
    if shown is not None:
        page = selectors.edition_page(
            shown, request.GET.get("page"),
            query=f"edition={shown.programme.pk}" if chosen else "",
            today=timezone.localdate(), stale_after_days=partnership.stale_after_days)
    phases = list(partnership.phases.all())
    return render(
        request,
        "workspace/overview.html",
        {
            "partnership": partnership,
            "access": access,
            "editions": editions,
            "shown": shown,
            "edition_page": page,
            # The measures' address up to their id, reversed once per page, not per row.
            "measure_path": reverse("workspace:measure_detail",
                                    args=[partnership.slug, 0]).removesuffix("0/"),
            "members": selectors.members(partnership),
            "events": selectors.events_of(partnership),
            "agreements": partnership.agreements.all(),
            "awards": partnership.awards.prefetch_related("amounts__recipient"),
            "phases": phases,
            "factor_overrides": partnership.factor_overrides.all(),
            "glossary": glossary_for(partnership, get_language() or "en"),
            "media_items": media_of_partnership(partnership),
            "may_upload_media": rules.may_upload_media(access),
            **process_selectors.overview_process(
                _user(request), partnership, access,
                latest=programmes[0] if programmes else None, phases=phases),
        },
    )


@login_required
def measure_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    return _measure_page(request, partnership, access, pk)


# Kinds added in place on the measure page (htmx swaps the section they belong to).
INLINE_ON_MEASURE = ("progress", "resource", "challenge")


def _measure_page(
    request: HttpRequest,
    partnership: Partnership,
    access: PartnershipAccess,
    pk: int,
    inline_forms: dict[str, Any] | None = None,
) -> HttpResponse:
    measure = selectors.measure_for_workspace(partnership, pk)
    if measure is None:
        raise Http404("No such measure in this partnership.")
    # New texts are written in the author's language, not the model's default (English).
    language = author_language(user=_user(request), partnership=partnership)
    forms = {
        name: KINDS[name].form(instance=KINDS[name].model(original_language=language),
                               partnership=partnership, parent=measure, prefix=name)
        for name in INLINE_ON_MEASURE
    }
    forms.update(inline_forms or {})
    return render(
        request,
        "workspace/measure.html",
        {
            "partnership": partnership,
            "access": access,
            "measure": measure,
            "forms": forms,
            "media_items": media_for(measure),
            "may_upload_media": rules.may_upload_media(access),
            "impact": ImpactEstimate.objects.filter(measure=measure)
            .select_related("municipality").first(),
        },
    )


# --- create, edit, delete, publish, history ------------------------------------------------------


def _parent(kind: Kind, partnership: Partnership, request: HttpRequest) -> Any:
    if kind.parent is None:
        return None
    raw = request.GET.get("parent") or request.POST.get("parent")
    if not raw or not raw.isdigit():
        raise Http404("The parent is missing.")
    return _object(KINDS[kind.parent], partnership, int(raw))


def _initial_fields(kind: Kind, partnership: Partnership, parent: Any, user: User) -> dict:
    fields: dict[str, Any] = {}
    if kind.parent_field and parent is not None:
        fields[kind.parent_field] = parent
    elif kind.partnership_path == "partnership":
        fields["partnership"] = partnership
    if kind.author_field:
        fields[kind.author_field] = user
    return fields


@login_required
def _shown_again(request: HttpRequest, form: Any, context: dict[str, Any]) -> HttpResponse:
    """The form filled in further (a "Find" button): its input, no errors, nothing saved."""
    form._errors = ErrorDict()
    return render(request, "workspace/form.html", {"form": form, **context})


def entity_add(request: HttpRequest, slug: str, kind_name: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    parent = _parent(kind, partnership, request)
    if not rules.may_add(access, kind, parent):
        raise PermissionDenied(_("You may not add this here."))
    user = _user(request)
    instance = prepare_new(
        model=kind.model, user=user, partnership=partnership,
        fields=_initial_fields(kind, partnership, parent, user),
    )
    prefix = kind.name if request.POST.get("inline") == kind.name else None
    form = kind.form(
        request.POST or None, instance=instance, partnership=partnership, parent=parent,
        prefix=prefix,
    )
    inline = bool(request.headers.get("HX-Request")) and kind.name in INLINE_ON_MEASURE
    status = 400
    if request.method == "POST" and form.shown_again():
        return _shown_again(request, form, {"partnership": partnership, "kind": kind,
                                            "parent": parent, "adding": True})
    if request.method == "POST" and form.is_valid():
        assert kind.services.create is not None
        owner = {kind.services.owner: parent or partnership} if kind.services.owner else {}
        try:
            obj = kind.services.create(by=user, **owner, **_arguments(kind, form))
        except ValidationError as error:
            show_errors(form, error)
        except DatabaseError as error:
            save_failed(request, form, error)
            status = 503
        else:
            messages.success(request, _("%(kind)s saved.") % {"kind": capfirst(str(kind.label))})
            if inline:  # htmx swaps the log section of the measure page in place
                return _measure_page(request, partnership, access, parent.pk)
            return redirect(_back(kind, obj, partnership))
    if inline and request.method == "POST":
        # htmx swaps only what comes with a success status; the message is in the form.
        return _measure_page(
            request, partnership, access, parent.pk, inline_forms={kind.name: form}
        )
    return render(
        request,
        "workspace/form.html",
        {"partnership": partnership, "kind": kind, "form": form, "parent": parent,
         "adding": True},
        status=status if request.method == "POST" else 200,
    )


@dataclass(frozen=True)
class FieldChange:
    label: str
    theirs: str
    mine: str
    both: bool


def _comparable(value: Any) -> Any:
    """A cleaned form value as the model field stores it (a related object as its key)."""
    return value.pk if isinstance(value, Model) else value


def _merge_after_conflict(
    kind: Kind, form: Any, current: Any, started_version: int
) -> tuple[dict[str, Any], list[FieldChange]]:
    """What the user gets back after a refused save: the current object with their own
    edits re-applied, and the list of fields someone else changed meanwhile."""
    started = current.history.filter(version=started_version).order_by("-history_date").first()
    plain, _m2m = _split(form)
    merged: dict[str, Any] = {}
    changes: list[FieldChange] = []
    for name, mine in plain.items():
        model_field = current._meta.get_field(name)
        now = model_field.value_from_object(current)
        before = getattr(started, model_field.attname) if started is not None else now
        mine_value = _comparable(mine)
        they_changed = before != now
        i_changed = mine_value != before
        merged[name] = mine_value if i_changed else now
        if they_changed:
            changes.append(FieldChange(
                label=str(form.fields[name].label),
                theirs=selectors.value_shown(model_field, getattr(current, name)),
                mine=selectors.value_shown(model_field, mine),
                both=i_changed and mine_value != now,
            ))
    for name, values in _m2m.items():
        merged[name] = [value.pk for value in values]
    merged["version"] = current.version
    return merged, changes


@login_required
def entity_edit(request: HttpRequest, slug: str, kind_name: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    obj = _object(kind, partnership, pk)
    if not rules.may_edit(request.user, access, kind, obj):
        raise PermissionDenied(_("You may not edit this."))
    form = kind.form(request.POST or None, instance=obj, partnership=partnership)
    conflict: list[FieldChange] | None = None
    status = 400
    if request.method == "POST" and form.shown_again():
        return _shown_again(request, form, {"partnership": partnership, "kind": kind,
                                            "object": obj, "adding": False})
    if request.method == "POST" and form.is_valid():
        arguments = _arguments(kind, form)
        expected = form.cleaned_data.get("version") if kind.versioned else None
        fresh = kind.model._default_manager.get(pk=obj.pk)
        try:
            saved = kind.services.update(
                fresh, by=_user(request), expected_version=expected, **arguments
            )
        except EditConflict as error:
            assert expected is not None
            merged, conflict = _merge_after_conflict(kind, form, fresh, expected)
            form = kind.form(initial=merged, instance=fresh, partnership=partnership)
            messages.warning(request, _(
                "Someone else saved this %(kind)s while you were editing (now version "
                "%(version)s). Your changes were not saved yet: they are filled in below on "
                "top of the current version. Check them and save again."
            ) % {"kind": kind.label, "version": error.current_version})
            status = 409
        except ValidationError as error:
            show_errors(form, error)
        except DatabaseError as error:
            save_failed(request, form, error)
            status = 503
        else:
            messages.success(request, _("%(kind)s saved.") % {"kind": capfirst(str(kind.label))})
            return redirect(_back(kind, saved, partnership))
    return render(
        request,
        "workspace/form.html",
        {"partnership": partnership, "kind": kind, "form": form, "object": obj,
         "conflict": conflict, "adding": False},
        status=status if request.method == "POST" else 200,
    )


@login_required
def entity_delete(request: HttpRequest, slug: str, kind_name: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    obj = _object(kind, partnership, pk)
    if not rules.may_delete(request.user, access, kind, obj):
        raise PermissionDenied(_("You may not delete this."))
    back = _back(kind, obj, partnership)
    if request.method == "POST":
        try:
            assert kind.services.delete is not None
            kind.services.delete(obj, by=_user(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, _("%(kind)s deleted.") % {"kind": capfirst(str(kind.label))})
        if isinstance(obj, Measure):
            return redirect("workspace:overview", partnership.slug)
        return redirect(back)
    return render(
        request, "workspace/confirm_delete.html",
        {"partnership": partnership, "kind": kind, "object": obj, "back": back,
         "kept_days": KEPT_DAYS},
    )


@login_required
@require_POST
def entity_publish(request: HttpRequest, slug: str, kind_name: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    obj = _object(kind, partnership, pk)
    if not rules.may_publish(access, kind):
        raise PermissionDenied(_("You may not publish this."))
    publish = request.POST.get("publish") == "1"
    assert kind.services.publish is not None
    try:
        kind.services.publish(obj, by=_user(request), published=publish)
    except ValidationError as error:  # an archived partnership
        messages.error(request, " ".join(error.messages))
        return redirect(safe_next(request, _back(kind, obj, partnership)))
    text = _("%(object)s is published.") if publish else _("%(object)s is no longer public.")
    messages.success(request, text % {"object": obj})
    return redirect(safe_next(request, _back(kind, obj, partnership)))


@login_required
def entity_history(request: HttpRequest, slug: str, kind_name: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    if not kind.has_history:
        raise Http404("This kind keeps no history.")
    obj = _object(kind, partnership, pk)
    if not rules.may_read(access):
        raise PermissionDenied(_("You may not read this history."))
    return render(
        request, "workspace/history.html",
        {"partnership": partnership, "kind": kind, "object": obj,
         "entries": selectors.history_entries(obj),
         "can_restore": rules.may_edit(request.user, access, kind, obj),
         "restorable": set(restorable_fields(kind))},
    )


@login_required
@require_POST
def entity_history_restore(
    request: HttpRequest, slug: str, kind_name: str, pk: int, record: int
) -> HttpResponse:
    """Restore one field, or the whole state, of an earlier version."""
    partnership, access = _partnership(request, slug)
    kind = _kind(kind_name)
    obj = _object(kind, partnership, pk)
    if not rules.may_edit(request.user, access, kind, obj):
        raise PermissionDenied(_("You may not edit this."))
    raw_version = request.POST.get("version", "")
    field = request.POST.get("field") or None
    try:
        history_restore(
            kind=kind, obj=obj, record_id=record, by=_user(request), field=field,
            expected_version=int(raw_version) if raw_version.isdigit() else None,
        )
    except EditConflict:
        messages.warning(request, _(
            "Someone else saved this %(kind)s meanwhile; nothing was restored. Look at the "
            "newest entries and try again."
        ) % {"kind": kind.label})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The earlier value is restored.") if field
                         else _("The earlier version is restored."))
    return redirect(f"workspace:{kind.name}_history", partnership.slug, obj.pk)


# --- the bin -----------------------------------------------------------------------------------


@login_required
def bin_list(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators restore deleted items."))
    return render(
        request, "workspace/bin.html",
        {"partnership": partnership, "access": access, "kept_days": KEPT_DAYS,
         "entries": bin_entries(rules.bin_scopes(partnership, access))},
    )


@login_required
@require_POST
def bin_restore_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators restore deleted items."))
    entry = get_object_or_404(bin_entries(rules.bin_scopes(partnership, access)), pk=pk)
    try:
        restored = bin_restore(entry, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(object)s” is back.") % {"object": restored})
    return redirect("workspace:bin", partnership.slug)


# --- invitations --------------------------------------------------------------------------------


@login_required
def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not access.invite:
        raise PermissionDenied(_("Only the partnership's coordinators invite people."))
    form = InvitationForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                partnership=partnership,
                invited_by=_user(request),
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("workspace:invitation_accept", args=[token])
                ),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation was sent to %(email)s.")
                             % {"email": form.cleaned_data["email"]})
            return redirect("workspace:invitations", partnership.slug)
    return render(
        request, "workspace/invitations.html",
        {"partnership": partnership, "form": form,
         "invitations": partnership.invitations.select_related("municipality", "organisation")},
        status=400 if request.method == "POST" else 200,
    )


def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone with the link: a signed-in user accepts; a new person signs up."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "workspace/invitation_invalid.html", status=404)
    signup = None
    if request.user.is_authenticated:
        if request.method == "POST":
            invitation_accept(invitation=invitation, user=_user(request))
            messages.success(request, _("Welcome to %(partnership)s.")
                             % {"partnership": invitation.partnership})
            return redirect("workspace:overview", invitation.partnership.slug)
    else:
        signup = SignupForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and signup.is_valid():
            user = signup.save()
            invitation_accept(invitation=invitation, user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("workspace:overview", invitation.partnership.slug)
    return render(
        request, "workspace/invitation_accept.html",
        {"invitation": invitation, "signup": signup},
        status=400 if request.method == "POST" else 200,
    )


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "display_name")

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = self.instance.email = email  # the password validators compare with it

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.email = self.email
        if commit:
            user.save()
        return user
