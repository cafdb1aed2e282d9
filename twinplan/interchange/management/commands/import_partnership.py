from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.interchange.partnership_file import PartnershipFileError, partnership_import

# A partnership file of a large partnership is a few megabytes; far more is not one.
MAX_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import a partnership file written by export_partnership. Towns, organisations and "
        "accounts already here (same GeoNames id, or country and name; same e-mail) are "
        "linked, not duplicated. A partnership with the same slug is refused unless "
        "--replace. Any problem: nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--replace", action="store_true",
                            help="replace the partnership with the same slug")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path} is larger than 200 MB; not a partnership file.")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            summary = partnership_import(data, by=None, replace=options["replace"])
        except PartnershipFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        verb = "Replaced" if summary.replaced else "Imported"
        self.stdout.write(f"{verb} the partnership {summary.partnership.slug}.")
        rows = ", ".join(f"{count} {name}" for name, count in summary.created.items() if count)
        if rows:
            self.stdout.write(f"Rows: {rows}.")
        if summary.towns_linked:
            self.stdout.write("Linked to towns already here: "
                              + ", ".join(summary.towns_linked) + ".")
        if summary.towns_created:
            self.stdout.write("New towns: " + ", ".join(summary.towns_created) + ".")
        if summary.accounts_created:
            self.stdout.write(
                "New accounts without a password (they set one with 'Forgot password'): "
                + ", ".join(summary.accounts_created) + "."
            )
