from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lotse.accounts.secrets import SecretUnreadable, secret_reencrypt

# The fields of Authenticator.data that allauth passes through the adapter's encrypt().
SECRET_KEYS = ("secret", "seed")


class Command(BaseCommand):
    help = (
        "Encrypt every second-factor secret with the newest LOTSE_MFA_KEYS key (after adding a "
        "key in front, or once after upgrading from a version that stored them in clear)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        changed = 0
        for authenticator in Authenticator.objects.select_for_update().iterator():
            data = dict(authenticator.data)
            for key in SECRET_KEYS:
                if key in data:
                    try:
                        data[key] = secret_reencrypt(data[key])
                    except SecretUnreadable as exc:
                        raise CommandError(
                            f"authenticator {authenticator.pk}: {exc}; nothing was changed"
                        ) from exc
            if data != authenticator.data:
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                changed += 1
        self.stdout.write(f"{changed} authenticator(s) re-encrypted with the newest key.")
