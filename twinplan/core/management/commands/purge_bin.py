"""Forget deleted items older than the bin keeps them (run daily; see docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from twinplan.core.bin import KEPT_DAYS, bin_purge


class Command(BaseCommand):
    help = f"Forget deleted items older than {KEPT_DAYS} days."

    def handle(self, *args: Any, **options: Any) -> None:
        count = bin_purge()
        self.stdout.write(f"{count} deleted item(s) older than {KEPT_DAYS} days forgotten.")
