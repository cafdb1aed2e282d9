from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinplan.accounts.models import User
from twinplan.accounts.services import user_erase


class Command(BaseCommand):
    help = ("Erase one person's personal data for good: the row is anonymised, roles and "
            "invitations to them removed; history reads “a deleted user” "
            "(docs/personal-data.md). Export first if the person asked for their data.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        try:
            erasure = user_erase(user=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        removed = ", ".join(f"{key}: {count}" for key, count in erasure.removed.items())
        self.stdout.write(f"{username} is now {erasure.user.username}; removed "
                          f"{removed or 'no other rows'}.")
