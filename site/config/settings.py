"""Lantern's settings: one module, configured by environment variables (see the README's table).

With nothing set (and DEBUG=1) it runs on SQLite under var/, the local-memory cache, database
search and the console mail backend. With DEBUG off it needs SECRET_KEY, ALLOWED_HOSTS and the two keys for
reviewers' contacts (CONTACT_HASH_KEY, CONTACT_ENCRYPTION_KEY), and turns on secure cookies, HTTPS redirects and HSTS.
"""

import re
from pathlib import Path

from django.conf.locale import LANG_INFO

from config.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_database,
    env_dotted_path,
    env_fernet_key,
    env_int,
    env_list,
    env_secret_key,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parents[2]
SITE_DIR = BASE_DIR / "site"
VAR_DIR = BASE_DIR / "var"

# --- Core -----------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret_key("SECRET_KEY", required=not DEBUG) or (
    "development-only-key-never-used-when-debug-is-off-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names)")
BASE_URL = env_url("BASE_URL", "http://127.0.0.1:8000", schemes=("http", "https"))

INSTALLED_APPS = [
    "content",
    "agencies",
    "reviews",
    "remittance",
    "moderation",
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_ratelimit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # answers static files itself, compressed ahead in production
    # Pages are compressed for slow connections. Since Django 4.2 GZip pads each response with random bytes, which
    # mitigates BREACH (guessing a secret in a page from its compressed length).
    "django.middleware.gzip.GZipMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'lantern.sqlite3'}")}

REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lantern",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # django-ratelimit counts in the cache. Local memory counts per process: enough for the embedded default, which is
    # one process, so ratelimit's "not a shared cache" check is silenced there; production sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Registry feeds that refresh_agencies crawls are kept here (the spiders write them; the import reads them).
FEEDS_DIR = VAR_DIR / "feeds"

# Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise (the search issue).
ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", None, schemes=("http", "https"))
# Seconds a search may wait for Elasticsearch before the database answers instead (writes are given longer).
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 2, minimum=1)
# Indexes and aliases are named <prefix>-agencies, ...: one prefix per environment sharing a cluster.
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "lantern")
if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,99}", ELASTICSEARCH_INDEX_PREFIX):
    raise ConfigError("ELASTICSEARCH_INDEX_PREFIX must be lower-case letters, digits, '-', '_' or '.' (an index name)")
SEARCH_ENGINE = "elasticsearch" if ELASTICSEARCH_URL else "database"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work (sending codes and notifications, reindexing, scheduled refreshes) goes through one task interface:
# django-tasks, the backport of Django 6's django.tasks that Wagtail already uses. By default a task runs in the
# process that enqueues it; at scale TASKS_BACKEND names a worker backend (Celery on REDIS_URL) and nothing else changes.
TASKS = {"default": {"BACKEND": env_dotted_path("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# One-time codes for reviewers: printed to the console (the number masked), or sent through an HTTP SMS gateway.
SMS_BACKEND = env_choice("SMS_BACKEND", "console", ("console", "http"))
if SMS_BACKEND == "http":
    SMS_GATEWAY_URL = env_url("SMS_GATEWAY_URL", None, schemes=("http", "https"))
    if not SMS_GATEWAY_URL:
        raise ConfigError("SMS_GATEWAY_URL is required when SMS_BACKEND is http")
    SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
    SMS_SENDER = env_str("SMS_SENDER", "Lantern")

# Reviewers' contacts: kept as a keyed hash (HMAC) for matching; kept encrypted only while a reviewer who asked to be
# told about their review needs it. Both keys are secrets of their own (losing the hash key unlinks every reviewer).
CONTACT_HASH_KEY = env_secret_key("CONTACT_HASH_KEY", required=not DEBUG) or f"contact-hash:{SECRET_KEY}"
CONTACT_ENCRYPTION_KEY = env_fernet_key("CONTACT_ENCRYPTION_KEY", required=not DEBUG, development_seed=SECRET_KEY)

# --- Mail -----------------------------------------------------------------------------------

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lantern <noreply@localhost>")
if "@" not in DEFAULT_FROM_EMAIL:
    raise ConfigError("DEFAULT_FROM_EMAIL must be an e-mail address, e.g. Lantern <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages ------------------------------------------------------------------------------

# Django ships no locale information for Filipino; without it /fil/ URLs answer 404.
LANG_INFO["fil"] = {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"}

LANGUAGE_CODE = "en"
# Each language is named in itself, so that a reader finds their own whatever the page's language.
LANGUAGES = [
    ("en", "English"),
    ("fil", "Filipino"),
    ("id", "Bahasa Indonesia"),
    ("ne", "नेपाली"),
    ("my", "မြန်မာ"),
    ("km", "ខ្មែរ"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
]
LOCALE_PATHS = [SITE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Lantern"
# The fact-check's last approval publishes and records who verified the page and when (content.services).
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.services.fact_check_finish"
WAGTAILADMIN_BASE_URL = BASE_URL
# The admin would ask wagtail.org for new releases: no request to any other host.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Static files and uploads ---------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx", "odt", "docx"]

# --- Security -------------------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
# A form without its CSRF token gets a friendly page in the visitor's language.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))},
    # Wagtail logs every page action and django-tasks every task at INFO; the audit log in the admin keeps them.
    # Elasticsearch's client logs every request at INFO; its failures reach the log through search.services.
    "loggers": {name: {"level": "WARNING"} for name in ("wagtail", "django_tasks", "elastic_transport")},
}
