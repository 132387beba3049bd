"""The access log: who read which protected record (a concern, a certificate inspection), when
and why. Several apps write it (core.audit), so it lives at the bottom; rows are added, never
changed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import AppendOnlyError


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the access log is append-only")


class AccessLogEntry(models.Model):
    """Who read which protected record, when and why. Rows are added, never changed."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept as written at the time, so the entry still says who read after an account is gone.
    actor_label = models.CharField(_("account"), max_length=254)
    actor_role = models.CharField(_("role"), max_length=20)
    record_type = models.CharField(_("record type"), max_length=100, db_index=True)
    record_id = models.CharField(_("record"), max_length=64)
    purpose = models.CharField(_("why"), max_length=200)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        # The table (and its no-update trigger) were made by the safeguarding app, where the
        # log began; it moved here without copying rows.
        db_table = "safeguarding_accesslogentry"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} → {self.record_type} #{self.record_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the access log is append-only; old entries expire by retention")


class Stamp(models.Model):
    """A version stamp's value as last moved (lotse.core.stamps): the truth behind the copy in
    the shared cache, read when the cache is down or emptied and compared every few seconds."""

    name = models.CharField(max_length=100, primary_key=True)
    value = models.CharField(max_length=64)
    moved_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"
