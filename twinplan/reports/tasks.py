"""The task queue's entry point: one edition build per task (the work is in
services.edition_build). On Django 6 the import becomes `from django.tasks import task`."""

from __future__ import annotations

from django_tasks import task

from twinplan.reports.services import edition_build


@task()
def build_edition(edition_id: int) -> str:
    """Build the edition and return the state it ended in ("ready" or "failed")."""
    return str(edition_build(edition_id=edition_id).state)
