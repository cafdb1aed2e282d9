from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from twinplan.partnerships.models import Partnership
from twinplan.spreadsheets.export import TABLES, plan_csv, plan_workbook
from twinplan.spreadsheets.selectors import latest_edition


class Command(BaseCommand):
    help = (
        "Export a partnership's measure plan: FILE.xlsx gets a sheet each of measures, "
        "resources and indicator values (and the explanation of the columns); FILE.csv gets "
        "one table (--table). The latest programme edition unless --edition says otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the partnership's slug")
        parser.add_argument("--output", type=Path, required=True,
                            help="the file to write, ending in .xlsx or .csv")
        parser.add_argument("--edition", type=int, default=None,
                            help="the programme edition (default: the latest)")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="the language of the headers")
        parser.add_argument("--table", choices=TABLES, default="measures",
                            help="for CSV: which table")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        if options["edition"] is None:
            programme = latest_edition(partnership)
        else:
            programme = partnership.programmes.filter(edition=options["edition"]).first()
        if programme is None:
            raise CommandError(f"{partnership.slug} has no such programme edition.")
        output: Path = options["output"]
        language = options["language"]
        with translation.override(language):
            if output.suffix.lower() == ".csv":
                data: bytes = plan_csv(programme, language, options["table"]).encode("utf-8")
            elif output.suffix.lower() == ".xlsx":
                data = plan_workbook(programme, language)
            else:
                raise CommandError("--output must end in .xlsx or .csv.")
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error}") from error
        self.stdout.write(f"{output}: edition {programme.edition} of {partnership.slug}.")
