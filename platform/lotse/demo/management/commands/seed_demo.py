from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.mfa import totp_current_code
from lotse.demo.seed import DEMO_PASSWORD, DEMO_TOTP, VOLUNTEER_LOGIN, DemoRefused, seed_demo


class Command(BaseCommand):
    help = "Build the Münster demo (idempotent) and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--volunteers", type=int, default=300)
        parser.add_argument("--needs", type=int, default=60)

    def handle(self, *args, **opts):
        try:
            summary = seed_demo(volunteers=opts["volunteers"], needs=opts["needs"])
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        state = "created" if summary.created else "already present"
        self.stdout.write(
            f"Demo data {state}: {summary.facilities} facilities, {summary.volunteers} volunteers, "
            f"{summary.needs} needs."
        )
        self.stdout.write("\nDemo logins (password for all: %s)" % DEMO_PASSWORD)
        self.stdout.write(f"  {'volunteer':<24} {VOLUNTEER_LOGIN}")
        roles = [
            "social worker",
            "social worker (Caritas)",
            "facility staff",
            "district coordinator",
            "administrator",
        ]
        for role, (email, secret) in zip(roles, DEMO_TOTP.items(), strict=True):
            self.stdout.write(f"  {role:<24} {email:<32} TOTP secret {secret}")
        self.stdout.write(
            "Staff log in with a TOTP code: add the secret to an authenticator app, or run\n"
            "  python manage.py demo_totp EMAIL\n"
            f"(e.g. the social worker's code right now: "
            f"{totp_current_code(DEMO_TOTP['sozialarbeit@demo.lotse.local'])})"
        )
