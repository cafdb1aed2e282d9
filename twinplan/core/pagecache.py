"""The generation of what public pages show, for the page cache (twinplan.public.cache).

A cached public page is stored under a key that includes the current *generation*: a
random token kept in the cache itself. Every write that can show on a public page
replaces the token (`public_generation_bump`), so every page cached before it is never
read again and expires on its own. One global generation is the simplest design that is
correct: an edit of one partnership also renews the cached pages of the others, which
only costs one render each.

The bump is wired to Django's model signals (`post_save`, `post_delete`, `m2m_changed`)
for every model except the few that never show on a public page (`_NEVER_PUBLIC`), so
every service — `core.writes`, the translations, the publishing, the exchange rates, the
bin, imports — invalidates without having to remember it. A write that bypasses the
signals (`QuerySet.update`, `bulk_create`, `bulk_update`) calls `public_generation_bump`
itself (`money.services.rates_load`, `programmes.services`' progress, `core.bin` and the
generator of `demo`).

The token is replaced at once and again when the transaction commits: the first makes the
change visible to the writer's next request, the second retires any page that another
request rendered from the old data while the transaction was still open.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError, models, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)

GENERATION_KEY = "twinplan:public-generation"

logger = logging.getLogger(__name__)

# Models whose rows never show on a public page; their writes (a session saved, a visit
# recorded, a failed login counted, a job's progress) leave cached pages alone.
_NEVER_PUBLIC = frozenset({
    "sessions.session",
    "migrations.migration",
    "admin.logentry",
    "contenttypes.contenttype",
    "auth.permission",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "digest.workspacevisit",
    "digest.digestpreference",
    "accounts.apitoken",
    "django_tasks_database.dbtaskresult",
    "machinetranslation.machinetranslationjob",
    "spreadsheets.sheetimport",
    "reports.edition",
})


def public_generation() -> str:
    """The current generation token (made when the cache holds none, e.g. after a restart
    of a local-memory cache or an eviction: a new random token never meets an old page)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token
    return str(token)


def _renew() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def public_generation_bump() -> None:
    """Retire every cached public page: now, and once more when the current transaction
    commits (see the module's note)."""
    _renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_renew)


def _shows_on_public_pages(sender: type[models.Model]) -> bool:
    meta = sender._meta
    if meta.label_lower in _NEVER_PUBLIC:
        return False
    # django-simple-history's rows accompany a save of their object, which bumps already.
    return not hasattr(sender, "instance_type")


# True while `migrate` runs. Its data migrations write rows, but the page cache may not exist
# yet (production's database cache table is made by `createcachetable` after `migrate`),
# and on PostgreSQL a failed cache query would abort the migration's transaction. The
# pages are retired once when it has finished (`_after_migrate`).
_migrating = False


def _before_migrate(**kwargs: Any) -> None:
    global _migrating
    _migrating = True


def _after_migrate(**kwargs: Any) -> None:
    global _migrating
    if not _migrating:
        return  # post_migrate comes once per app; the first retires the pages
    _migrating = False
    try:
        _renew()
    except DatabaseError:
        # The database cache's table does not exist yet: no page is cached either.
        logger.info("page cache not ready after migrate; nothing to retire")


def _on_write(sender: type[models.Model], **kwargs: Any) -> None:
    if kwargs.get("raw") or _migrating:
        return  # loaddata: fixtures; migrate: see _migrating
    if _shows_on_public_pages(sender):
        public_generation_bump()


def _on_links(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _on_write(kwargs["model"] if sender._meta.auto_created else sender)


def connect() -> None:
    """Called once from `CoreConfig.ready`."""
    post_save.connect(_on_write, dispatch_uid="twinplan-public-generation-save")
    post_delete.connect(_on_write, dispatch_uid="twinplan-public-generation-delete")
    m2m_changed.connect(_on_links, dispatch_uid="twinplan-public-generation-links")
    pre_migrate.connect(_before_migrate, dispatch_uid="twinplan-public-generation-migrate")
    post_migrate.connect(_after_migrate, dispatch_uid="twinplan-public-generation-migrated")
