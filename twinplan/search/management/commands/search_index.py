from django.core.management.base import BaseCommand

from twinplan.search.index import index_rebuild


class Command(BaseCommand):
    help = ("Rebuild the full-text search index from the published content (it is kept "
            "current after every write; this is for a fresh or restored database).")

    def handle(self, *args: object, **options: object) -> None:
        count = index_rebuild()
        self.stdout.write(f"Search index rebuilt: {count} documents.")
