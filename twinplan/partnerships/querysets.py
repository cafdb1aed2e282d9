from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.apps import apps
from django.db import models

from twinplan.core.models import PublishableQuerySet

if TYPE_CHECKING:
    from twinplan.partnerships.models import Partnership  # noqa: F401


class PartnershipQuerySet(PublishableQuerySet["Partnership"]):
    def visible_to(self, user: Any) -> Self:
        """Published partnerships, and those whose drafts the user may read."""
        from twinplan.partnerships.permissions import partnerships_with_drafts

        return self.filter(
            models.Q(is_published=True) | models.Q(pk__in=partnerships_with_drafts(user))
        )

    def with_drafts_for(self, user: Any) -> Self:
        """The partnerships the user works on or follows (drafts included)."""
        from twinplan.partnerships.permissions import partnerships_with_drafts

        return self.filter(pk__in=partnerships_with_drafts(user))

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
