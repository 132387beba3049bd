from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedMessage(models.Model):
    """A message staff sent to everyone placed on a need: kept so the team sees what was said."""

    need = models.ForeignKey(
        "needs.Need", verbose_name=_("need"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=120)
    body = models.TextField(_("message"), max_length=2000)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to a need's volunteers")
        verbose_name_plural = _("messages to a need's volunteers")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject
