"""E-mail backends that refuse like SMTP servers do, for in-process delivery tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Refuses the first `refusals` messages with `code`, then delivers to mail.outbox."""

    refusals = 0
    code = 451

    def send_messages(self, messages):
        if RefusingBackend.refusals > 0:
            RefusingBackend.refusals -= 1
            raise smtplib.SMTPDataError(RefusingBackend.code, b"try again later")
        return super().send_messages(messages)


class RecordingSmsBackend:
    sent: list = []

    def send(self, *, to: str, text: str) -> None:
        RecordingSmsBackend.sent.append((to, text))
