"""Kumo Study settings: one file, read from the environment.

Defaults let a fresh clone run on SQLite in DEBUG. Production sets
``DJANGO_ENV=production`` (or ``DEBUG=false``) and must provide ``SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# DJANGO_ENV=production alone turns DEBUG off; DEBUG=true there is an explicit choice.
DEBUG = env_bool("DEBUG", default=env_str("DJANGO_ENV") != "production")
PRODUCTION = env_str("DJANGO_ENV") == "production" or not DEBUG

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "dev-only-insecure-key-kumo-study-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if not PRODUCTION else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "studynotes",
    "quiz",
    "quiz.progress",
    "quiz.instructor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "studynotes.middleware.AuthenticationMiddleware",  # Django's, taking the user read with the session
    "studynotes.timezones.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "studynotes.middleware.ContentSecurityPolicyMiddleware",
    "studynotes.middleware.MethodNotAllowedPageMiddleware",  # a page for require_POST's empty 405
]

ROOT_URLCONF = "studynotes.urls"
WSGI_APPLICATION = "studynotes.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quiz.instructor.access.instructor_context",
                "quiz.progress.context_processors.review_due",
                "studynotes.layout.layout",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a per-request health check that asks the kernel before the server
    # (studynotes/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "studynotes.postgresql"
if DATABASES["default"]["ENGINE"] == "studynotes.postgresql" and env_bool("PG_PREPARED_STATEMENTS", True):
    # Server-side parameter binding, and a statement a connection has run twice is prepared: the
    # database server then skips parsing and planning it (about a fifth of its CPU per answer in the bench).
    # Set PG_PREPARED_STATEMENTS=false behind a pooler in transaction mode (PgBouncer before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at
    # BEGIN so concurrent writers wait (busy timeout) instead of failing with
    # "database is locked" on lock upgrade.
    # Persistent connections here too: opening one (and its PRAGMAs) cost about 1 ms of every request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    # Django's backend, with writers queued on a lock file (studynotes/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "studynotes.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # ":memory:" said outright (Django's default when unset): pytest-django recognises an in-memory test
    # database by this name only for Django's own engine name, and would make a file name of ours.
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME") or ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The first backend loads the instructor flag with the user (no extra query for the nav link).
AUTHENTICATION_BACKENDS = ["quiz.instructor.access.RoleAwareBackend", "django.contrib.auth.backends.ModelBackend"]
# A refused form gives the focus to its first field with an error (studynotes/forms.py).
FORM_RENDERER = "studynotes.forms.FormRenderer"
# Sign-up through an emailed link (studynotes.forms.SignupForm): the page never says whether an account uses an
# address. On by default in production; off in development (`make run`, console email), where sign-up is one
# step that logs the learner in at once and says when an address is taken.
SIGNUP_EMAIL_LINK = env_bool("SIGNUP_EMAIL_LINK", default=PRODUCTION)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: the interface speaks ja, ko and en.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["studynotes.formats"]  # Korean short dates (studynotes/formats/ko)
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Cache (also holds rate-limit counters): the database, so several app
# servers share it. Created by `manage.py createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kumo_cache",
        # Rate-limit counters are one row per client and minute: do not cull them at 300 rows.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kumo-study@localhost")

# Rate limits (studynotes/ratelimit.py) are multiplied by this; the load benchmark raises it.
RATELIMIT_MULTIPLIER = env_int("RATELIMIT_MULTIPLIER", 1)
# Load balancers/proxies of ours in front of the app that append to X-Forwarded-For (docs/DEPLOY.md).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# An exam without a time limit left this many days without activity is graded as it stands (docs/QUIZ.md):
# while open it keeps its questions out of practice and reviews.
QUIZ_IDLE_EXAM_DAYS = env_int("QUIZ_IDLE_EXAM_DAYS", 7)

# Importer limits.
NOTE_MAX_BYTES = env_int("NOTE_MAX_BYTES", 5 * 1024 * 1024)
NOTE_MAX_LINES = env_int("NOTE_MAX_LINES", 20_000)  # a note has hundreds; every line costs import and generation time
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Sessions stay in the shared database (the ``db`` engine's table), read with one prepared statement.
SESSION_ENGINE = "studynotes.sessions"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
