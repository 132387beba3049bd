from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.services import STAFF_ROLE_CHOICES, staff_upsert


class Command(BaseCommand):
    help = "Create or update a staff account and print a one-time link (or set --password)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=[r.value for r in STAFF_ROLE_CHOICES])
        parser.add_argument("--organisation", default=None)
        parser.add_argument("--district", action="append", default=[], help="repeatable")
        parser.add_argument("--password", default=None)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--base-url", default=getattr(settings, "LOTSE_BASE_URL", "http://127.0.0.1:8000")
        )

    def handle(self, *args, **opts):
        try:
            result = staff_upsert(
                email=opts["email"],
                role=opts["role"],
                organisation_name=opts["organisation"],
                district_names=opts["district"],
                password=opts["password"],
                first_name=opts["first_name"],
                last_name=opts["last_name"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        verb = "created" if result.created else "updated"
        self.stdout.write(f"{verb} {result.user.email} ({result.user.role})")
        if result.set_password_path:
            self.stdout.write(f"one-time link: {opts['base_url']}{result.set_password_path}")
