from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.money.rates_csv import FORMATS
from twinplan.money.services import exchange_rates_load


class Command(BaseCommand):
    help = (
        "Load exchange rates from FILE: a plain CSV with the header date,base,quote,rate,source "
        "or the ECB reference-rate CSV (eurofxref.csv, eurofxref-hist.csv; it has no RSD or "
        "VND). All or nothing: any bad line is reported with its line and column and nothing "
        "is saved. Loading the same file twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, default="auto", dest="file_format",
                            help="the file's format (default: recognised from its header)")
        parser.add_argument("--currencies", default="",
                            help="ECB format: load only these currencies, e.g. USD,GBP")
        parser.add_argument("--source", default=None,
                            help="ECB format: the source to record instead of the ECB's name")
        parser.add_argument("--demo", action="store_true",
                            help="mark the rates as demo content")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        currencies = [c for c in options["currencies"].split(",") if c.strip()]
        try:
            loaded = exchange_rates_load(
                text=text,
                file_format=options["file_format"],
                source=options["source"],
                currencies=currencies or None,
                is_demo_content=options["demo"],
            )
        except ValidationError as error:
            raise CommandError(
                f"{path}: nothing was saved.\n" + "\n".join(error.messages)
            ) from error
        self.stdout.write(
            f"{path} ({loaded.file_format}): {loaded.created} rates added, {loaded.changed} "
            f"changed, {loaded.unchanged} unchanged."
        )
