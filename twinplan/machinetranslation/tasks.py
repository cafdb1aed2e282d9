"""The task queue's entry point: one machine-translation job per task. The work and its
rules are in services.machine_translation_job_run.

django-tasks is the backport of Django 6's `django.tasks`; on Django 6 the import becomes
`from django.tasks import task` and nothing else changes.
"""

from __future__ import annotations

from django_tasks import task

from twinplan.machinetranslation.services import machine_translation_job_run


@task()
def run_machine_translation_job(job_id: int) -> str:
    """Run the job and return the state it ended in ("done", "skipped" or "failed")."""
    return str(machine_translation_job_run(job_id=job_id).state)
