"""`manage.py drf_create_token EMAIL` (contracts.md): issue an API token and print it once.

Replaces DRF's command of the same name, whose tokens were stored in clear; the first output
line keeps its form ("Generated token <key> for user <email>") for scripts that read it.
"""

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts import tokens
from lotse.accounts.models import User


class Command(BaseCommand):
    help = (
        "Issue an API token for the user with this e-mail address and print its key once "
        "(only a digest is stored). -r revokes the user's other tokens first (rotation)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's e-mail address")
        parser.add_argument(
            "-r", "--reset", action="store_true", help="revoke the user's existing tokens first"
        )
        parser.add_argument("--name", default="", help="what the token is for, e.g. 'case system'")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days until the token expires (default LOTSE_API_TOKEN_DAYS; 0: never)",
        )
        parser.add_argument(
            "--read-only",
            action="store_true",
            help="the token may only read (GET, HEAD, OPTIONS); without it: read and write",
        )

    def handle(self, *args, username, reset, name, days, read_only, **options):
        user = User.objects.filter(email__iexact=username.strip()).first()
        if user is None:
            raise CommandError(f"There is no user with the e-mail address {username!r}.")
        if not user.is_active:
            raise CommandError(f"{user.email} is deactivated; activate the account first.")
        if days is not None and days < 0:
            raise CommandError("--days must be 0 (no expiry) or more.")
        token, key = tokens.issue_token(
            user, name=name[:100], days=days, replace=reset, read_only=read_only
        )
        self.stdout.write(f"Generated token {key} for user {user.email}")
        until = token.expires_at.date().isoformat() if token.expires_at else "never"
        self.stderr.write(
            f"Keep the key now: it is stored only as a digest and cannot be shown again. "
            f"Starts with {token.prefix}, expires: {until}, "
            f"{'read-only' if token.read_only else 'read-write'}."
        )
