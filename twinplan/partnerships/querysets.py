from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models

from twinplan.core.models import PublishableQuerySet

if TYPE_CHECKING:
    from twinplan.partnerships.models import Partnership  # noqa: F401


class PartnershipQuerySet(PublishableQuerySet["Partnership"]):
    def with_members(self) -> Self:
        """Members with their municipalities, in their order, in one extra query."""
        member_model = apps.get_model("partnerships", "PartnershipMember")
        return self.prefetch_related(
            models.Prefetch(
                "members",
                queryset=member_model.objects.select_related("municipality").order_by(
                    "position", "id"
                ),
            )
        )
