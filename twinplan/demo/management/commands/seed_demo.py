from django.core.management.base import BaseCommand

from twinplan.demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Create the two seed partnerships (Bersenbrück–Ruma, Wernigerode–Hội An) and the demo "
        "users, where missing. Running it again changes nothing."
    )

    def handle(self, *args: object, **options: object) -> None:
        logins = seed_demo()
        self.stdout.write("Demo data is in place. Demo logins (password for all: "
                          f"{DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.username:<14} {login.role}")
