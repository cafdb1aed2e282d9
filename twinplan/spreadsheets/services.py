"""Writes of the spreadsheets app: an upload is checked (a dry run of the import, which is
the preview), then on confirmation imported. Small files are handled at once; a large one
on the task worker, which reports its progress row by row. The measures themselves are
written by the importer through the programmes' and climate's services."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from twinplan.accounts.models import User
from twinplan.partnerships.models import Partnership
from twinplan.programmes.models import ActionProgramme
from twinplan.spreadsheets.importer import import_measures
from twinplan.spreadsheets.models import ImportState, SheetImport
from twinplan.spreadsheets.workbook import SpreadsheetError, row_count

logger = logging.getLogger(__name__)

# Files with more rows than this are checked and imported on the task worker.
BACKGROUND_FROM_ROWS = 200


def sheet_import_create(
    *, partnership: Partnership, programme: ActionProgramme, by: User, file_name: str,
    content: bytes,
) -> SheetImport:
    """Keep the upload and check it: at once when it is small, else on the task worker."""
    upload = SheetImport.objects.create(
        partnership=partnership, programme=programme, uploaded_by=by,
        file_name=file_name[:255], content=content, state=ImportState.CHECKING,
    )
    _start(upload)
    return upload


def sheet_import_confirm(upload: SheetImport, /, *, by: User) -> SheetImport:
    """Import a checked upload that had no problems (the rows are validated again)."""
    updated = SheetImport.objects.filter(pk=upload.pk, state=ImportState.CHECKED).update(
        state=ImportState.IMPORTING, rows_done=0
    )
    if not updated:
        return SheetImport.objects.get(pk=upload.pk)
    upload.refresh_from_db()
    _start(upload)
    return upload


def _start(upload: SheetImport) -> None:
    language = translation.get_language()
    if row_count(bytes(upload.content)) <= BACKGROUND_FROM_ROWS:
        sheet_import_run(import_id=upload.pk, language=language)
        return
    transaction.on_commit(lambda: _enqueue(upload.pk, language))


def _enqueue(import_id: int, language: str | None) -> None:
    from twinplan.spreadsheets.tasks import run_sheet_import  # the task imports this module

    try:
        run_sheet_import.enqueue(import_id, language)
    except Exception:  # the queue is away: say so on the page instead of failing
        logger.exception("Could not queue spreadsheet import %s", import_id)
        SheetImport.objects.filter(pk=import_id).update(
            state=ImportState.REFUSED,
            error=_("The import could not be put on the task queue; please try again later."),
        )


def sheet_import_run(*, import_id: int, language: str | None = None) -> SheetImport:
    """Check the upload (state checking) or import it (state importing), recording the
    rows done as it goes and the report at the end."""
    upload = SheetImport.objects.select_related("programme", "uploaded_by").get(pk=import_id)
    if upload.state not in (ImportState.CHECKING, ImportState.IMPORTING):
        return upload
    dry_run = upload.state == ImportState.CHECKING

    def progress(done: int, total: int) -> None:
        # While importing, the rows are written in one transaction that others see only
        # at its end; the page then shows the number of rows, not how far it got.
        if dry_run and (done == total or done % 25 == 0):
            SheetImport.objects.filter(pk=upload.pk).update(rows_done=done, rows_total=total)

    with translation.override(language or upload.uploaded_by.language or None):
        try:
            report = import_measures(
                programme=upload.programme, content=bytes(upload.content),
                by=upload.uploaded_by, dry_run=dry_run, progress=progress,
            )
        except SpreadsheetError as error:
            upload.state, upload.error = ImportState.REFUSED, str(error)
        else:
            upload.report = report.as_json()
            if report.problems:
                upload.state = ImportState.REFUSED
            else:
                upload.state = ImportState.CHECKED if dry_run else ImportState.DONE
            upload.rows_total = upload.rows_done = len(report.rows) or upload.rows_total
    if upload.state in (ImportState.DONE, ImportState.REFUSED):
        upload.content = b""
    upload.save()
    return upload
