"""Settings for `make run`: one machine, SQLite under var/, e-mail to the console.

The pages are those a visitor sees (no debug pages: a missing page is the translated "not
found" page); `TWINPLAN_DEBUG=1 make run` shows Django's debug pages instead."""

import os
import sys

os.environ.setdefault("TWINPLAN_DEBUG", "0")
# A fixed key is fine on a developer's machine only; production.py requires one.
os.environ.setdefault("TWINPLAN_SECRET_KEY", "dev-only-insecure-key-change-me")
os.environ.setdefault("TWINPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from config.settings.base import *  # noqa: F403

# runserver serves no static files without DEBUG: WhiteNoise serves them from the apps'
# folders, as they are now (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Errors to the console with their traceback; refused and missing pages in one line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors": {"()": "twinplan.core.logfilters.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": sys.stderr,
                    "filters": ["client_errors"]},
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "twinplan": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
