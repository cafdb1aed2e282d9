"""Uploading a photo or document. Editing and deleting one are the registry's generic
views (kind "media"); an upload differs because a file comes with it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from twinplan.media.models import MediaItem
from twinplan.media.services import attachable, media_create
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import Measure
from twinplan.workspace import permissions as rules
from twinplan.workspace.forms import MediaUploadForm
from twinplan.workspace.registry import KINDS
from twinplan.workspace.services import prepare_new
from twinplan.workspace.views import _partnership, _user, save_failed, show_errors


@login_required
def media_upload(request: HttpRequest, slug: str) -> HttpResponse:
    partnership, access = _partnership(request, slug)
    if not rules.may_upload_media(access):
        raise PermissionDenied(_("You may not add photos or documents here."))
    user = _user(request)
    instance = prepare_new(model=MediaItem, user=user, partnership=partnership,
                           fields={"partnership": partnership})
    form = MediaUploadForm(
        request.POST or None, request.FILES or None, instance=instance,
        partnership=partnership, initial={"attached_to": request.GET.get("to", "partnership")},
    )
    status = 400
    if request.method == "POST" and form.is_valid():
        arguments = form.arguments()
        try:
            target = attachable(partnership, form.cleaned_data["attached_to"])
            item = media_create(
                partnership=partnership, by=user, upload=form.cleaned_data["upload"],
                attached_to=None if isinstance(target, Partnership) else target,
                **arguments,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "file" in error.error_dict:
                error.error_dict["upload"] = error.error_dict.pop("file")
            show_errors(form, error)
        except DatabaseError as error:
            save_failed(request, form, error)
            status = 503
        else:
            messages.success(request, _("Photo or document saved."))
            if isinstance(item.measure, Measure):
                return redirect("workspace:measure_detail", partnership.slug, item.measure.pk)
            return redirect(reverse("workspace:overview", args=[partnership.slug]) + "#media")
    return render(
        request, "workspace/media_upload.html",
        {"partnership": partnership, "form": form, "kind": KINDS["media"]},
        status=status if request.method == "POST" else 200,
    )
