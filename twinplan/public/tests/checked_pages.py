"""The pages the machine checks (axe-core in a browser, the Nu HTML Checker on the
rendered HTML) look at: every public page and the main workspace pages, on the demo data
(`seed_demo`), each in every interface language (docs/accessibility.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from twinplan.core.models import ReviewState
from twinplan.events.models import Event
from twinplan.programmes.models import Measure, ProgressEntry

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SLUG = "bersenbrueck-ruma"
# The coordinator for Bersenbrück in the demo (twinplan/demo/seed.py).
USERNAME = "bersenbrueck"
# The demo's programme coordinator: the workspace network dashboard is theirs.
PROGRAMME_USERNAME = "programme"
PASSWORD = "twinplan-demo"


@dataclass(frozen=True)
class CheckedPage:
    name: str
    path: str  # without the language prefix
    logged_in: bool = False
    username: str = USERNAME  # whom `logged_in` pages are seen as

    @property
    def user(self) -> str | None:
        """The demo user the page is opened as, None for a visitor."""
        return self.username if self.logged_in else None

    def url(self, language: str) -> str:
        return f"/{language}{self.path}"


def checked_pages() -> list[CheckedPage]:
    """Call after `seed_demo`: the addresses name demo rows. One progress entry is put back
    into review so that the review queue has something to show."""
    measure = Measure.objects.published().filter(programme__partnership__slug=SLUG).order_by(
        "code").first()
    assert measure is not None, "seed_demo has not run"
    # An event with photos (the demo's public events have placeholder pictures) if any.
    events = Event.objects.published().filter(partnership__slug=SLUG).order_by("pk")
    event = events.filter(media_items__isnull=False).first() or events.first()
    assert event is not None, "seed_demo has not run"
    entry = ProgressEntry.objects.filter(measure=measure).order_by("pk").first()
    if entry is not None:
        ProgressEntry.objects.filter(pk=entry.pk).update(review_state=ReviewState.PENDING)
    workspace = f"/workspace/{SLUG}"
    return [
        CheckedPage("home", "/"),
        CheckedPage("directory", "/partnerships/"),
        CheckedPage("directory filtered", "/partnerships/?country=RS&kind=sustainability"),
        CheckedPage("network dashboard", "/network/"),
        CheckedPage("library", "/library/"),
        CheckedPage("search", "/search/?q=Ruma"),
        CheckedPage("partnership", f"/partnerships/{SLUG}/"),
        CheckedPage("programme", f"/partnerships/{SLUG}/programme/"),
        CheckedPage("impact", f"/partnerships/{SLUG}/impact/"),
        CheckedPage("measure", f"/partnerships/{SLUG}/measures/{measure.pk}/"),
        CheckedPage("event", f"/partnerships/{SLUG}/events/{event.pk}/"),
        CheckedPage("documents", f"/partnerships/{SLUG}/documents/"),
        CheckedPage("privacy", "/privacy/"),
        CheckedPage("impressum", "/impressum/"),
        CheckedPage("accessibility statement", "/accessibility/"),
        CheckedPage("login", "/accounts/login/"),
        CheckedPage("workspace dashboard", "/workspace/", logged_in=True),
        CheckedPage("workspace overview (programme tree)", f"{workspace}/", logged_in=True),
        CheckedPage("workspace measure", f"{workspace}/measures/{measure.pk}/",
                    logged_in=True),
        CheckedPage("measure edit", f"{workspace}/measure/{measure.pk}/edit/",
                    logged_in=True),
        CheckedPage("translations", f"{workspace}/translations/", logged_in=True),
        CheckedPage("translation edit",
                    f"{workspace}/translations/measure/{measure.pk}/en/", logged_in=True),
        CheckedPage("review queue", f"{workspace}/review/", logged_in=True),
        CheckedPage("workspace network dashboard", "/workspace/network/dashboard/",
                    logged_in=True, username=PROGRAMME_USERNAME),
    ]
