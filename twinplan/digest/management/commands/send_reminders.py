"""Mail each person their digest when it is due (see digest.services.send_reminders)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from twinplan.digest.services import send_reminders


class Command(BaseCommand):
    help = (
        "Mails each person with a role one digest in their language: their stale measures, "
        "the reports waiting for their review and what the partner town changed since "
        "their last digest, at the interval they chose (weekly unless they chose "
        "otherwise). Sends at most one digest per person and day, so it is safe to run "
        "again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default=getattr(settings, "TWINPLAN_BASE_URL", ""),
            help="the address links in the mail start with, e.g. https://twinplan.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(base_url=options["base_url"].rstrip("/"))
        self.stdout.write(f"Digests sent: {sent}.")
