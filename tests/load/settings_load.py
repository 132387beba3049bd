"""Production settings as the load test runs them: plain HTTP on loopback, one client address.

Only what a reverse proxy and many client addresses would otherwise take care of differs:
- cookies are not marked Secure (the test talks plain HTTP to gunicorn on 127.0.0.1);
- allauth's login rate limits are off (all simulated users come from one address).
The demo app, which production leaves out, is back: the runner builds the data set and exports
its logins with it (build_load_data, lotse.demo.load_data).
"""

import os

from lotse.settings.prod import *  # noqa: F403
from lotse.settings.prod import INSTALLED_APPS
from tests.load.mfa_key import LOAD_MFA_KEY

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ACCOUNT_RATE_LIMITS = False
INSTALLED_APPS = [*INSTALLED_APPS, "lotse.demo"]
# The load data's TOTP secrets are encrypted with this key wherever the data was built.
LOTSE_MFA_KEYS = [LOAD_MFA_KEY]

# The smoke test (tests/web/ops/test_load_runner.py) serves static files from the app folders
# instead of collecting them: collectstatic with compression takes minutes on two cores.
if os.environ.get("LOTSE_LOAD_STATIC") == "finders":
    STORAGES = {
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
