from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.interchange.partnership_file import partnership_file
from twinplan.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Write everything the partnership SLUG owns to one JSON file (the lossless "
        "partnership file, docs/partnership-file.md), for a backup or another installation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--output", required=True, help="the file to write ('-': stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        text = partnership_file(partnership)
        if options["output"] == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(options["output"]).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {partnership.slug} to {options['output']}.")
