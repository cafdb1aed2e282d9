"""Settings shared by every environment. Values that differ per deployment come from the
environment through config.env; see docs/configuration.md."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_list, env_positive_float, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TWINPLAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("TWINPLAN_DEBUG", default=False)
SECRET_KEY = env_str("TWINPLAN_SECRET_KEY")
ALLOWED_HOSTS = env_list("TWINPLAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("TWINPLAN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "twinplan.core",
    "twinplan.accounts",
    "twinplan.machinetranslation",
    "twinplan.reference",
    "twinplan.municipalities",
    "twinplan.organisations",
    "twinplan.partnerships",
    "twinplan.glossary",
    "twinplan.programmes",
    "twinplan.events",
    "twinplan.indicators",
    "twinplan.money",
    "twinplan.climate",
    "twinplan.adaptation",
    "twinplan.spreadsheets",
    "twinplan.media",
    "twinplan.interchange",
    "twinplan.reports",
    "twinplan.digest",
    "twinplan.search",
    "twinplan.public",
    "twinplan.workspace",
    "ninja",  # the API's documentation page, with its assets from our own static files
    "twinplan.api",
    "twinplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "twinplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "twinplan.core.context_processors.content_language",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, Any]:
    """Django's DATABASES entry for URL. SQLite is set up for several writers at once: WAL
    (readers never wait for a writer), a busy timeout of 20 s instead of "database is
    locked" at once, and BEGIN IMMEDIATE, so a transaction takes the write lock when it
    starts instead of failing half-way when it first writes. PostgreSQL needs none of it."""
    database: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            **database.get("OPTIONS", {}),
        }
    return database


DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'twinplan.sqlite3'}")
    )
}

# The cache is shared by every process when REDIS_URL names a Redis server (Django's own
# RedisCache); otherwise each process has its own small in-memory cache, which suits one
# process only (`make run`, tests). Production without REDIS_URL uses the database cache
# instead (config/settings/production.py).
REDIS_URL = env_str("REDIS_URL", "").strip()
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
         "KEY_PREFIX": "twinplan"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Anonymous readers' public pages are served from that cache (twinplan/public/cache.py,
# docs/performance.md) for at most this many seconds; every write that shows on a public
# page retires them sooner. 0 turns the page cache off.
_page_cache = env_str("TWINPLAN_PAGE_CACHE_SECONDS", "600").strip()
if not _page_cache.isdigit():
    raise ImproperlyConfigured(
        f"TWINPLAN_PAGE_CACHE_SECONDS={_page_cache!r} must be a whole number of seconds."
    )
TWINPLAN_PAGE_CACHE_SECONDS = int(_page_cache)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "public:home"
INVITATION_VALID_DAYS = 14

# Interface languages: each has a URL prefix (/de/, /en/, /sr-latn/, /sr/, /vi/).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("vi", _("Vietnamese")),
]
# The built-in content languages: the interface languages, named in themselves. Further
# content languages (Spanish for a partner in Nicaragua) are data, added by a network admin
# in the workspace (twinplan.core.languages, docs/multilingual.md).
CONTENT_LANGUAGES: list[tuple[str, str]] = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
    ("vi", "Tiếng Việt"),
]
LOCALE_PATHS = [BASE_DIR / "twinplan" / "locale"]
# Date formats that read better than Django's own in some languages (twinplan/formats/).
FORMAT_MODULE_PATH = ["twinplan.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded photos and documents (twinplan.media): the largest file and picture accepted.
TWINPLAN_MEDIA_MAX_BYTES = int(env_positive_float("TWINPLAN_MEDIA_MAX_MB", 20) * 1024 * 1024)
TWINPLAN_MEDIA_MAX_PIXELS = int(env_positive_float("TWINPLAN_MEDIA_MAX_MEGAPIXELS", 50) * 1e6)

# Background jobs (django-tasks, the backport of Django 6's django.tasks): kept in the
# database and run by `manage.py db_worker`, which `make run` starts.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Machine translation is offered only when a LibreTranslate server is configured;
# see docs/machine-translation.md.
LIBRETRANSLATE_URL = env_str("TWINPLAN_LIBRETRANSLATE_URL", "").strip()
LIBRETRANSLATE_API_KEY = env_str("TWINPLAN_LIBRETRANSLATE_API_KEY", "")
LIBRETRANSLATE_TIMEOUT_S = env_positive_float("TWINPLAN_LIBRETRANSLATE_TIMEOUT_S", 60.0)

EMAIL_BACKEND = env_str("TWINPLAN_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("TWINPLAN_DEFAULT_FROM_EMAIL", "twinplan@localhost")
# Where the installation is reached, for the links in mails sent by commands (digests).
TWINPLAN_BASE_URL = env_str("TWINPLAN_BASE_URL", "").rstrip("/")

# An optional tile layer under the public maps (docs/maps.md): a URL template such as
# https://tile.example.org/{z}/{x}/{y}.png and the provider's credit, both required
# together (`manage.py check` refuses one without the other, or a URL not on https).
# Empty (the default): the maps are the server-drawn SVG only and the CSP stays as it is;
# set: the tile host is added to img-src below, and nowhere else.
TWINPLAN_MAP_TILE_URL = env_str("TWINPLAN_MAP_TILE_URL", "").strip()
TWINPLAN_MAP_TILE_ATTRIBUTION = env_str("TWINPLAN_MAP_TILE_ATTRIBUTION", "").strip()

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- security ---
# Login throttling, Content-Security-Policy, password rules and the operator's details for
# the Impressum; docs/security.md and docs/personal-data.md explain each.
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

from twinplan.maps.tiles import tile_csp_source  # noqa: E402

INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    # Last, after authentication: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes keeps failed logins in the database (shared by every app process): after
# 10 failures for one user name from one IP address, that pair is refused for 15 minutes
# after the latest failure; a successful login resets the count.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "twinplan.accounts.views.locked_out"
AXES_VERBOSE = False

# Scripts and styles only from this site's own files: no inline script or style, no eval.
# htmx is configured in templates/workspace/base.html to need neither.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [tile_csp_source(TWINPLAN_MAP_TILE_URL)])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Django's four validators wherever a password is set (sign-up, admin, createsuperuser,
# accounts.services.user_create); the name shown to others counts as a user attribute too.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ("username", "email", "first_name", "last_name",
                                     "display_name")}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Who runs this installation, for the Impressum (docs/personal-data.md); empty values make
# the page say that the operator has not filled them in yet.
TWINPLAN_OPERATOR_NAME = env_str("TWINPLAN_OPERATOR_NAME", "").strip()
# `\n` in the value (an environment file cannot hold a line break) starts a new line.
TWINPLAN_OPERATOR_ADDRESS = env_str("TWINPLAN_OPERATOR_ADDRESS", "").replace("\\n", "\n").strip()
TWINPLAN_OPERATOR_EMAIL = env_str("TWINPLAN_OPERATOR_EMAIL", "").strip()
TWINPLAN_OPERATOR_RESPONSIBLE = env_str("TWINPLAN_OPERATOR_RESPONSIBLE", "").strip()
# Where readers report an accessibility barrier (the accessibility statement's feedback
# link, docs/accessibility.md); the operator's e-mail address unless set.
TWINPLAN_ACCESSIBILITY_CONTACT = (
    env_str("TWINPLAN_ACCESSIBILITY_CONTACT", "").strip() or TWINPLAN_OPERATOR_EMAIL
)
# A refused form (CSRF) gets the site's 403 page, saying to reload and try again.
CSRF_FAILURE_VIEW = "twinplan.public.errors.csrf_failure"
# Each successful login is not logged with IP address and browser (no need to keep them).
AXES_DISABLE_ACCESS_LOG = True
# Rows holding a person's e-mail address that erasure deletes ("app_label.model.field");
# every other model with an e-mail field must be decided on (accounts tests check it).
PERSONAL_DATA_ERASED_BY_EMAIL = ["partnerships.invitation.email"]

# --- JSON API ---
# Requests a minute per personal API token (api/auth.py); counts in the cache above.
API_THROTTLE_PER_MINUTE = int(env_positive_float("TWINPLAN_API_THROTTLE_PER_MINUTE", 600))
