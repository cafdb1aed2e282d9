from django.core.management.base import BaseCommand

from twinplan.reference.models import SdgGoal, SdgTarget
from twinplan.reference.services import sdgs_sync


class Command(BaseCommand):
    help = "Update the SDG goals and targets from the packaged reference data (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        sdgs_sync(SdgGoal, SdgTarget)
        self.stdout.write(
            f"{SdgGoal.objects.count()} SDGs and {SdgTarget.objects.count()} targets are current."
        )
