"""`/sitemap.xml`: the public pages of published partnerships and their published measures
and events, each in every interface language with `hreflang` alternates
(django.contrib.sitemaps)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from twinplan.events.models import Event
from twinplan.events.selectors import events_published_everywhere
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import partnerships_published
from twinplan.programmes.models import Measure
from twinplan.programmes.selectors import measures_published_everywhere


class _InEveryLanguage(Sitemap[Any]):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]


class StaticPagesSitemap(_InEveryLanguage):
    """The pages that are not about one partnership."""

    def items(self) -> list[str]:
        return ["public:home", "public:partnership_directory", "public:accessibility",
                "public:privacy", "public:impressum"]

    def location(self, item: str) -> str:
        return reverse(item)


class PartnershipSitemap(_InEveryLanguage):
    def items(self) -> list[tuple[Partnership, str]]:
        return [
            (partnership, name)
            for partnership in partnerships_published()
            for name in ("public:partnership", "public:programme", "public:partnership_impact")
        ]

    def location(self, item: tuple[Partnership, str]) -> str:
        partnership, name = item
        return reverse(name, kwargs={"slug": partnership.slug})

    def lastmod(self, item: tuple[Partnership, str]) -> Any:
        return item[0].updated_at


class MeasureSitemap(_InEveryLanguage):
    def items(self) -> Any:
        return measures_published_everywhere()

    def location(self, item: Measure) -> str:
        return reverse("public:measure",
                       kwargs={"slug": item.programme.partnership.slug, "pk": item.pk})

    def lastmod(self, item: Measure) -> Any:
        return item.updated_at


class EventSitemap(_InEveryLanguage):
    def items(self) -> Any:
        return events_published_everywhere()

    def location(self, item: Event) -> str:
        return reverse("public:event", kwargs={"slug": item.partnership.slug, "pk": item.pk})

    def lastmod(self, item: Event) -> Any:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap[Any]]] = {
    "pages": StaticPagesSitemap,
    "partnerships": PartnershipSitemap,
    "measures": MeasureSitemap,
    "events": EventSitemap,
}
