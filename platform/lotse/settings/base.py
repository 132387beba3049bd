"""Settings shared by every environment; values come from the environment (contracts.md)."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

from lotse.ops.logs import logging_config

# ---------------------------------------------------------------------------
# Paths and environment
# ---------------------------------------------------------------------------
PROJECT_DIR = Path(__file__).resolve().parent.parent  # platform/lotse
BASE_DIR = PROJECT_DIR.parent.parent  # repository root
DATA_DIR = Path(environ.Env().str("LOTSE_DATA_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "lotse.web.error_pages.csrf_failure"  # branded page, offers a reload

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "csp",
    "notifications",
    "lotse.core",
    "lotse.api",
    "lotse.accounts",
    "lotse.places",
    "lotse.taxonomy",
    "lotse.volunteers",
    "lotse.needs",
    "lotse.imports",
    "lotse.matchmaking",
    "lotse.placements",
    "lotse.reminders",
    "lotse.safeguarding",
    "lotse.privacy",
    "lotse.ops",
    "lotse.dashboard",
    "lotse.web",
    "lotse.demo",  # not in production (settings/prod.py)
]

MIDDLEWARE = [
    # First: every response gets the request id, every request is timed and counted.
    "lotse.ops.middleware.RequestIdMiddleware",
    "lotse.ops.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the user is known: her stored language, German/English on staff pages.
    "lotse.accounts.languages.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the header middleware above, so the JSON 404 gets the same headers.
    "lotse.api.errors.ApiNotFoundMiddleware",
    # A query parameter the operation does not document is a 400, not silently ignored.
    "lotse.api.query.UnknownQueryParameterMiddleware",
    "lotse.accounts.middleware.StaffIdleTimeoutMiddleware",
    "lotse.accounts.middleware.StaffMFARequiredMiddleware",
    # Last: a form sent twice reaches its view once (needs the user and messages above).
    "lotse.web.submit_once.SubmitOnceMiddleware",
]

ROOT_URLCONF = "lotse.urls"
WSGI_APPLICATION = "lotse.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.web.context_processors.city",
            ],
            # `{% submit_once %}` in every POST form, without a `{% load %}` each time.
            # `|ltr` for numbers, postcodes, addresses and times inside right-to-left text.
            "builtins": ["lotse.web.templatetags.submit_once", "lotse.web.templatetags.bidi"],
        },
    },
]

# Form fields and widgets are rendered with Jinja2 (Django's own templates for them, same
# HTML; the admin's widgets by the Django engine): the profile form took 64 ms of CPU with the
# Django template engine, 31 ms so (issue 21, lotse/core/renderers.py).
FORM_RENDERER = "lotse.core.renderers.FormRenderer"

# ---------------------------------------------------------------------------
# Database, cache
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'lotse.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One connection per request by default: runserver serves each request on a new thread, and
    # persistent connections there pile up until PostgreSQL refuses more (issue 17). Production
    # settings keep them for gunicorn's long-lived workers.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that does not answer fails fast (readiness probes, web requests).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
    # Behind PgBouncer in transaction mode a cursor declared on the server outlives the server
    # connection it was declared on: .iterator() then fetches in chunks from an ordinary cursor
    # instead (docs/deployment.md#pgbouncer-in-transaction-mode).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://lotse")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Degrade, don't fail, when Redis is down (lotse/core/cache.py); short timeouts so a page
    # does not hang on it.
    CACHES["default"]["BACKEND"] = "lotse.core.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    )

# Matching: how often a web process takes in other processes' changes to volunteers and needs
# (at most one sync per interval, however many writes; its own changes at once), and whether a
# new month's pool rebuild runs beside the requests (lotse.matchmaking.pool_cache).
LOTSE_MATCHING_SYNC_SECONDS = env.float("LOTSE_MATCHING_SYNC_SECONDS", default=1.0)
LOTSE_MATCHING_REBUILD_IN_BACKGROUND = True
# How often a process compares the version stamps in the cache with their rows in the database
# (lotse.core.stamps): the longest a change made while the cache was down can go unseen.
LOTSE_STAMP_CHECK_SECONDS = 2.0

# ---------------------------------------------------------------------------
# Accounts: custom user, allauth with mandatory verification and MFA
# ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id (RFC 9106 parameters, lotse/accounts/hashers.py); the others only verify older hashes,
# which are rehashed with Argon2id at the account's next login.
PASSWORD_HASHERS = [
    "lotse.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:home"

ACCOUNT_ADAPTER = "lotse.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lotse] "
# How many reverse proxies stand in front of Lotse, each appending to X-Forwarded-For: 0 without
# one (the header is ignored), 1 behind the documented nginx. Read by allauth, DRF's throttles and
# lotse.core.client (docs/security.md#client-addresses).
LOTSE_TRUSTED_PROXY_COUNT = env.int("LOTSE_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = LOTSE_TRUSTED_PROXY_COUNT
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, with failed logins counted per address *and* account (the adapter's
    # key), so a stranger who knows an e-mail address cannot lock its owner out; attempts on one
    # account from all addresses together are capped far above what one address can send.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "300/h/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Reauthentication (before changing e-mail, password or the second factor): the password or the
# second factor, not a code sent to the mailbox (allauth 65.22 offers one; a stolen session plus a
# read mailbox must not be enough to turn off a staff member's two-factor authentication).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and recovery seeds encrypted at rest (lotse/accounts/secrets.py): Fernet keys,
# newest first; without them a key derived from SECRET_KEY (check --deploy warns in production).
MFA_ADAPTER = "lotse.accounts.secrets.MFAAdapter"
LOTSE_MFA_KEYS = env.list("LOTSE_MFA_KEYS", default=[])
MFA_TOTP_ISSUER = env("LOTSE_MFA_ISSUER", default="Lotse")

# True only in lotse.settings.prod: refuses the demo data and demo logins there.
LOTSE_PRODUCTION = False
# The e-mail domain of the demo's invented accounts (lotse/demo/seed.py).
LOTSE_DEMO_DOMAIN = "demo.lotse.local"

# ---------------------------------------------------------------------------
# Internationalisation: German first (and the fallback for every missing text), then the
# languages of the people the service works with — docs/languages.md
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "de"
# Each language is offered under its own name (not translated: a reader looks for her own).
# A city adds one (e.g. Tigrinya, "ti") by adding its catalogues and its code to
# LOTSE_LANGUAGES; a code without a name here is shown by its code.
LOTSE_LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
    "ti": "ትግርኛ",
    "ckb": "کوردی",
    "kmr": "Kurdî",
    "ps": "پښتو",
    "so": "Soomaali",
    "fr": "Français",
}
_languages = env.list("LOTSE_LANGUAGES", default=["de", "en", "ar", "fa", "uk", "ru", "tr"])
LANGUAGES = [
    (code, LOTSE_LANGUAGE_NAMES.get(code, code))
    for code in dict.fromkeys(["de", "en", *(c.strip().lower() for c in _languages if c.strip())])
]
# Pages for staff (social workers, facility staff, coordinators, administrators) exist in these
# only; a staff member who reads the site in another language sees them in her staff language.
LOTSE_STAFF_LANGUAGES = ("de", "en")
# Right to left; Django's list plus the RTL languages a city is likely to add.
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ps", "ur", "ug"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# English dates in the British form (5 January 2027, 05/01/2027, 24-hour clock), not the US one.
FORMAT_MODULE_PATH = ["lotse.formats"]
# LOCALE_PATHS outrank every app's catalogue: the second one overrides allauth's du-texts with Sie.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "accounts" / "allauth_locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Static files: served by us (whitenoise), never from a CDN
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ---------------------------------------------------------------------------
# Security headers and Content Security Policy (no inline scripts, nothing external)
# ---------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Staff (social workers, facility staff, coordinators, administrators) are logged out after this
# many idle minutes; volunteers keep SESSION_COOKIE_AGE. 0 turns the idle logout off.
LOTSE_STAFF_IDLE_MINUTES = env.int("LOTSE_STAFF_IDLE_MINUTES", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# ---------------------------------------------------------------------------
# REST API
# ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The token first: its `WWW-Authenticate: Bearer` makes DRF answer missing or wrong
    # credentials with 401 (session authentication alone has no such header: 403). A request
    # without an Authorization header falls through to the session, as the pages' scripts send.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lotse.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["lotse.core.permissions.IsActiveUserWithMFA"],
    "DEFAULT_PAGINATION_CLASS": "lotse.api.pagination.ApiPageNumberPagination",
    "PAGE_SIZE": 50,
    # Filters (django-filter), then `?ordering=` over each view's `ordering_fields`.
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "lotse.api.lists.ApiOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lotse.api.errors.exception_handler",
    # JSON only (a form or multipart body is a 415), without lone surrogates, NUL or deep
    # nesting (lotse/api/parsers.py); the schema then offers JSON bodies only.
    "DEFAULT_PARSER_CLASSES": ["lotse.api.parsers.StrictJSONParser"],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "600/min"},
    # None would trust any client-sent X-Forwarded-For; the count of our own proxies instead.
    "NUM_PROXIES": LOTSE_TRUSTED_PROXY_COUNT,
}
# API tokens are stored as digests and shown once (lotse/accounts/tokens.py); a new one lives
# this many days (0: no expiry). Rotate with `manage.py drf_create_token -r EMAIL`.
LOTSE_API_TOKEN_DAYS = env.int("LOTSE_API_TOKEN_DAYS", default=365)
# The largest `?page_size=` a list accepts (default 50 per page); more is a 400.
LOTSE_API_MAX_PAGE_SIZE = env.int("LOTSE_API_MAX_PAGE_SIZE", default=200)
# Revoked and expired tokens are kept this many days (a client is told "revoked" or "expired",
# not "unknown"), then deleted by the daily retention job (lotse.privacy.tasks.apply_retention).
LOTSE_API_TOKEN_RETENTION_DAYS = env.int("LOTSE_API_TOKEN_RETENTION_DAYS", default=90)
# An Idempotency-Key replays its first answer for this many hours (lotse/api/idempotency.py);
# older records are pruned hourly (CELERY_BEAT_SCHEDULE) and the key is free again.
LOTSE_IDEMPOTENCY_HOURS = env.int("LOTSE_IDEMPOTENCY_HOURS", default=24)
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotse API",
    "DESCRIPTION": "Volunteer matching and coordination for a city's refugee social service.",
    "VERSION": "1.0.0",
    # 3.1: JSON Schema's `null` type, so a nullable nested object (`contact`) is described
    # correctly; 3.0's `nullable` beside `allOf` has no effect.
    "OAS_VERSION": "3.1.0",
    # English names and texts whatever the request's language (lotse/api/schema.py).
    "DEFAULT_GENERATOR_CLASS": "lotse.api.schema.EnglishSchemaGenerator",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several choice sets share a field name; give each a stable, readable schema name.
    "ENUM_NAME_OVERRIDES": {
        "PlacementStateEnum": "lotse.placements.models.State",
        "PlacementOriginEnum": "lotse.placements.models.Origin",
        "ProposalOriginEnum": ["social_worker", "global_run"],
        "CertificateStateEnum": ["missing", "valid", "expiring", "expired", "disqualified"],
    },
    # The error answers (400/401/403/404/409/415/429) as problem details, for every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # ETag, If-None-Match/304, If-Match/412 on single resources (before the error hook).
        "lotse.api.concurrency.document_conditional",
        # Idempotency-Key: 409 in use, 422 reused (before the error hook fills their bodies).
        "lotse.api.idempotency.document_idempotency",
        "lotse.api.schema.document_error_responses",
    ],
}

# ---------------------------------------------------------------------------
# Celery: Redis in production and CI; eager in-process when no broker is set (demo only)
# ---------------------------------------------------------------------------
# Following the caveats of Celery's "Using Redis" page (docs/notifications.md explains each):
# - a task is acknowledged after it ran, and a task whose worker died goes back to the queue;
# - each worker process reserves one task at a time;
# - the visibility timeout (after which Redis hands an unacknowledged task to another worker)
#   is longer than any task (hard time limit) and any retry countdown (NOTIFICATIONS_RETRY_MAX_
#   SECONDS); nothing is scheduled far ahead with ETA/countdown: reminders are rows that beat
#   jobs pick when due;
# - Redis must not evict keys (maxmemory-policy noeviction) — an operations setting.
# Publishing is bounded by short socket timeouts and one quick retry, so a web request never
# hangs on a broker that is down; the notification row waits for the sweeper instead.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=None)
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
# A running task finishes when the broker connection drops (cancelling it mid-send could send an
# e-mail twice); its message comes back and finds the work done (tasks are idempotent).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# On a warm shutdown (SIGTERM) give running tasks this long, then requeue what is unacknowledged.
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 10.0
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=2.0),
    "socket_connect_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=2.0),
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits out a broker outage
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# The periodic jobs of every app: CELERY_BEAT_SCHEDULE, one block below the app settings.

# ---------------------------------------------------------------------------
# Notifications: outbox, retries, templates (docs/notifications.md)
# ---------------------------------------------------------------------------
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30.0)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.float("NOTIFICATIONS_RETRY_MAX_SECONDS", default=900.0)
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env.float("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=300.0)
NOTIFICATIONS_GIVE_UP_AFTER_HOURS = env.float("NOTIFICATIONS_GIVE_UP_AFTER_HOURS", default=72.0)
NOTIFICATIONS_RETENTION_DAYS = env.int("NOTIFICATIONS_RETENTION_DAYS", default=365)
NOTIFICATIONS_SITE_URL = env("NOTIFICATIONS_SITE_URL", default="http://127.0.0.1:8000")
# Links in messages carry the recipient's language (?lang=ar) when it is not German, so the
# page opens in it on any device (lotse/accounts/languages.py reads the same parameter).
LOTSE_LANGUAGE_PARAMETER = "lang"
NOTIFICATIONS_LANGUAGE_PARAMETER = LOTSE_LANGUAGE_PARAMETER
NOTIFICATIONS_SMS_BACKEND = env(
    "NOTIFICATIONS_SMS_BACKEND", default="notifications.channels.sms.LoggingSmsBackend"
)

# ---------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Lotse <lotse@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Lotse
# ---------------------------------------------------------------------------
LOTSE_GEOCODER = env("LOTSE_GEOCODER", default="offline")
LOTSE_GEOCODER_USER_AGENT = env("LOTSE_GEOCODER_USER_AGENT", default="lotse/0.1 (city IT)")
LOTSE_GEOCODER_TIMEOUT = env.float("LOTSE_GEOCODER_TIMEOUT", default=5.0)
LOTSE_CITY_NAME = env("LOTSE_CITY_NAME", default="Münster")
# The logo in the header: a path among the static files. A city's own logo goes into a folder
# named by LOTSE_BRANDING_DIR (served like our own files: no outside host, GDPR).
LOTSE_CITY_LOGO = env("LOTSE_CITY_LOGO", default="lotse/logo.svg")
LOTSE_BRANDING_DIR = env("LOTSE_BRANDING_DIR", default="")
if LOTSE_BRANDING_DIR:
    STATICFILES_DIRS = [*STATICFILES_DIRS, LOTSE_BRANDING_DIR]
# A form sent twice does its work once (lotse.web.submit_once): how long a form's token is
# remembered, and how long a second copy waits for the first one's answer.
LOTSE_SUBMIT_ONCE_SECONDS = env.int("LOTSE_SUBMIT_ONCE_SECONDS", default=60 * 60)
LOTSE_SUBMIT_ONCE_WAIT_SECONDS = env.float("LOTSE_SUBMIT_ONCE_WAIT_SECONDS", default=10.0)
LOTSE_CITY_DIR = env("LOTSE_CITY_DIR", default=str(BASE_DIR / "fixtures" / "cities" / "muenster"))
# Certificate of conduct (eFZ): at most this old when inspected, renewed after this many years.
LOTSE_CERTIFICATE_MAX_AGE_DAYS = env.int("LOTSE_CERTIFICATE_MAX_AGE_DAYS", default=90)
LOTSE_CERTIFICATE_RENEWAL_YEARS = env.int("LOTSE_CERTIFICATE_RENEWAL_YEARS", default=5)
LOTSE_MAX_DISTANCE_KM = 200

# ---------------------------------------------------------------------------
# Volunteers, needs and spreadsheet import (issue 3)
# ---------------------------------------------------------------------------
# Versions of the texts a volunteer agrees to; a new version asks everyone again.
LOTSE_PRIVACY_VERSION = env("LOTSE_PRIVACY_VERSION", default="2026-11")
LOTSE_CODE_OF_CONDUCT_VERSION = env("LOTSE_CODE_OF_CONDUCT_VERSION", default="2026-11")
LOTSE_PAUSE_MAX_DAYS = env.int("LOTSE_PAUSE_MAX_DAYS", default=365)
# An unfinished sign-up's answers are kept this long without change (then deleted).
LOTSE_SIGNUP_DRAFT_DAYS = env.int("LOTSE_SIGNUP_DRAFT_DAYS", default=30)
# Spreadsheets larger than this, or with more data rows, are refused before they are read.
LOTSE_IMPORT_MAX_BYTES = env.int("LOTSE_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
LOTSE_IMPORT_MAX_ROWS = env.int("LOTSE_IMPORT_MAX_ROWS", default=20_000)

# ---------------------------------------------------------------------------
# Reminders (platform/lotse/reminders; schedule in CELERY_BEAT_SCHEDULE)
# ---------------------------------------------------------------------------
LOTSE_APPOINTMENT_REMINDER_HOURS = env.int("LOTSE_APPOINTMENT_REMINDER_HOURS", default=24)
# A proposal without a decision for this many days reminds the deciding social workers (the
# dashboard's list of stale proposals uses the same limit) ...
LOTSE_DECISION_OVERDUE_DAYS = env.int("LOTSE_DECISION_OVERDUE_DAYS", default=3)
# ... and after this many days it goes to the district coordinators.
LOTSE_DECISION_ESCALATION_DAYS = env.int("LOTSE_DECISION_ESCALATION_DAYS", default=7)
LOTSE_NEED_UNFILLED_ALERT_DAYS = env.int("LOTSE_NEED_UNFILLED_ALERT_DAYS", default=3)
# Volunteers hear this many days before their certificate of conduct expires.
LOTSE_CERTIFICATE_NOTICE_DAYS = env.list(
    "LOTSE_CERTIFICATE_NOTICE_DAYS", cast=int, default=[60, 30]
)

# ---------------------------------------------------------------------------
# Safeguarding and privacy (issue 8); every period is stated on /privacy/ and in docs/
# ---------------------------------------------------------------------------
# Concerns: first response due within this many hours, else escalated; length and rate limits.
LOTSE_CONCERN_RESPONSE_HOURS = env.int("LOTSE_CONCERN_RESPONSE_HOURS", default=48)
LOTSE_CONCERN_MAX_CHARS = env.int("LOTSE_CONCERN_MAX_CHARS", default=5000)
LOTSE_CONCERN_RATE = env("LOTSE_CONCERN_RATE", default="5/h")
LOTSE_CONCERN_STATUS_RATE = env("LOTSE_CONCERN_STATUS_RATE", default="30/h")
LOTSE_CONCERN_RETENTION_MONTHS = env.int("LOTSE_CONCERN_RETENTION_MONTHS", default=36)
LOTSE_ACCESS_LOG_RETENTION_MONTHS = env.int("LOTSE_ACCESS_LOG_RETENTION_MONTHS", default=24)
# eFZ records: deleted when no placement is active within this many days of the inspection
# ("at once"), else this many months after the last activity.
LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS = env.int("LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS", default=30)
LOTSE_CERTIFICATE_RETENTION_MONTHS = env.int("LOTSE_CERTIFICATE_RETENTION_MONTHS", default=6)
# Volunteers inactive this long are reminded, then anonymised after the grace period.
LOTSE_INACTIVE_MONTHS = env.int("LOTSE_INACTIVE_MONTHS", default=24)
LOTSE_INACTIVE_GRACE_DAYS = env.int("LOTSE_INACTIVE_GRACE_DAYS", default=30)
# Closed proposals that never became a placement lose their personal details after this long.
LOTSE_UNAGREED_PROPOSAL_MONTHS = env.int("LOTSE_UNAGREED_PROPOSAL_MONTHS", default=6)
LOTSE_EXPORT_RATE = env("LOTSE_EXPORT_RATE", default="10/h")

# ---------------------------------------------------------------------------
# Coordinator dashboard and public transparency report (issue 7) — docs/dashboard.md
# ---------------------------------------------------------------------------
# Open needs that start within this many days and still have open slots are stale work.
LOTSE_DASHBOARD_SOON_DAYS = env.int("LOTSE_DASHBOARD_SOON_DAYS", default=7)
# Active placements whose volunteer's eFZ runs out within this many days are stale work.
LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS = env.int(
    "LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS", default=60
)
LOTSE_DASHBOARD_MAX_RANGE_DAYS = env.int("LOTSE_DASHBOARD_MAX_RANGE_DAYS", default=1100)
LOTSE_DASHBOARD_LIST_LIMIT = env.int("LOTSE_DASHBOARD_LIST_LIMIT", default=50)
# Supply (volunteers within reach) counts from the matching pool; the neighbourhood centres
# it counts for are read again at most this often.
LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = env.int(
    "LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS", default=60
)
# Map tiles are optional: without a URL the map shows circles and facilities on a plain
# background. A tile server is contacted by the browser, so its origin joins img-src.
LOTSE_MAP_TILE_URL = env("LOTSE_MAP_TILE_URL", default="")
LOTSE_MAP_TILE_ATTRIBUTION = env("LOTSE_MAP_TILE_ATTRIBUTION", default="")
if LOTSE_MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(LOTSE_MAP_TILE_URL)  # "{s}" subdomains become a CSP wildcard
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"
    )
# Summary tables (dashboard/models.py), refreshed by the beat jobs below: the current state
# every minute, the daily flows of the recent days every five minutes, all days at night.
# Older summaries than MAX_AGE are not used: the page then reads the base tables (slower).
LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS = env.int(
    "LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS", default=60
)
LOTSE_DASHBOARD_RECENT_REFRESH_SECONDS = env.int(
    "LOTSE_DASHBOARD_RECENT_REFRESH_SECONDS", default=300
)
LOTSE_DASHBOARD_RECENT_DAYS = env.int("LOTSE_DASHBOARD_RECENT_DAYS", default=62)
LOTSE_DASHBOARD_SUMMARY_MAX_AGE_SECONDS = env.int(
    "LOTSE_DASHBOARD_SUMMARY_MAX_AGE_SECONDS", default=900
)
# Public report: months shown, small-number threshold, facilities a district needs to be
# shown on its own (fewer: pooled with other small districts); worked out hourly, and by the
# page itself when the stored one is older than MAX_AGE.
LOTSE_TRANSPARENCY_MONTHS = env.int("LOTSE_TRANSPARENCY_MONTHS", default=12)
LOTSE_TRANSPARENCY_MIN_COUNT = env.int("LOTSE_TRANSPARENCY_MIN_COUNT", default=5)
LOTSE_TRANSPARENCY_MIN_FACILITIES = env.int("LOTSE_TRANSPARENCY_MIN_FACILITIES", default=3)
LOTSE_TRANSPARENCY_MAX_AGE_SECONDS = env.int("LOTSE_TRANSPARENCY_MAX_AGE_SECONDS", default=7200)

# ---------------------------------------------------------------------------
# Periodic jobs of every app (the one list; docs/operations.md "Periodic jobs")
# ---------------------------------------------------------------------------
# A new job is one entry here plus a task in its app's tasks.py. django-celery-beat's
# DatabaseScheduler copies the entries into its tables when beat starts (by name: a job the
# admin paused stays paused); times are local (CELERY_TIMEZONE). The names are the keys of the
# rows already installed: renaming one leaves the old row behind.
CELERY_BEAT_SCHEDULE = {
    # notifications: publish again the rows whose publish failed; a short interval sends them
    # out within seconds of the broker's return (one indexed query when nothing is due).
    "notifications-sweep": {
        "task": "notifications.sweep",
        "schedule": env.float("NOTIFICATIONS_SWEEP_INTERVAL_SECONDS", default=10.0),
    },
    # notifications: delete delivered rows past NOTIFICATIONS_RETENTION_DAYS.
    "notifications-prune": {"task": "notifications.prune", "schedule": crontab(hour=3, minute=15)},
    # api: Idempotency-Key records older than LOTSE_IDEMPOTENCY_HOURS are deleted.
    "web-idempotency-prune": {"task": "web.idempotency_prune", "schedule": crontab(minute=35)},
    # core: sessions past their expiry leave the database (Django's `clearsessions`).
    "core-sessions-clear-expired": {
        "task": "core.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=45),
    },
    # reminders: volunteers hear of a one-off appointment within the next 24 hours.
    "reminders-appointments": {
        "task": "reminders.appointments",
        "schedule": crontab(minute="*/15"),
    },
    # reminders: certificates of conduct about to expire or expired.
    "reminders-certificates": {
        "task": "reminders.certificates",
        "schedule": crontab(hour=7, minute=0),
    },
    # reminders: the opt-in digest of new opportunities.
    "reminders-digests": {"task": "reminders.digests", "schedule": crontab(hour=7, minute=30)},
    # reminders: proposals undecided for LOTSE_DECISION_OVERDUE_DAYS remind the social workers
    # (the task keeps the name it had in the placements app: stored rows and queued messages).
    "placements-remind-overdue": {
        "task": "lotse.placements.tasks.remind_overdue_decisions",
        "schedule": crontab(hour=7, minute=45),
    },
    # reminders: proposals undecided for LOTSE_DECISION_ESCALATION_DAYS go to the coordinators.
    "reminders-decisions": {"task": "reminders.decisions", "schedule": crontab(hour=8, minute=0)},
    # reminders: needs still short of volunteers shortly before their date.
    "reminders-unfilled-needs": {
        "task": "reminders.unfilled_needs",
        "schedule": crontab(hour=8, minute=15),
    },
    # safeguarding: concerns without a first response by their deadline are escalated.
    "safeguarding: escalate overdue concerns": {
        "task": "lotse.safeguarding.tasks.escalate_overdue_concerns",
        "schedule": crontab(minute="*/30"),
    },
    # safeguarding: certificate inspection records the law no longer lets us keep.
    "safeguarding: delete certificate records past retention": {
        "task": "lotse.safeguarding.tasks.purge_certificate_inspections",
        "schedule": crontab(hour=3, minute=15),
    },
    # safeguarding: resolved concerns and access-log entries past their retention.
    "safeguarding: delete old concerns and access-log entries": {
        "task": "lotse.safeguarding.tasks.purge_safeguarding_records",
        "schedule": crontab(hour=3, minute=30),
    },
    # privacy: inactive volunteers, unagreed proposals, sign-up drafts, old API tokens.
    "privacy: retention of accounts and proposals": {
        "task": "lotse.privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=45),
    },
    # dashboard: the summary tables' current state (LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS).
    "dashboard-refresh-current": {
        "task": "dashboard.refresh_current",
        "schedule": float(LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS),
    },
    # dashboard: the daily flows of the recent days (LOTSE_DASHBOARD_RECENT_REFRESH_SECONDS).
    "dashboard-refresh-recent": {
        "task": "dashboard.refresh_recent",
        "schedule": float(LOTSE_DASHBOARD_RECENT_REFRESH_SECONDS),
    },
    # dashboard: all days, at night.
    "dashboard-refresh-all": {
        "task": "dashboard.refresh_all",
        "schedule": crontab(hour=2, minute=40),
    },
    # dashboard: the public transparency report, hourly.
    "dashboard-transparency": {"task": "dashboard.transparency", "schedule": crontab(minute=7)},
}

# ---------------------------------------------------------------------------
# Operations (issue 10): probes, metrics, error reporting — docs/operations.md
# ---------------------------------------------------------------------------
# /readyz waits at most this long for the database, the cache and the broker together.
LOTSE_READY_TIMEOUT_SECONDS = env.float("LOTSE_READY_TIMEOUT_SECONDS", default=2.0)
# /metrics answers a request with "Authorization: Bearer <token>" or from these networks;
# with neither set it does not exist (404).
LOTSE_METRICS_TOKEN = env("LOTSE_METRICS_TOKEN", default="")
LOTSE_METRICS_ALLOWED_IPS = env.list("LOTSE_METRICS_ALLOWED_IPS", default=[])
LOTSE_METRICS_QUEUES = env.list("LOTSE_METRICS_QUEUES", default=[CELERY_TASK_DEFAULT_QUEUE])
# Sentry-compatible error reporting (Sentry, GlitchTip): on when a DSN is set and sentry-sdk
# is installed; never sends personal data (lotse/ops/error_reporting.py).
SENTRY_DSN = env("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="production")
SENTRY_RELEASE = env("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)

# ---------------------------------------------------------------------------
# Logging: every line carries the request id; `json` in production, `plain` elsewhere
# ---------------------------------------------------------------------------
LOTSE_LOG_FORMAT = env("LOTSE_LOG_FORMAT", default="plain")
LOGGING = logging_config(fmt=LOTSE_LOG_FORMAT, level=env("LOTSE_LOG_LEVEL", default="INFO"))
