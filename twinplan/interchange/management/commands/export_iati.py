from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.interchange.iati import IatiNotReady, iati_activities
from twinplan.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Write the partnership SLUG as an IATI 2.03 activity (XML; docs/iati.md): its "
        "published programme and measures, with the funding programme's IATI settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--output", required=True, help="the file to write ('-': stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        try:
            data = iati_activities(partnership)
        except IatiNotReady as error:
            raise CommandError(
                "The IATI file cannot be written yet: " + " ".join(error.missing)
            ) from None
        if options["output"] == "-":
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {partnership.slug} to {options['output']}.")
