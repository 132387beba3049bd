"""Writes on the access log. Every app that shows a protected record calls these."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from .models import AccessLogEntry


def _record_type(record) -> str:
    return record._meta.label_lower if isinstance(record, models.Model) else type(record).__name__


def access_log_record(*, actor: AbstractBaseUser, record, purpose: str) -> AccessLogEntry:
    """Log that `actor` read `record` (a concern, a certificate inspection, …) and why."""
    return access_log_record_many(actor=actor, records=[record], purpose=purpose)[0]


def access_log_record_many(
    *, actor: AbstractBaseUser, records, purpose: str
) -> list[AccessLogEntry]:
    """One entry per record, e.g. for each concern shown in a list."""
    label = getattr(actor, "email", "") or "system"
    role = getattr(actor, "role", "") or "system"
    entries = [
        AccessLogEntry(
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=label[:254],
            actor_role=role,
            record_type=_record_type(record),
            record_id=str(record.pk),
            purpose=str(purpose)[:200],
        )
        for record in records
    ]
    return AccessLogEntry.objects.bulk_create(entries)
