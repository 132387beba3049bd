"""The API's own rows: its idempotency records (lotse/api/idempotency.py)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A pending record whose request no longer runs belongs to a process that died mid-request;
# its work was rolled back with its connection. Requests end long before this (gunicorn's
# timeout is 30 s, nginx waits 60 s), and a live one holds the record's row lock anyway.
ABANDONED_AFTER = dt.timedelta(minutes=2)


def kept_for() -> dt.timedelta:
    return dt.timedelta(hours=settings.LOTSE_IDEMPOTENCY_HOURS)


class IdempotencyRecordQuerySet(models.QuerySet):
    def expired(self, now: dt.datetime):
        return self.filter(created_at__lt=now - kept_for())

    def stale(self, now: dt.datetime):
        """Expired, or abandoned while pending: the key is free again."""
        abandoned = models.Q(
            state=IdempotencyRecord.State.PENDING, created_at__lt=now - ABANDONED_AFTER
        )
        return self.filter(models.Q(created_at__lt=now - kept_for()) | abandoned)


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` of one caller: the request it was first sent with and, once the
    request is done, its answer."""

    class State(models.TextChoices):
        PENDING = "pending", _("running")
        DONE = "done", _("answered")

    # `user:<id>` for a signed-in caller, `anonymous` for everyone else.
    scope = models.CharField(max_length=40)
    # The caller, so that erasing an account deletes its stored answers with it (they may hold
    # its contact data for 24 h). Hidden ("+"): a copy of answers is no part of the export.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    endpoint = models.TextField(help_text="method and path, e.g. `POST /api/v1/needs/`")
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of the canonical JSON body")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_data = models.JSONField(null=True, blank=True)
    location = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    objects = IdempotencyRecordQuerySet.as_manager()

    class Meta:
        # Moved from the web app state-only (issue 20): the table keeps its name and its rows.
        db_table = "web_idempotencyrecord"
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="web_idempotency_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} · {self.endpoint} · {self.state}"

    def is_for(self, *, endpoint: str, body_hash: str) -> bool:
        """Sent to the same operation with the same body as the first time."""
        return (self.endpoint, self.body_hash) == (endpoint, body_hash)
