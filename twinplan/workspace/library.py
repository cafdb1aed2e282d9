""""Use as a template": a published measure of another partnership (from the public
library) copied as a draft into one of the user's own draft editions, with a link to
where it came from (programmes.services.measure_copy_from_template)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.core.translation import translated
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.permissions import partnership_access
from twinplan.programmes.models import ActionProgramme, FieldOfAction, Measure, ProgrammeStatus
from twinplan.programmes.services import measure_copy_from_template
from twinplan.workspace import permissions as rules
from twinplan.workspace.registry import KINDS
from twinplan.workspace.views import show_errors


def _language() -> str:
    return get_language() or "en"


def programmes_for_templates(user: User) -> list[ActionProgramme]:
    """The draft editions of partnerships that are not archived in which `user` may add
    measures (the rule of `may_add` for measures)."""
    candidates = (ActionProgramme.objects
                  .filter(status=ProgrammeStatus.DRAFT,
                          partnership__in=Partnership.objects.with_drafts_for(user),
                          partnership__archived_on__isnull=True)
                  .select_related("partnership")
                  .order_by("partnership__title", "-edition"))
    return [programme for programme in candidates
            if rules.may_add(partnership_access(user, programme.partnership),
                             KINDS["measure"], programme)]


class _ProgrammeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(partnership)s: %(programme)s (edition %(edition)s, draft)") % {
            "partnership": translated(obj.partnership, "title", _language()).text,
            "programme": translated(obj, "title", _language()).text, "edition": obj.edition,
        }


class _FieldChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(field)s (in %(programme)s, edition %(edition)s)") % {
            "field": translated(obj, "title", _language()).text,
            "programme": translated(obj.programme, "title", _language()).text,
            "edition": obj.programme.edition,
        }


class TemplateUseForm(forms.Form):
    programme = _ProgrammeChoice(
        queryset=ActionProgramme.objects.none(), label=gettext_lazy("Copy into"),
        help_text=gettext_lazy("A draft edition of one of your partnerships."),
    )
    field_of_action = _FieldChoice(
        queryset=FieldOfAction.objects.none(), required=False,
        label=gettext_lazy("Field of action"),
        help_text=gettext_lazy("One of the chosen edition's fields; leave empty to decide "
                               "later."),
    )

    def __init__(self, *args: Any, programmes: list[ActionProgramme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keys = [programme.pk for programme in programmes]
        programme_field = self.fields["programme"]
        field_field = self.fields["field_of_action"]
        assert isinstance(programme_field, forms.ModelChoiceField)
        assert isinstance(field_field, forms.ModelChoiceField)
        programme_field.queryset = (ActionProgramme.objects.filter(pk__in=keys)
                                    .select_related("partnership")
                                    .order_by("partnership__title", "-edition"))
        field_field.queryset = (FieldOfAction.objects.filter(programme__in=keys)
                                .select_related("programme")
                                .order_by("programme__partnership__title", "programme",
                                          "position", "id"))
        if len(keys) == 1:
            self.initial.setdefault("programme", keys[0])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        programme, field = data.get("programme"), data.get("field_of_action")
        if programme is not None and field is not None and field.programme_id != programme.pk:
            self.add_error("field_of_action", _(
                "Choose a field of action of the edition you copy into."))
        return data


@login_required
def template_use(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form (which edition, which field); POST: the copy, then its workspace
    page. 404 for a measure that is not published; 403 for a user who may add measures
    to no draft edition."""
    source = (Measure.objects.published().filter(pk=pk)
              .select_related("programme__partnership").first())
    if source is None:
        raise Http404("No published measure with this number.")
    user = request.user
    assert isinstance(user, User)
    programmes = programmes_for_templates(user)
    if not programmes:
        # Refused (403), but on the template page itself, with the way forward.
        return render(request, "workspace/template_use.html",
                      {"source": source, "form": None}, status=403)
    form = TemplateUseForm(request.POST or None, programmes=programmes)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            programme = form.cleaned_data["programme"]
            try:
                copy = measure_copy_from_template(
                    source, programme=programme,
                    field_of_action=form.cleaned_data["field_of_action"], by=user,
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _(
                    "“%(title)s” is copied into %(programme)s as a draft. Adapt it to your "
                    "towns, then publish it."
                ) % {"title": copy.title, "programme": programme.title})
                return redirect("workspace:measure_detail", programme.partnership.slug,
                                copy.pk)
    return render(request, "workspace/template_use.html",
                  {"source": source, "form": form}, status=status)
