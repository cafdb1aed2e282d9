"""A consistent copy of the database while the site runs (docs/deployment.md, "Backups")."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

PREFIX = "twinplan-"
SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database to DIRECTORY while the site runs: SQLite "
        "through its online backup API, PostgreSQL with pg_dump (custom format, for "
        "pg_restore). Copies older than --keep-days are deleted afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--keep-days", type=int, default=14,
                            help="delete this command's copies older than this many days "
                                 "(default 14; 0 keeps all)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        keep_days: int = options["keep_days"]
        if keep_days < 0:
            raise CommandError("--keep-days must be 0 or more.")
        vendor = connection.vendor
        if vendor not in SUFFIXES:
            raise CommandError(f"Backups of a {vendor} database are not supported.")
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create {directory}: {error}") from error
        stamp = timezone.now().strftime("%Y-%m-%dT%H%M%S%fZ")
        target = directory / f"{PREFIX}{stamp}{SUFFIXES[vendor]}"
        partial = target.with_name(target.name + ".partial")
        # The copy holds personal data and password hashes: for its owner's eyes only.
        previous_umask = os.umask(0o077)
        try:
            if vendor == "sqlite":
                self._sqlite(partial)
            else:
                self._postgresql(partial)
        finally:
            os.umask(previous_umask)
        partial.rename(target)
        self.stdout.write(str(target))
        if keep_days:
            self._prune(directory, keep_days, keep=target)

    def _sqlite(self, partial: Path) -> None:
        if connection.in_atomic_block:
            # SQLite's backup would wait for this connection's own transaction for ever.
            raise CommandError("A backup cannot be taken inside a transaction.")
        connection.ensure_connection()
        source = connection.connection
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        except sqlite3.Error as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"The SQLite backup failed: {error}") from error
        finally:
            copy.close()

    def _postgresql(self, partial: Path) -> None:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump is missing: apt-get install postgresql-client")
        database = connection.settings_dict
        environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
        command = [pg_dump, "--format=custom", "--no-owner", f"--file={partial}",
                   f"--dbname={database['NAME']}"]
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if database.get(key):
                command.append(f"{option}={database[key]}")
        result = subprocess.run(  # noqa: S603 (a fixed program with settings as arguments)
            command, env=environment, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")

    def _prune(self, directory: Path, keep_days: int, keep: Path) -> None:
        cutoff = (timezone.now() - timedelta(days=keep_days)).timestamp()
        for old in directory.glob(f"{PREFIX}*"):
            if old != keep and old.suffix in SUFFIXES.values() and old.stat().st_mtime < cutoff:
                old.unlink()
                self.stdout.write(f"deleted {old}")
