"""Print the API's OpenAPI document (committed as twinplan/api/openapi.json)."""

import json
from typing import Any

from django.core.management.base import BaseCommand

from twinplan.api.api import api


class Command(BaseCommand):
    help = "Prints the OpenAPI document of /api/v1/ as JSON."

    def handle(self, *args: Any, **options: Any) -> None:
        schema = api.get_openapi_schema(path_prefix="/api/v1")
        self.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True))
