"""The scheduled housekeeping, run once a day by the systemd timer in docs/deployment.md."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend


class Command(BaseCommand):
    help = (
        "The daily housekeeping: delete expired sessions (clearsessions), the results of "
        "background jobs that finished more than 14 days ago (prune_db_task_results) and "
        "deleted items the bin no longer keeps (purge_bin), and mails the digests that are "
        "due (send_reminders). Safe "
        "to run at any time and as often as you like; with nothing to do it changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        self.stdout.write("Deleting expired sessions.")
        call_command("clearsessions", verbosity=verbosity)
        database_backends = [
            alias for alias in task_backends
            if isinstance(task_backends[alias], DatabaseBackend)
        ]
        for alias in database_backends:
            self.stdout.write(f"Pruning finished background jobs ({alias}).")
            call_command("prune_db_task_results", backend=task_backends[alias],
                         queue_name="*", verbosity=verbosity)
        call_command("purge_bin", stdout=self.stdout)
        call_command("send_reminders", stdout=self.stdout)
        self.stdout.write("Daily housekeeping done.")
