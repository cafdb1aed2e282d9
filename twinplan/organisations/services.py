from typing import Any

from twinplan.core.services import validated_save
from twinplan.organisations.models import Organisation


def organisation_create(*, name: str, kind: str, **fields: Any) -> Organisation:
    municipality = fields.get("municipality")
    if municipality is not None:
        fields.setdefault("country", municipality.country)
        fields.setdefault("original_language", municipality.first_language or "en")
    organisation = Organisation(name=name, kind=kind, **fields)
    return validated_save(organisation)
