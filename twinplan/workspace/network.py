"""The network pages of the workspace: start a partnership with its members in one step,
keep the content languages, the people and their roles. Each view asks the permission
layer, then calls a service; bad input re-renders with the message at the field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinplan.accounts.models import User
from twinplan.accounts.services import user_set_active
from twinplan.core.languages import content_languages
from twinplan.core.models import ContentLanguage
from twinplan.core.services import (
    content_language_add,
    content_language_remove,
    content_language_update,
)
from twinplan.money.selectors import partnership_currencies, rates_between
from twinplan.money.services import exchange_rate_add, exchange_rates_load
from twinplan.municipalities import gazetteer
from twinplan.municipalities.services import municipality_already_known
from twinplan.network.dashboard import dashboard_context, dashboard_csv
from twinplan.network.selectors import Workspace
from twinplan.partnerships.models import Invitation, Partnership, PartnershipRole, RoleKind
from twinplan.partnerships.services import (
    MemberRefused,
    NewMember,
    free_slug,
    invitation_resend,
    partnership_start,
    role_change,
    role_revoke,
)
from twinplan.reference import names
from twinplan.workspace import permissions as rules
from twinplan.workspace.network_forms import (
    MAX_MEMBERS,
    AddContentLanguageForm,
    EditContentLanguageForm,
    ExchangeRateForm,
    MemberForm,
    NewPartnershipForm,
    RatesFileForm,
    place_initial,
)
from twinplan.workspace.views import _partnership as workspace_partnership
from twinplan.workspace.views import show_errors


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _accept_url(request: HttpRequest) -> Any:
    return lambda token: request.build_absolute_uri(
        reverse("workspace:invitation_accept", args=[token])
    )


# --- a new partnership ---------------------------------------------------------------------


def _member_count(data: QueryDict | None) -> int:
    raw = (data or QueryDict()).get("members", "2")
    count = int(raw) if raw.isdigit() else 2
    if data is not None and "add_member" in data:
        count += 1
    return max(2, min(count, MAX_MEMBERS))


def _apply_place(data: QueryDict, index: int) -> tuple[QueryDict, str]:
    """The member's chosen GeoNames place written into its fields, for the coordinator to
    confirm or complete; (data, message)."""
    prefix = f"member-{index}"
    raw = data.get(f"{prefix}-geonameid", "")
    if not raw.isdigit():
        return data, _("Choose one of the places found first.")
    try:
        place = gazetteer.place_by_geonameid(int(raw))
    except KeyError:
        return data, _("That place is not in the GeoNames data.")
    data = data.copy()
    known = municipality_already_known(name=place.name, country=place.country,
                                       location_source=place.source)
    if known is not None:  # linked, not entered a second time
        data[f"{prefix}-existing"] = str(known.pk)
        data[f"{prefix}-search"] = ""
        return data, _("“%(name)s” is already in twinplan and is chosen as it is.") % {
            "name": known.name}
    for name, value in place_initial(place).items():
        key = f"{prefix}-{name}"
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = "" if value is None else str(value)
    data[f"{prefix}-search"] = ""
    return data, ""


@login_required
def partnership_new(request: HttpRequest) -> HttpResponse:
    """A partnership with its member municipalities and the invitations of their
    coordinators, in one form. Without JavaScript, "Find", "Use this place", "Add a member"
    and "Update the lists" submit the form and show it again, filled in further; only
    "Create the partnership" writes."""
    user = _user(request)
    programmes = rules.programmes_for_new_partnerships(user)
    if programmes is None:
        raise PermissionDenied(_("Only network admins and programme coordinators start "
                                 "partnerships."))
    programme_required = not rules.is_network_admin(user)
    data: QueryDict | None = request.POST if request.method == "POST" else None
    action = (data or QueryDict()).get("action", "")
    notes: dict[int, str] = {}
    if data is not None and action.startswith("use-") and action[4:].isdigit():
        data, note = _apply_place(data, int(action[4:]))
        if note:
            notes[int(action[4:])] = note
    count = _member_count(data)
    form = NewPartnershipForm(data, programmes=programmes,
                              programme_required=programme_required)
    members = [MemberForm(data, prefix=f"member-{index}") for index in range(count)]
    creating = data is not None and action == "create"
    if creating:
        members_valid = [member.is_valid() for member in members]  # each shows its errors
        if form.is_valid() and all(members_valid):
            response = _create(request, user, form, members)
            if response is not None:
                return response
    else:  # while the form is being filled in, it shows the input but no errors yet
        for shown in [form, *members]:
            shown._errors = ErrorDict()  # type: ignore[attr-defined]
    for index, note in notes.items():
        members[index].note = note  # type: ignore[attr-defined]
    return render(
        request, "workspace/network/partnership_new.html",
        {"form": form, "members": members, "count": count, "max_members": MAX_MEMBERS,
         "creating": creating},
        status=400 if creating else 200,
    )


def _create(
    request: HttpRequest, user: User, form: NewPartnershipForm, members: list[MemberForm]
) -> HttpResponse | None:
    data = form.cleaned_data
    new_members = [
        NewMember(
            municipality=member.cleaned_data.get("existing"),
            fields=None if member.cleaned_data.get("existing")
            else _with_free_slug(member.municipality_fields()),
            coordinator_email=member.cleaned_data.get("coordinator_email") or "",
            invitation_language=member.cleaned_data.get("invitation_language") or "",
        )
        for member in members
    ]
    fields = {name: data[name] for name in ("kind", "title", "start_date", "funding_programme",
                                           "working_languages") if data.get(name)}
    if data.get("original_language"):
        fields["original_language"] = data["original_language"]
    slug = data["slug"] or free_slug(Partnership, slugify(data["title"]), "partnership")
    try:
        partnership, sent = partnership_start(
            by=user, slug=slug, members=new_members, accept_url=_accept_url(request), **fields
        )
    except MemberRefused as refused:
        for index, error in sorted(refused.errors.items()):
            show_errors(members[index], error)
            form.add_error(None, _("Member %(number)s could not be added; see there.")
                           % {"number": index + 1})
        return None
    except ValidationError as error:
        show_errors(form, error)
        return None
    messages.success(request, _("“%(title)s” is started with its members.")
                     % {"title": partnership.title})
    for invitation in sent:
        messages.success(request, _("The invitation was sent to %(email)s.")
                         % {"email": invitation.invitation.email})
    return redirect("workspace:overview", partnership.slug)


def _with_free_slug(fields: dict[str, Any]) -> dict[str, Any]:
    from twinplan.municipalities.models import Municipality

    fields["slug"] = free_slug(Municipality, fields.get("slug", ""), "municipality")
    return fields


# --- content languages ------------------------------------------------------------------------


@login_required
def languages(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not rules.is_network_admin(user):
        raise PermissionDenied(_("Only network admins add content languages."))
    form = AddContentLanguageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = content_language_add(by=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("%(language)s can be written and read now.")
                             % {"language": added.name})
            return redirect("network:languages")
    reader = request.LANGUAGE_CODE
    added = dict(ContentLanguage.objects.values_list("code", "pk"))
    return render(
        request, "workspace/network/languages.html",
        {"form": form,
         "languages": [(info, names.language_name(info.code, reader), added.get(info.code))
                       for info in content_languages()]},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def language_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An added content language: its name, script and direction changed, or the language
    removed (refused while anything uses it). The interface languages are built in."""
    user = _user(request)
    if not rules.is_network_admin(user):
        raise PermissionDenied(_("Only network admins change content languages."))
    language = get_object_or_404(ContentLanguage, pk=pk)
    removing = request.method == "POST" and request.POST.get("action") == "remove"
    form = EditContentLanguageForm(
        request.POST if request.method == "POST" and not removing else None,
        initial={"name": language.name, "script": language.script,
                 "direction": language.direction},
    )
    refusal = ""
    if removing:
        try:
            content_language_remove(language, by=user)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(request, _("%(language)s is no longer a content language.")
                             % {"language": language.name})
            return redirect("network:languages")
    elif request.method == "POST" and form.is_valid():
        try:
            content_language_update(language, by=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("%(language)s is changed.")
                             % {"language": form.cleaned_data["name"]})
            return redirect("network:languages")
    return render(
        request, "workspace/network/language_edit.html",
        {"form": form, "language": language, "refusal": refusal,
         "reader_name": names.language_name(language.code, request.LANGUAGE_CODE)},
        status=400 if request.method == "POST" else 200,
    )


