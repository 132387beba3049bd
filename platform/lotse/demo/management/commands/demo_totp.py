from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.mfa import totp_current_code
from lotse.demo.seed import DEMO_TOTP


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo staff login (demo secrets only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **opts):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DEBUG on (demo installations).")
        secret = DEMO_TOTP.get(email.lower())
        if secret is None:
            raise CommandError(f"not a demo login: {email}")
        self.stdout.write(totp_current_code(secret))
