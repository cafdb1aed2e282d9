from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.accounts.models import User
from twinplan.partnerships.models import Partnership
from twinplan.spreadsheets.importer import import_measures
from twinplan.spreadsheets.selectors import draft_edition
from twinplan.spreadsheets.workbook import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Import measures from FILE.xlsx (the import template, or an export) into a "
        "partnership's current draft programme edition (or --edition). Every row is "
        "checked; any problem is reported with its sheet, row and column and nothing is "
        "saved. Rows whose reference the edition has update that measure; unchanged rows "
        "change nothing. --dry-run shows what would happen and saves nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the partnership's slug")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true",
                            help="check and show what would change, save nothing")
        parser.add_argument("--edition", type=int, default=None,
                            help="the programme edition (default: the latest draft)")
        parser.add_argument("--user", default=None,
                            help="the username recorded as the author in the history")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        if options["edition"] is None:
            programme = draft_edition(partnership)
            if programme is None:
                editions = ", ".join(str(p.edition) for p in partnership.programmes.all())
                raise CommandError(
                    f"{partnership.slug} has no draft programme edition; name one with "
                    f"--edition (editions: {editions or 'none'})."
                )
        else:
            programme = partnership.programmes.filter(edition=options["edition"]).first()
            if programme is None:
                raise CommandError(f"{partnership.slug} has no edition {options['edition']}.")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            report = import_measures(programme=programme, content=content, by=user,
                                     dry_run=options["dry_run"])
        except SpreadsheetError as error:
            raise CommandError(f"{path}: {error}") from error
        if report.problems:
            raise CommandError(
                f"{path}: nothing was imported.\n" + "\n".join(str(p) for p in report.problems)
            )
        for row in report.rows:
            self.stdout.write(f"row {row.row}: {row.code} {row.action}")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"{path} → edition {programme.edition}: {len(report.created)} {verb} created, "
            f"{len(report.changed)} changed, {len(report.unchanged)} left alone."
            + (" Nothing was saved (dry run)." if options["dry_run"] else "")
        )
