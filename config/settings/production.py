"""Settings for the production server (`make serve-prod`, config/gunicorn.py) behind a
reverse proxy that terminates HTTPS. Secrets and hosts come from the environment; see
docs/deployment.md for every variable and docs/configuration.md for their defaults.

Nothing is kept in one process's memory between requests: sessions and background jobs
live in the database, the cache in Redis (REDIS_URL) or else in a database table, so any
number of gunicorn workers and machines can serve the same site."""

import json
import logging
import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, REDIS_URL


def _port(name: str, default: str) -> int:
    raw = env_str(name, default)
    if not raw.strip().isdigit() or not 0 < int(raw) < 65536:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a port number (1–65535).")
    return int(raw)


def _json_options(name: str) -> dict[str, Any]:
    raw = env_str(name, "").strip()
    if not raw:
        return {}
    try:
        options = json.loads(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from None
    if not isinstance(options, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, e.g. {{\"bucket_name\": …}}.")
    return options


if not REDIS_URL:
    # Shared by all processes; the table is made by `manage.py createcachetable`, which
    # `make serve-prod` and the upgrade steps in docs/deployment.md run.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "twinplan_cache",
    }

# Hashed names (app.3f2a9c.css) so a new release never meets an old cached file; served by
# WhiteNoise with far-future cache headers, compressed ahead of time by collectstatic.
# Uploaded photos and documents: files under TWINPLAN_VAR_DIR/media by default, or any
# storage backend with its options as JSON (an object store, docs/deployment.md).
STORAGES = {
    "default": {
        "BACKEND": env_str("TWINPLAN_MEDIA_STORAGE",
                           "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": _json_options("TWINPLAN_MEDIA_STORAGE_OPTIONS"),  # type: ignore[dict-item]
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS ends at the reverse proxy, which says so in X-Forwarded-Proto (docs/deployment.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("TWINPLAN_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
# Both are promises about every subdomain and about the browsers' built-in lists, which
# only the domain's owner can make; docs/deployment.md explains the two warnings of
# `check --deploy` they leave when off.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TWINPLAN_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("TWINPLAN_HSTS_PRELOAD", default=False)

# E-mail (invitations) through an SMTP server; the backend defaults to SMTP in base.py.
EMAIL_HOST = env_str("TWINPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = _port("TWINPLAN_EMAIL_PORT", "25")
EMAIL_HOST_USER = env_str("TWINPLAN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("TWINPLAN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TWINPLAN_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("TWINPLAN_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 30
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

# Everything to standard output, where systemd's journal (or any process manager) keeps it.
LOG_LEVEL = env_str("TWINPLAN_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"TWINPLAN_LOG_LEVEL={LOG_LEVEL!r} is not a level; use DEBUG, INFO, WARNING or ERROR."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"},
    },
    # Refused and missing pages in one line, without the traceback of their exception.
    "filters": {
        "client_errors": {"()": "twinplan.core.logfilters.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout,
                   "formatter": "plain", "filters": ["client_errors"]},
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Server errors (with their traceback) are logged, never e-mailed.
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
    },
}
