"""The upload form: a workbook and the edition it goes to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinplan.partnerships.models import Partnership
from twinplan.spreadsheets.selectors import current_edition, draft_edition
from twinplan.spreadsheets.workbook import SpreadsheetError, check_file, max_upload_bytes


class EditionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(title)s (edition %(edition)s, %(status)s)") % {
            "title": obj.title, "edition": obj.edition, "status": obj.get_status_display(),
        }


class UploadForm(forms.Form):
    programme = EditionChoice(
        queryset=None, label=gettext_lazy("Programme edition"),
        help_text=gettext_lazy("The measures are imported into this edition."),
    )
    file = forms.FileField(
        label=gettext_lazy("Measure plan (.xlsx)"),
        help_text=gettext_lazy("Fill in the import template, or a plan exported here."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = partnership.programmes.order_by("-edition")
        draft = draft_edition(partnership)
        if draft is not None:
            field.initial = draft.pk
            return
        current = current_edition(partnership)
        if current is not None:
            # No draft: the import changes the edition in force, and the page says so.
            field.initial = current.pk
            field.help_text = _(
                "There is no draft edition; the measures are imported into edition "
                "%(edition)s (%(status)s) unless you choose another."
            ) % {"edition": current.edition, "status": current.get_status_display()}

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(_(
                "The file is %(size)s MB; at most %(limit)s MB can be imported."
            ) % {"size": f"{upload.size / 1024 / 1024:.0f}",
                 "limit": f"{max_upload_bytes() / 1024 / 1024:.0f}"})
        content: bytes = upload.read()
        try:
            check_file(content)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        self.file_name = upload.name or "plan.xlsx"
        return content
