from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.accounts.models import User
from twinplan.accounts.services import personal_data_export_json


class Command(BaseCommand):
    help = "Write everything kept about one person to a JSON file (see docs/personal-data.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--output", required=True, help="the JSON file to write")

    def handle(self, *args: Any, username: str, output: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {str(path.parent)!r} does not exist.")
        path.write_text(personal_data_export_json(user=user) + "\n", encoding="utf-8")
        self.stdout.write(f"The personal data of {username} are in {path}.")
