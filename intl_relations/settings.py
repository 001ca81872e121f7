"""Settings for the international relations portal.

Everything that differs between a laptop, CI and production is read from the
environment (see `.env.example` and the README's table). With nothing set, the
portal runs on SQLite with Celery tasks executed in-process, so the quick start
needs no service at all. With ``DEBUG`` off, a real ``SECRET_KEY`` and
``ALLOWED_HOSTS`` are required: the process refuses to start without them.
"""

import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is a convenience for developers; the real environment wins.
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Under pytest the test settings apply (fast hasher, in-memory e-mail, no HTTPS redirect).
TESTING = env.bool("TESTING", default="pytest" in sys.modules)

_DEV_SECRET = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if (DEBUG or TESTING) else "")
if not SECRET_KEY or (SECRET_KEY == _DEV_SECRET and not (DEBUG or TESTING)):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=... or set DEBUG=true)."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if (DEBUG or TESTING) else []
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the portal, used in e-mails sent outside a request.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")

INSTALLED_APPS = [
    "intl_relations.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # third party
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "django_tables2",
    "django_htmx",
    "django_celery_beat",
    "django_celery_results",
    "axes",
    # the portal
    "accounts",
    "organisations",
    "partnerships",
    "cooperation",
    "delegations",
    "diaspora",
    "exchanges",
    "territory",
    "reports",
    "portal",
    "transfers",
    "privacy",
    "returns",
    "insight",
    "downloads",
    "scale",
    "demo",
]

MIDDLEWARE = [
    "intl_relations.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "intl_relations.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, API answers and downloads compressed for the clients that ask (every
    # browser and HTTP library does): the national map's GeoJSON is 2.7 MB as text and
    # 0.29 MB gzipped. Below WhiteNoise, which serves its own compressed static files.
    # Django's own, with its BREACH mitigation (random padding, Django 4.2+).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intl_relations.urls"
WSGI_APPLICATION = "intl_relations.wsgi.application"
ASGI_APPLICATION = "intl_relations.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite next to the code by default, PostgreSQL with DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical scans, not for a web page's
    # queries. The partnership health list (a few dozen correlated subqueries, a high
    # cost estimate) spent 14 s compiling for 0.5 s of execution at national scale.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# The cache holds counters only (API rate limits, the public forms' rate limit), never
# an answer: local memory by default; Redis in production so that every worker process
# shares the counts. When it is down the counters let requests through (logged).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Internationalisation: French first, English too.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# Static files and uploads.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development and tests WhiteNoise serves straight from the app folders, so
# neither needs collectstatic; production serves the compressed, hashed copies.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
FILE_UPLOAD_MAX_SIZE = env.int("FILE_UPLOAD_MAX_SIZE", default=10 * 1024 * 1024)
# Imports take whole registers: their own, larger limit.
IMPORT_MAX_SIZE = env.int("IMPORT_MAX_SIZE", default=50 * 1024 * 1024)

# E-mail: printed to the console unless EMAIL_URL names an SMTP server.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="relations-internationales@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker the tasks run in the calling process (quick start).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
# Longer than the longest job, so that an unacknowledged task is redelivered
# only when its worker really died.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The annual report of the year just ended starts by itself on 5 January at 06:00;
# the DatabaseScheduler copies this entry into its table, where staff may change it.
CELERY_BEAT_SCHEDULE = {
    "annual-report": {
        "task": "reports.start_last_year_report",
        "schedule": crontab(minute="0", hour="6", day_of_month="5", month_of_year="1"),
    },
    # Every night: anonymise people kept past PERSONAL_DATA_RETENTION_YEARS (privacy).
    "anonymise-personal-data": {
        "task": "privacy.anonymise_expired",
        "schedule": crontab(minute="30", hour="3"),
    },
    # Every night: delete expired API tokens (authentication refuses them anyway).
    "delete-expired-api-tokens": {
        "task": "accounts.delete_expired_tokens",
        "schedule": crontab(minute="15", hour="3"),
    },
    # Every night: delete the downloads older than DOWNLOADS_KEEP_DAYS, and their files.
    "delete-expired-downloads": {
        "task": "downloads.delete_expired",
        "schedule": crontab(minute="45", hour="3"),
    },
    # Every Monday at 07:00: e-mail the editors the partnerships whose verdict changed.
    "partnership-health-changes": {
        "task": "insight.email_health_changes",
        "schedule": crontab(minute="0", hour="7", day_of_week="1"),
    },
}
# Partnership health (insight, docs/insight.md): lively when something was recorded in
# the last LIVELY years, dormant when nothing was in the last DORMANT years.
INSIGHT_HEALTH_LIVELY_YEARS = env.int("INSIGHT_HEALTH_LIVELY_YEARS", default=2)
INSIGHT_HEALTH_DORMANT_YEARS = env.int("INSIGHT_HEALTH_DORMANT_YEARS", default=5)
if not 0 < INSIGHT_HEALTH_LIVELY_YEARS < INSIGHT_HEALTH_DORMANT_YEARS:
    raise ImproperlyConfigured(
        "INSIGHT_HEALTH_LIVELY_YEARS must be at least 1 and less than INSIGHT_HEALTH_DORMANT_YEARS."
    )
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Downloads of whole lists (downloads app): a CSV or XLSX of more rows than this is
# prepared by a worker and offered on its own page, instead of being written during
# the click. The defaults are about a second of writing at national scale (XLSX is
# five times slower than CSV: 50,000 delegations take 9 s, their CSV 1.5 s). Kept
# DOWNLOADS_KEEP_DAYS days.
DOWNLOAD_INLINE_ROWS = {
    "csv": env.int("DOWNLOAD_CSV_INLINE_ROWS", default=20_000),
    "xlsx": env.int("DOWNLOAD_XLSX_INLINE_ROWS", default=5_000),
}
DOWNLOADS_KEEP_DAYS = env.int("DOWNLOADS_KEEP_DAYS", default=7)
if DOWNLOADS_KEEP_DAYS < 1:
    raise ImproperlyConfigured("DOWNLOADS_KEEP_DAYS must be at least 1.")

# Lists (staff pages and API): their rows are counted up to this number; a list of more
# shows "more than 10,000 (about N)", PostgreSQL's estimate, instead of counting every
# row on every page (intl_relations.paging). 0 counts every row.
LIST_EXACT_COUNT_LIMIT = env.int("LIST_EXACT_COUNT_LIMIT", default=10_000)
if LIST_EXACT_COUNT_LIMIT < 0:
    raise ImproperlyConfigured("LIST_EXACT_COUNT_LIMIT must be 0 or more.")

# REST API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["intl_relations.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "intl_relations.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "intl_relations.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "intl_relations.throttling.AnonWindowThrottle",
        "intl_relations.throttling.UserWindowThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="1200/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Bearer",
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=90)),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "International relations portal API",
    "DESCRIPTION": "Partner cities, partnerships, delegations, consulates, diasporas, "
    "exchange programs and the annual report of a city's international relations office.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per shared choice set, so the schema validates without warnings.
    "ENUM_NAME_OVERRIDES": {
        "UserRoleEnum": "accounts.choices.Role",
        "DelegationMemberRoleEnum": "delegations.choices.MemberRole",
        "NetworkMembershipRoleEnum": "cooperation.choices.MembershipRole",
        "ParticipantRoleEnum": "exchanges.choices.ParticipantRole",
        "ThemeCodeEnum": "partnerships.choices.ThemeCode",
        "CountryEnum": "django_countries.countries",
        "ImportKindEnum": "transfers.choices.ImportKind",
        "ImportStatusEnum": "transfers.choices.ImportStatus",
        # Shared by the partnerships and their health (insight).
        "PartnershipKindEnum": "partnerships.choices.PartnershipKind",
        "PartnershipStatusEnum": "partnerships.choices.PartnershipStatus",
    },
}

