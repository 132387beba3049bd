"""The logins the locust scenario uses, written to a JSON file it reads (it imports no project
code): e-mails per role, the shared password and TOTP secret of the load-test data set."""

import json
from pathlib import Path

from lotse.accounts.models import Role, User

from .credentials import EMAIL_DOMAIN, LOAD_PASSWORD, LOAD_TOTP_SECRET

ROLES = (Role.VOLUNTEER, Role.SOCIAL_WORKER, Role.COORDINATOR)


def export_accounts(*, path: Path, per_role: int = 1_000) -> dict:
    accounts = {"password": LOAD_PASSWORD, "totp_secret": LOAD_TOTP_SECRET}
    for role in ROLES:
        emails = User.objects.filter(role=role, email__endswith=f"@{EMAIL_DOMAIN}")
        accounts[role] = list(emails.order_by("email").values_list("email", flat=True)[:per_role])
        if not accounts[role]:
            raise ValueError(f"no load-test {role} accounts: run build_load_data first")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, indent=1), encoding="utf-8")
    return accounts
