"""The task queue's entry point for large imports; the work is in services.sheet_import_run.

django-tasks is the backport of Django 6's `django.tasks`; on Django 6 the import becomes
`from django.tasks import task` and nothing else changes.
"""

from __future__ import annotations

from django_tasks import task

from twinplan.spreadsheets.services import sheet_import_run


@task()
def run_sheet_import(import_id: int, language: str | None = None) -> str:
    """Check (or, once confirmed, import) the upload, its messages in `language`; returns
    the state it ended in."""
    return str(sheet_import_run(import_id=import_id, language=language).state)