# Countries: names follow the active language (French or English).
COUNTRIES_FIRST = ["FR"]
# Kosovo has no ISO 3166-1 code of its own yet; XK is the user-assigned code the EU, the
# World Bank and most data sets use. Added so that fields, forms, the API and exports take it.
COUNTRIES_OVERRIDE = {"XK": {"names": [_("Kosovo")], "alpha3": "XKX"}}

# Edit history: who changed what is taken from the request.
SIMPLE_HISTORY_REVERT_DISABLED = False

# Sign-in protection.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# 429 with Retry-After; the API's one JSON error shape under /api/.
AXES_LOCKOUT_CALLABLE = "intl_relations.api.lockout_response"

# The map's tile server; empty means the offline country layer only.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")

# The IATI activity file (returns app): the publisher's IATI organisation identifier
# (required to build the file), its IATI organisation type (11 = local government) and
# its name (default: the default local government's).
IATI_REPORTING_ORG_REF = env.str("IATI_REPORTING_ORG_REF", default="")
IATI_REPORTING_ORG_TYPE = env.str("IATI_REPORTING_ORG_TYPE", default="11")
IATI_REPORTING_ORG_NAME = env.str("IATI_REPORTING_ORG_NAME", default="")

# Personal data retention (years after the event) before anonymisation.
PERSONAL_DATA_RETENTION_YEARS = env.int("PERSONAL_DATA_RETENTION_YEARS", default=5)

# Territory diagnosis (docs/territory.md): a diaspora of at least this many people is
# "large"; a partnership is idle after this many years with no delegation, exchange or project.
TERRITORY_LARGE_DIASPORA = env.int("TERRITORY_LARGE_DIASPORA", default=5000)
TERRITORY_ACTIVITY_YEARS = env.int("TERRITORY_ACTIVITY_YEARS", default=3)

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Content Security Policy (intl_relations.middleware): every script comes from /static/.
# Styles allow inline blocks: the report's SVG charts and Swagger UI carry <style>.
_tile_host = urlsplit(MAP_TILE_URL).netloc.replace("{s}.", "*.") if MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", *([f"https://{_tile_host}"] if _tile_host else [])],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)

# Production hardening, on whenever DEBUG is off.
if not DEBUG and not TESTING:
    # The proxy in front terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Probes of the load balancer reach /health/ over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Logs on stderr; LOG_FORMAT=json writes one JSON object a line (intl_relations.log).
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'plain' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "intl_relations.log.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "intl_relations.log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
