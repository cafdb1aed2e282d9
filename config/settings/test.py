"""Settings for the test suite: SQLite in memory unless DATABASE_URL names another database."""

import os

os.environ.setdefault("TWINPLAN_SECRET_KEY", "test-only-key")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ["TWINPLAN_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests render pages without collected static files; WhiteNoise would warn about var/static.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise.")]  # noqa: F405

# No persistent connections: the live server's thread must let go of the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# One process: a cache of its own, whatever REDIS_URL the shell has.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public page cache is off, so no test sees a page another test cached; the tests of
# the cache itself (public/tests/test_page_cache.py) turn it on.
TWINPLAN_PAGE_CACHE_SECONDS = 0

# Tasks run at once, in the test's own thread and transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Machine translation stays off unless a test points it at its own loopback server.
LIBRETRANSLATE_URL = ""
LIBRETRANSLATE_API_KEY = ""

# The SQLite test database is a file, one per test process: the live server's threads then
# write through connections of their own, as the requests of a real server do (with an
# in-memory database every thread would share the test's one connection). The name itself
# is set too, because the live server decides by it, possibly before the test database
# exists.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and (  # noqa: F405
    DATABASES["default"]["NAME"] == ":memory:"  # noqa: F405
):
    import atexit
    import contextlib
    import tempfile

    _TEST_DB = os.path.join(tempfile.gettempdir(), f"twinplan-test-{os.getpid()}.sqlite3")
    DATABASES["default"]["NAME"] = _TEST_DB  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": _TEST_DB}  # noqa: F405

    @atexit.register
    def _remove_test_db_files() -> None:
        """Django removes the database file; WAL mode leaves its two companions."""
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(_TEST_DB + suffix)