# --- exchange rates ---------------------------------------------------------------------------


@login_required
def partnership_rates(request: HttpRequest, slug: str) -> HttpResponse:
    """The exchange rates between the partnership's currencies; its coordinators add one."""
    partnership, access = workspace_partnership(request, slug)
    if request.method == "POST" and not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators add exchange rates."))
    # An archived partnership is read-only: its rates are shown, no form to add one.
    editable = access.edit and partnership.archived_on is None
    form = ExchangeRateForm(request.POST or None) if editable else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            exchange_rate_add(**form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Exchange rate saved."))
            return redirect("workspace:rates", partnership.slug)
    currencies = partnership_currencies(partnership)
    return render(
        request, "workspace/network/rates.html",
        {"partnership": partnership, "access": access, "form": form,
         "currencies": currencies, "rates": rates_between(currencies)[:200],
         "upload": rules.is_network_admin(_user(request))},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def rates_upload(request: HttpRequest) -> HttpResponse:
    """A network admin loads a rates file: the parser and messages of `load_rates`."""
    if not rules.is_network_admin(_user(request)):
        raise PermissionDenied(_("Only network admins load rates files."))
    form = RatesFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            loaded = exchange_rates_load(text=form.cleaned_data["file"])
        except ValidationError as error:
            problems = list(error.messages)
        else:
            messages.success(request, ngettext(
                "%(created)s rate added, %(changed)s changed, %(unchanged)s unchanged.",
                "%(created)s rates added, %(changed)s changed, %(unchanged)s unchanged.",
                loaded.created,
            ) % {"created": loaded.created, "changed": loaded.changed,
                 "unchanged": loaded.unchanged})
            return redirect("network:rates")
    return render(
        request, "workspace/network/rates_upload.html",
        {"form": form, "problems": problems,
         "rates": rates_between(None)[:50]},
        status=400 if request.method == "POST" else 200,
    )


# --- people and roles -----------------------------------------------------------------------


def _people() -> Any:
    return (
        User.objects.order_by("username")
        .prefetch_related(
            Prefetch("partnership_roles", queryset=PartnershipRole.objects.select_related(
                "partnership", "municipality", "organisation"
            ).prefetch_related("partnership__municipalities")),
            "funding_programme_roles__funding_programme",
        )
    )


def _people_action(request: HttpRequest, by: User) -> str:
    """Carry out one action of the people page; the message to show (raises
    ValidationError with the refusal)."""
    action = request.POST.get("action", "")
    raw = request.POST.get("id", "")
    if not raw.isdigit():
        raise ValidationError(_("Nothing was chosen."))
    if action in ("deactivate", "activate"):
        person = get_object_or_404(User, pk=int(raw))
        user_set_active(person, by=by, active=action == "activate")
        return (_("%(person)s can sign in again.") if action == "activate"
                else _("%(person)s can no longer sign in or do anything.")) % {"person": person}
    if action in ("role_change", "role_revoke"):
        role = get_object_or_404(PartnershipRole.objects.select_related("user", "partnership"),
                                 pk=int(raw))
        if action == "role_revoke":
            role_revoke(role, by=by)
            return _("The role is taken away.")
        town_raw = request.POST.get("municipality", "")
        town = (role.partnership.municipalities.filter(pk=int(town_raw)).first()
                if town_raw.isdigit() else None)
        role_change(role, by=by, new_role=request.POST.get("role", ""), municipality=town,
                    organisation=role.organisation)
        return _("The role is changed.")
    if action == "resend":
        invitation = get_object_or_404(Invitation.objects.select_related("partnership"),
                                       pk=int(raw))
        invitation_resend(invitation, by=by, accept_url=_accept_url(request))
        return _("The invitation was sent to %(email)s.") % {"email": invitation.email}
    raise ValidationError(_("Unknown action."))


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """Every account with its roles; deactivate, change or take away a role, send an
    invitation again."""
    by = _user(request)
    if not rules.is_network_admin(by):
        raise PermissionDenied(_("Only network admins manage people and roles."))
    status = 200
    if request.method == "POST":
        try:
            done = _people_action(request, by)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            messages.success(request, done)
            return redirect("network:people")
    return render(
        request, "workspace/network/people.html",
        {"people": _people(), "roles": RoleKind.choices,
         "admins": set(User.objects.filter(is_superuser=True).values_list("pk", flat=True)),
         "invitations": Invitation.objects.filter(accepted_at__isnull=True)
         .select_related("partnership", "municipality", "organisation")},
        status=status,
    )


def _dashboard_user(request: HttpRequest) -> User:
    user = _user(request)
    if not rules.may_see_network_dashboard(user):
        raise PermissionDenied(_("The network dashboard is for network admins and programme "
                                 "coordinators."))
    return user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every partnership the user follows, drafts included (twinplan.network)."""
    user = _dashboard_user(request)
    return render(request, "workspace/network/dashboard.html",
                  dashboard_context(request, Workspace(user)))


@login_required
def dashboard_csv_export(request: HttpRequest) -> HttpResponse:
    user = _dashboard_user(request)
    return dashboard_csv(
        request, Workspace(user), filename="twinplan-network-workspace.csv",
        url_of=lambda row: request.build_absolute_uri(
            reverse("workspace:overview", args=[row.partnership.slug])),
    )
