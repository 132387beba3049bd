"""Errors that more than one app raises."""


class AppendOnlyError(RuntimeError):
    """A row of an append-only record (audit trail, case notes, access log) was to be changed
    or deleted."""
