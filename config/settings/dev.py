"""Settings for `make run`: one machine, SQLite under var/, e-mail to the console."""

import os

os.environ.setdefault("TWINPLAN_DEBUG", "1")
# A fixed key is fine on a developer's machine only; production.py requires one.
os.environ.setdefault("TWINPLAN_SECRET_KEY", "dev-only-insecure-key-change-me")
os.environ.setdefault("TWINPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from config.settings.base import *  # noqa: F403
