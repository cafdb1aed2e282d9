from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinplan.partnerships.models import Partnership
from twinplan.reports.models import DocumentFormat, DocumentKind, EditionScope
from twinplan.reports.render import document
from twinplan.reports.services import parse_languages


class Command(BaseCommand):
    help = (
        "Write a document of the partnership SLUG to FILE: the results report, the action "
        "programme or the funder's report, in one content language or two side by side "
        "(--lang de,sr), as PDF or HTML. It holds published content only unless "
        "--include-unpublished is given. Nothing is issued: issued editions are made in "
        "the workspace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--kind", choices=DocumentKind.values, default=DocumentKind.RESULTS)
        parser.add_argument("--lang", required=True,
                            help="one content language, or two separated by a comma")
        parser.add_argument("--format", choices=DocumentFormat.values, default="pdf",
                            dest="file_format")
        parser.add_argument("--output", required=True, help="the file to write ('-' for "
                            "standard output, HTML only)")
        parser.add_argument("--include-unpublished", action="store_true",
                            help="include drafts (for internal use)")
        parser.add_argument("--today", default=None,
                            help="the date the document is as of (YYYY-MM-DD); default today")

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["slug"]).first()
        if partnership is None:
            raise CommandError(f"No partnership with the slug {options['slug']!r}.")
        try:
            languages = parse_languages(options["lang"])
        except ValidationError as error:
            raise CommandError(f"--lang: {' '.join(error.messages)}") from error
        drafts = options["include_unpublished"]
        if not drafts and not partnership.is_published:
            raise CommandError(f"The partnership {partnership.slug!r} is not published; "
                               "add --include-unpublished for an internal document.")
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(f"--today {options['today']!r} is not a date "
                                   "(YYYY-MM-DD).") from error
        output = options["output"]
        if output == "-" and options["file_format"] != DocumentFormat.HTML:
            raise CommandError("A PDF cannot go to standard output; give --output FILE.")
        content = document(
            partnership,
            kind=options["kind"],
            languages=languages,
            scope=EditionScope.DRAFT if drafts else EditionScope.PUBLIC,
            today=today,
            file_format=options["file_format"],
        )
        if output == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        path = Path(output)
        if not path.parent.exists():
            raise CommandError(f"--output: the folder {str(path.parent)!r} does not exist.")
        path.write_bytes(content)
        self.stderr.write(f"Wrote {path} ({len(content)} bytes).")
