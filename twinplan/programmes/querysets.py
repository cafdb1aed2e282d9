from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db.models import Q

from twinplan.core.models import PublishableQuerySet

if TYPE_CHECKING:
    from twinplan.programmes.models import ActionProgramme, Measure  # noqa: F401


class ProgrammeQuerySet(PublishableQuerySet["ActionProgramme"]):
    def published(self) -> Self:
        """Published programmes of published partnerships."""
        return self.filter(is_published=True, partnership__is_published=True)


class MeasureQuerySet(PublishableQuerySet["Measure"]):
    def visible_to(self, user: Any) -> Self:
        """What `user` may read: published measures, and every measure of the partnerships
        whose drafts they may read."""
        from twinplan.partnerships.permissions import partnerships_with_drafts

        return self.filter(
            Q(pk__in=self.published().values("pk"))
            | Q(programme__partnership__in=partnerships_with_drafts(user))
        )

    def published(self) -> Self:
        """A published measure stays hidden while its programme or partnership is not."""
        return self.filter(
            is_published=True,
            programme__is_published=True,
            programme__partnership__is_published=True,
        )
