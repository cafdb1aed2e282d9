"""Reads about partnerships that the public pages, the API and reports share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from twinplan.core.prefetch import prefetch_if
from twinplan.municipalities.models import Municipality, MunicipalityFact
from twinplan.municipalities.selectors import Distance, distances_between
from twinplan.partnerships.models import (
    Agreement,
    Award,
    AwardAmount,
    Partnership,
    PartnershipMember,
    Phase,
)
from twinplan.partnerships.querysets import PartnershipQuerySet


def partnerships_published() -> PartnershipQuerySet:
    """Published partnerships in title order with their member towns (2 queries), only
    the columns a list shows: the card (title, summary, kind, start), the address and
    the last change (the sitemap); the towns' names."""
    return (
        Partnership.objects.published()
        .only("slug", "title", "summary", "kind", "start_date", "original_language",
              "translations", "updated_at")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=PartnershipMember.objects.select_related("municipality")
                .only("partnership_id", "municipality__name", "municipality__names")
                .order_by("position", "id"),
            )
        )
        .order_by("title", "pk")
    )


def partnership_published_or_none(slug: str) -> Partnership | None:
    """The published partnership alone, for pages about one of its parts."""
    return Partnership.objects.published().filter(slug=slug).first()


def partnership_page_or_none(slug: str, *, present: Mapping[str, Exists] | None = None
                             ) -> Partnership | None:
    """The published partnership with everything its own page shows, in fixed queries:
    the partnership with its members (two), and its agreements, awards, phases and the
    members' facts, each only when the partnership has any (flags read with the
    partnership; a list with nothing in it costs no query). `present` names flags of the
    other apps' data (`Exists` on `OuterRef("pk")`), read with it as well and set as
    `partnership.present` (name → bool)."""
    flags = dict(present or {})
    partnership = (
        Partnership.objects.published()
        .with_members()
        .select_related("initiator", "funding_programme")
        .annotate(
            has_agreements=Exists(Agreement.objects.filter(partnership=OuterRef("pk"))),
            has_awards=Exists(Award.objects.filter(partnership=OuterRef("pk"))),
            has_phases=Exists(Phase.objects.filter(partnership=OuterRef("pk"))),
            has_member_facts=Exists(MunicipalityFact.objects.filter(
                municipality__memberships__partnership=OuterRef("pk"))),
            **{f"present_{name}": flag for name, flag in flags.items()},
        )
        .filter(slug=slug)
        .first()
    )
    if partnership is None:
        return None
    partnership.present = {  # type: ignore[attr-defined]
        name: getattr(partnership, f"present_{name}") for name in flags}
    has = {name: getattr(partnership, f"has_{name}")
           for name in ("agreements", "awards", "phases", "member_facts")}
    prefetch_related_objects(
        [partnership],
        prefetch_if(has["agreements"], "agreements",
                     Agreement.objects.prefetch_related("parties").order_by("signed_on", "id")),
        prefetch_if(has["awards"], "awards", Award.objects.prefetch_related(
            Prefetch("amounts", queryset=AwardAmount.objects.select_related("recipient")))),
        prefetch_if(has["phases"], "phases", Phase.objects.all()),
        # Read by `partnership_facts`, which then finds them here.
        prefetch_if(has["member_facts"], "members__municipality__facts",
                     MunicipalityFact.objects.all()),
    )
    return partnership


def member_municipalities(partnership: Partnership) -> list[Municipality]:
    """The members in their order; uses the prefetch of `with_members()` when present."""
    return [member.municipality for member in partnership.members.all()]


def member_municipalities_loaded(partnership: Partnership) -> list[Municipality]:
    """The members in their order: from the prefetch of `with_members()` when the
    partnership came with it, else in one query (never one per member)."""
    if "members" in getattr(partnership, "_prefetched_objects_cache", {}):
        return member_municipalities(partnership)
    return list(
        Municipality.objects.filter(memberships__partnership=partnership)
        .order_by("memberships__position", "memberships__id")
    )


@dataclass(frozen=True)
class PartnershipFacts:
    municipalities: list[Municipality]
    distances: list[Distance]


def partnership_facts(partnership: Partnership) -> PartnershipFacts:
    """Both municipalities side by side (with their facts) and the distance between them."""
    municipalities = member_municipalities_loaded(partnership)
    # The members' municipalities as loaded (with the partnership's `with_members()`), their
    # facts added in one query: not the municipalities a second time.
    prefetch_related_objects(municipalities, "facts")
    return PartnershipFacts(
        municipalities=municipalities, distances=distances_between(municipalities)
    )
