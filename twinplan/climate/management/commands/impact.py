from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinplan.climate.export import report_as_data, report_as_text
from twinplan.climate.selectors import impact_report
from twinplan.partnerships.models import Partnership


class Command(BaseCommand):
    help = (
        "Print the impact balance of the partnership SLUG with the inputs and the factor "
        "provenance of every line (keys of the JSON: docs/impact-json.md). By default it "
        "counts what the public impact page counts: published measures and events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            dest="output_format")
        parser.add_argument("--include-unpublished", action="store_true",
                            help="count draft measures, programmes and events too")
        parser.add_argument("--today", default=None,
                            help="the date (YYYY-MM-DD) for money lines without a date of "
                                 "their own; default: today")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(f"--today {options['today']!r} is not a date "
                                   "(YYYY-MM-DD).") from error
        report = impact_report(
            partnership, today=today, include_unpublished=options["include_unpublished"]
        )
        if options["output_format"] == "json":
            self.stdout.write(json.dumps(report_as_data(report), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report_as_text(report), ending="")
