"""Production: everything secret comes from the environment; HTTPS only."""

from lotse.ops.logs import logging_config

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, INSTALLED_APPS, env

DEBUG = False
# A production installation: the demo (its accounts with a public password and TOTP secrets
# from the source) is refused, and `check --deploy` fails if demo accounts exist (issue 17).
LOTSE_PRODUCTION = True
# The demo app is left out: seed_demo, build_load_data and the benchmarks do not exist here.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "lotse.demo"]
SECRET_KEY = env("DJANGO_SECRET_KEY")  # no default: refuse to start without it
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # gunicorn's workers live long and serve one request at a time: keep their connection.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# Sessions read from Redis, kept in PostgreSQL: no session query per request, and with Redis down
# they are read from the database (lotse/core/sessions.py). Only with a cache all web processes
# share: a per-process cache would keep serving a session another process has ended.
if CACHES["default"]["BACKEND"] == "lotse.core.cache.ResilientRedisCache":
    SESSION_ENGINE = "lotse.core.sessions"

# One JSON object per line with the request id (lotse/ops/logs.py); workers log the same way.
LOTSE_LOG_FORMAT = env("LOTSE_LOG_FORMAT", default="json")
LOGGING = logging_config(fmt=LOTSE_LOG_FORMAT, level=env("LOTSE_LOG_LEVEL", default="INFO"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
