"""Errors that more than one app raises."""

from django.utils.translation import gettext_lazy as _

# Refused to staff without two-factor authentication; the API tells it apart as `mfa-required`.
MFA_REQUIRED_MESSAGE = _("Staff accounts must set up two-factor authentication first.")


class AppendOnlyError(RuntimeError):
    """A row of an append-only record (audit trail, case notes, access log) was to be changed
    or deleted."""
