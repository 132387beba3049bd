import hashlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import conf
from ..rendering import absolute
from .base import Channel, PermanentFailure, TemporaryFailure


def message_id(notification) -> str:
    """Stable per notification: a resend after a crash carries the same Message-ID, so mail
    clients that collapse duplicates show it once."""
    digest = hashlib.sha256(notification.dedupe_key.encode()).hexdigest()[:16]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
    return f"<notification.{notification.pk}.{digest}@{domain}>"


def _classify(exc: Exception) -> Exception:
    """SMTP says 5xx: permanent; 4xx, a dropped connection or a timeout: temporary."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        permanent = codes and all(code >= 500 for code in codes)
        return (PermanentFailure if permanent else TemporaryFailure)(f"refused: {exc.recipients}")
    code = getattr(exc, "smtp_code", None)
    if isinstance(code, int) and code >= 500:
        return PermanentFailure(f"{code} {exc}")
    return TemporaryFailure(f"{type(exc).__name__}: {exc}")


class EmailChannel(Channel):
    name = "email"
    label = _("E-mail")

    def available_for(self, recipient, preference) -> bool:
        return bool(getattr(recipient, "email", ""))

    def send(self, *, notification, message, preference) -> None:
        recipient = notification.recipient
        email = EmailMultiAlternatives(
            subject=conf.subject_prefix() + message.subject,
            body=message.text,
            to=[recipient.email],
            headers={
                "Message-ID": message_id(notification),
                "Auto-Submitted": "auto-generated",
                "Content-Language": message.language,
                "List-Unsubscribe": f"<{absolute(reverse('notifications:preferences'))}>",
            },
        )
        email.attach_alternative(message.html, "text/html")
        try:
            connection = get_connection(timeout=conf.smtp_timeout())
            connection.send_messages([email])
        except (smtplib.SMTPException, OSError) as exc:
            raise _classify(exc) from exc
