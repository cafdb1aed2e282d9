"""The Atom feed of a partnership's published progress, in the language of the URL prefix
(`/<lang>/partnerships/<slug>/progress.atom`), linked from the partnership page."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from twinplan.core.templatetags.twinplan import html_lang
from twinplan.core.translation import translated
from twinplan.partnerships.models import Partnership
from twinplan.partnerships.selectors import partnership_published_or_none
from twinplan.programmes.models import ProgressEntry
from twinplan.programmes.selectors import progress_published


def _language() -> str:
    return get_language() or "en"


class PartnershipProgressFeed(Feed[ProgressEntry, Partnership]):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Partnership:
        partnership = partnership_published_or_none(slug)
        if partnership is None:
            raise Http404("No published partnership with this address.")
        return partnership

    def title(self, obj: Partnership) -> str:
        return _("Progress: %(partnership)s") % {
            "partnership": translated(obj, "title", _language()).text
        }

    def subtitle(self, obj: Partnership) -> str:
        return _("How the measures of the partnership developed, as its coordinators "
                 "published it.")

    def link(self, obj: Partnership) -> str:
        return reverse("public:partnership", kwargs={"slug": obj.slug})

    def feed_url(self, obj: Partnership) -> str:
        return reverse("public:progress_feed", kwargs={"slug": obj.slug})

    @property
    def language(self) -> str:  # type: ignore[override]
        """The feed's xml:lang: the language of the URL prefix, as HTML writes it."""
        return html_lang(_language())

    def items(self, obj: Partnership) -> list[ProgressEntry]:
        return progress_published(obj)

    def item_title(self, item: ProgressEntry) -> str:
        return f"{translated(item.measure, 'title', _language()).text} · " \
               f"{item.get_kind_display()}"

    def item_description(self, item: ProgressEntry) -> str:
        return translated(item, "text", _language()).text

    def item_link(self, item: ProgressEntry) -> str:
        url = reverse("public:measure", kwargs={
            "slug": self._partnership_slug(item), "pk": item.measure_id})
        return f"{url}#progress-{item.pk}"

    def item_guid(self, item: ProgressEntry) -> str:
        return f"progress-entry-{item.pk}"

    def item_guid_is_permalink(self, item: ProgressEntry) -> bool:
        return False

    def item_pubdate(self, item: ProgressEntry) -> datetime:
        if item.date is not None:
            return datetime.combine(item.date, time(12), tzinfo=UTC)
        return item.created_at

    def item_updateddate(self, item: ProgressEntry) -> datetime:
        return item.updated_at

    def _partnership_slug(self, item: ProgressEntry) -> str:
        return item.measure.programme.partnership.slug
