"""Settings shared by every environment. Values that differ per deployment come from the
environment through config.env; see docs/configuration.md."""

from pathlib import Path

import dj_database_url
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
    "twinplan.public",
    "twinplan.workspace",
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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'twinplan.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "public:home"
INVITATION_VALID_DAYS = 14

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Interface languages: each has a URL prefix (/de/, /en/, /sr-latn/, /sr/, /vi/).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("vi", _("Vietnamese")),
]
# Content languages: a superset of LANGUAGES. Adding one here (say ("es", "Español")) makes
# it a language content can be written and translated in, with no schema change.
CONTENT_LANGUAGES: list[tuple[str, str]] = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
    ("vi", "Tiếng Việt"),
    # e.g. TWINPLAN_EXTRA_CONTENT_LANGUAGES="es=Español,fr=Français"
    *[
        (code.strip(), name.strip() or code.strip())
        for code, _sep, name in (
            item.partition("=") for item in env_list("TWINPLAN_EXTRA_CONTENT_LANGUAGES")
        )
    ],
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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
