"""The partnership's process in the workspace: the review queue of contributors' reports,
programme editions, phases from the template, archiving, several measures changed at
once, and the digest settings. Thin views: they ask the permission layer and call the
owning app's services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from twinplan.core.errors import EditConflict
from twinplan.digest.models import DigestInterval
from twinplan.digest.selectors import pending_reports
from twinplan.digest.services import digest_interval_set, digest_preference_of
from twinplan.events.services import idea_review
from twinplan.indicators.services import indicator_value_review
from twinplan.partnerships.services import partnership_archive, phases_from_template
from twinplan.programmes.models import ActionProgramme, Measure
from twinplan.programmes.services import (
    measures_bulk_update,
    programme_edition_start,
    progress_entry_review,
)
from twinplan.workspace.forms import BulkMeasureForm, ReviewForm
from twinplan.workspace.registry import KINDS
from twinplan.workspace.views import _partnership, _user

# The kinds a coordinator reviews, with their review service.
REVIEWED: dict[str, Callable[..., Any]] = {
    "progress": progress_entry_review,
    "indicatorvalue": indicator_value_review,
    "idea": idea_review,
}


def _coordinator(request: HttpRequest, slug: str) -> Any:
    partnership, access = _partnership(request, slug)
    if not access.edit:
        raise PermissionDenied(_("Only the partnership's coordinators do this."))
    return partnership, access


def _queue_page(request: HttpRequest, partnership: Any, access: Any,
                failed: tuple[str, int, ReviewForm] | None = None) -> HttpResponse:
    queue = pending_reports(partnership)
    rows = []
    for name, entries in (("progress", queue.progress), ("indicatorvalue", queue.values),
                          ("idea", queue.ideas)):
        for entry in entries:
            form = ReviewForm(initial={"version": entry.version}, prefix=f"{name}-{entry.pk}")
            if failed and failed[0] == name and failed[1] == entry.pk:
                form = failed[2]
            rows.append({"kind": KINDS[name], "entry": entry, "form": form})
    return render(
        request, "workspace/review.html",
        {"partnership": partnership, "access": access, "rows": rows},
        status=400 if failed else 200,
    )


@login_required
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _coordinator(request, slug)
    return _queue_page(request, partnership, access)


@login_required
@require_POST
def review_decide(request: HttpRequest, slug: str, kind_name: str, pk: int) -> HttpResponse:
    """Approve or decline one report; a decline without a reason comes back with the
    message at the reason."""
    partnership, access = _coordinator(request, slug)
    review = REVIEWED.get(kind_name)
    if review is None:
        raise Http404("This kind is not reviewed.")
    kind = KINDS[kind_name]
    entry = get_object_or_404(kind.in_partnership(partnership), pk=pk)
    form = ReviewForm(request.POST, prefix=f"{kind_name}-{entry.pk}")
    if form.is_valid():
        try:
            review(entry, by=_user(request), approve=form.cleaned_data["decision"] == "approve",
                   reason=form.cleaned_data["reason"],
                   expected_version=form.cleaned_data.get("version"))
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {"__all__": error}).items():
                form.add_error("reason" if name == "review_reason" else None, problems)
        except EditConflict:
            form.add_error(None, _("Its author changed it meanwhile; read it again and "
                                   "decide."))
        else:
            if form.cleaned_data["decision"] == "approve":
                messages.success(request, _("Approved: “%(entry)s”.") % {"entry": entry})
            else:
                messages.success(request, _("Declined: “%(entry)s”. Its author sees your "
                                            "reason.") % {"entry": entry})
            return redirect("workspace:review", partnership.slug)
    return _queue_page(request, partnership, access, failed=(kind_name, entry.pk, form))


@login_required
@require_POST
def edition_start(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    partnership, _access = _coordinator(request, slug)
    previous = get_object_or_404(ActionProgramme, partnership=partnership, pk=pk)
    try:
        programme = programme_edition_start(previous, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _(
            "Edition %(edition)s is started as a draft copy of edition %(previous)s. Change "
            "it, then record each council's adoption."
        ) % {"edition": programme.edition, "previous": previous.edition})
    return redirect("workspace:overview", partnership.slug)


@login_required
@require_POST
def phases_template(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, _access = _coordinator(request, slug)
    try:
        created = phases_from_template(partnership=partnership, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, ngettext("%(count)s phase added from the template.",
                                           "%(count)s phases added from the template.",
                                           len(created)) % {"count": len(created)})
    return redirect("workspace:overview", partnership.slug)


@login_required
@require_POST
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, _access = _coordinator(request, slug)
    archived = request.POST.get("archive") == "1"
    partnership_archive(partnership, by=_user(request), archived=archived)
    messages.success(request, _("The partnership is archived: it stays public, and nothing "
                                "in it can be changed.") if archived
                     else _("The partnership is out of the archive and can be edited again."))
    return redirect("workspace:overview", partnership.slug)


@login_required
def measures_bulk(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Status, owner or lead partner of several measures of one edition at once."""
    partnership, access = _coordinator(request, slug)
    programme = get_object_or_404(ActionProgramme, partnership=partnership, pk=pk)
    form = BulkMeasureForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            changed = measures_bulk_update(
                list(form.cleaned_data["measures"]), by=_user(request), **form.changes()
            )
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {"__all__": error}).items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, ngettext("%(count)s measure changed.",
                                                        "%(count)s measures changed.",
                                                        changed) % {"count": changed})
            return redirect("workspace:overview", partnership.slug)
    measures = Measure.objects.filter(programme=programme).select_related(
        "owner", "lead_municipality").order_by("code", "id")
    return render(
        request, "workspace/bulk.html",
        {"partnership": partnership, "access": access, "programme": programme, "form": form,
         "measures": measures,
         "chosen": {str(value) for value in form["measures"].value() or []}},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def digest_settings(request: HttpRequest) -> HttpResponse:
    """How often the person wants the digest mail, or never."""
    user = _user(request)
    preference = digest_preference_of(user)
    error = ""
    if request.method == "POST":
        try:
            digest_interval_set(user=user, interval=request.POST.get("interval", ""))
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("workspace:digest_settings")
    return render(
        request, "workspace/digest_settings.html",
        {"preference": preference, "intervals": DigestInterval.choices, "error": error},
        status=400 if error else 200,
    )
