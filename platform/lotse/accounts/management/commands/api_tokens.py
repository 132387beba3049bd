"""`manage.py api_tokens EMAIL [--revoke PREFIX | --revoke-all]`: list or revoke a user's tokens.

Revoking keeps the row (a client is told "revoked"); retention deletes it later."""

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts import tokens
from lotse.accounts.models import User


class Command(BaseCommand):
    help = "List a user's API tokens (never their keys), or revoke one or all of them."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's e-mail address")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--revoke",
            metavar="PREFIX",
            help="revoke the token starting so (a prefix beginning with - as --revoke=PREFIX)",
        )
        group.add_argument("--revoke-all", action="store_true", help="revoke every token")

    def handle(self, *args, username, revoke, revoke_all, **options):
        user = User.objects.filter(email__iexact=username.strip()).first()
        if user is None:
            raise CommandError(f"There is no user with the e-mail address {username!r}.")
        if revoke or revoke_all:
            count = tokens.revoke(user, prefix=revoke)
            if revoke and not count:
                raise CommandError(_nothing_to_revoke(user, revoke))
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        rows = user.api_tokens.select_related("organisation").order_by("-created_at")
        if not rows:
            self.stdout.write(f"{user.email} has no API token.")
        for token in rows:
            self.stdout.write(_line(token))


def _line(token) -> str:
    parts = [
        f"{token.prefix}…",
        token.name or "-",
        f"created {_day(token.created_at)}",
        f"expires {_day(token.expires_at) or 'never'}",
        f"last used {_day(token.last_used_at) or 'never'}",
        "read-only" if token.read_only else "read-write",
    ]
    if token.organisation_id:
        parts.append(f"organisation {token.organisation}")
    if token.revoked_at:
        parts.append(f"REVOKED {_day(token.revoked_at)}")
    return "  ".join(parts)


def _nothing_to_revoke(user: User, prefix: str) -> str:
    if user.api_tokens.filter(prefix=prefix[: tokens.PREFIX_LENGTH]).exists():
        return f"The token of {user.email} starting with {prefix!r} is already revoked."
    return f"{user.email} has no token starting with {prefix!r}."


def _day(moment) -> str:
    return moment.date().isoformat() if moment else ""
