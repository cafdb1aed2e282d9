"""Downloads: the events calendar and the IATI activity on the public pages, the IATI
activity in the workspace, and the network admin's IATI settings of a funding programme."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.interchange.calendar import events_calendar
from twinplan.interchange.iati import IatiNotReady, iati_activities, iati_missing
from twinplan.partnerships.models import FundingProgramme, Partnership
from twinplan.partnerships.permissions import is_network_admin, partnership_access
from twinplan.partnerships.services import funding_programme_iati_update


def _published(slug: str) -> Partnership:
    partnership = Partnership.objects.published().filter(slug=slug).first()
    if partnership is None:
        raise Http404("No published partnership with this short name.")
    return partnership


def events_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The published events of a published partnership as an iCalendar feed."""
    partnership = _published(slug)
    page_url = request.build_absolute_uri(reverse("public:partnership", args=[slug]))
    body = events_calendar(
        partnership, language=get_language() or "en", host=request.get_host().split(":")[0],
        page_url=page_url,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-events.ics"'
    return response


def _iati_response(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    try:
        body = iati_activities(partnership)
    except IatiNotReady as error:
        return render(
            request, "interchange/iati_not_ready.html",
            {"partnership": partnership, "missing": error.missing}, status=409,
        )
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-iati.xml"'
    return response


def public_iati(request: HttpRequest, slug: str) -> HttpResponse:
    """The IATI activity of a published partnership (published content only)."""
    return _iati_response(request, _published(slug))


@login_required
def workspace_iati(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    if not partnership_access(request.user, partnership).export:
        raise PermissionDenied(_("You may not export this partnership."))
    return _iati_response(request, partnership)


class IatiSettingsForm(forms.ModelForm[FundingProgramme]):
    class Meta:
        model = FundingProgramme
        fields = [
            "iati_identifier_prefix", "iati_reporting_org_ref", "iati_reporting_org_type",
            "iati_reporting_org_name",
        ]


@login_required
def funding_programme_iati(request: HttpRequest, slug: str) -> HttpResponse:
    """The network admin's IATI settings of one funding programme."""
    if not is_network_admin(request.user):
        raise PermissionDenied(_("Only the network admin keeps the IATI settings."))
    programme = get_object_or_404(FundingProgramme, slug=slug)
    form = IatiSettingsForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            funding_programme_iati_update(
                programme, by=request.user,  # type: ignore[arg-type]
                **{name: form.cleaned_data[name] for name in IatiSettingsForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The IATI settings were saved."))
            return redirect("interchange:funding_programme_iati", programme.slug)
    partnerships = [
        (partnership, iati_missing(partnership))
        for partnership in programme.partnerships.order_by("title")
    ]
    return render(
        request, "interchange/funding_programme_iati.html",
        {"programme": programme, "form": form, "partnerships": partnerships,
         "programmes": FundingProgramme.objects.order_by("name")},
        status=400 if request.method == "POST" else 200,
    )
