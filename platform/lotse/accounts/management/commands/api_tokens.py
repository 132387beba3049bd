"""`manage.py api_tokens EMAIL [--revoke PREFIX | --revoke-all]`: list or revoke a user's tokens."""

from django.core.management.base import BaseCommand, CommandError

from lotse.accounts import tokens
from lotse.accounts.models import User


class Command(BaseCommand):
    help = "List a user's API tokens (never their keys), or revoke one or all of them."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's e-mail address")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--revoke", metavar="PREFIX", help="revoke the token starting so")
        group.add_argument("--revoke-all", action="store_true", help="revoke every token")

    def handle(self, *args, username, revoke, revoke_all, **options):
        user = User.objects.filter(email__iexact=username.strip()).first()
        if user is None:
            raise CommandError(f"There is no user with the e-mail address {username!r}.")
        if revoke or revoke_all:
            count = tokens.revoke(user, prefix=revoke)
            if revoke and not count:
                raise CommandError(f"{user.email} has no token starting with {revoke!r}.")
            self.stdout.write(f"Revoked {count} token(s) of {user.email}.")
            return
        rows = user.api_tokens.order_by("-created_at")
        if not rows:
            self.stdout.write(f"{user.email} has no API token.")
        for token in rows:
            self.stdout.write(
                f"{token.prefix}…  {token.name or '-'}  created {_day(token.created_at)}  "
                f"expires {_day(token.expires_at) or 'never'}  "
                f"last used {_day(token.last_used_at) or 'never'}"
            )


def _day(moment) -> str:
    return moment.date().isoformat() if moment else ""
