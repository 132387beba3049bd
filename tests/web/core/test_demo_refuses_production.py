"""The demo (a public password, TOTP secrets in the source) never runs in production: its app is
not installed, seeding is refused, demo accounts cannot log in, and `check --deploy` fails while
any exist (issue 17)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from lotse.accounts.models import User
from lotse.demo.seed import DEMO_REFUSED

from ..factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def production(settings):
    settings.LOTSE_PRODUCTION = True
    return settings


def test_seeding_the_demo_is_refused_in_production(production):
    with pytest.raises(CommandError, match="never created under production settings"):
        call_command("seed_demo", volunteers=5, needs=5)
    assert not User.objects.filter(email__endswith="@demo.lotse.local").exists()
    assert "production" in DEMO_REFUSED


def test_the_deploy_check_fails_while_a_demo_account_exists(production):
    UserFactory(email="admin@demo.lotse.local")
    errors = [m for m in run_checks(include_deployment_checks=True) if m.id == "lotse.E002"]
    assert len(errors) == 1 and errors[0].is_serious()


def test_the_deploy_check_is_quiet_without_demo_accounts(production):
    UserFactory(email="real@stadt-muenster.de")
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id == "lotse.E002"]


def test_a_demo_account_cannot_log_in_in_production(client, production):
    UserFactory(email="ehrenamt@demo.lotse.local")
    login = {"login": "ehrenamt@demo.lotse.local", "password": PASSWORD}
    response = client.post("/accounts/login/", login)
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_demo_account_logs_in_outside_production(client):
    UserFactory(email="ehrenamt@demo.lotse.local")
    client.post("/accounts/login/", {"login": "ehrenamt@demo.lotse.local", "password": PASSWORD})
    assert "_auth_user_id" in client.session


def _demo_installed_under(module: str) -> bool:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
           "DJANGO_SETTINGS_MODULE": module, "DJANGO_SECRET_KEY": "x" * 50,
           "DJANGO_ALLOWED_HOSTS": "lotse.example.org"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    script = "from django.conf import settings; print('lotse.demo' in settings.INSTALLED_APPS)"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return result.stdout.strip() == "True"


def test_the_production_settings_do_not_install_the_demo():
    assert not _demo_installed_under("lotse.settings.prod")
    assert _demo_installed_under("lotse.settings.dev")
    assert _demo_installed_under("tests.load.settings_load")  # the load test builds its data
