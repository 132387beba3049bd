"""Shared errors: one definition, raised by every append-only record."""

from lotse.core.errors import AppendOnlyError
from lotse.placements import models as placements
from lotse.safeguarding import models as safeguarding


def test_it_is_the_same_error_for_the_audit_trail_and_the_access_log():
    assert placements.AppendOnlyError is AppendOnlyError
    assert safeguarding.AppendOnlyError is AppendOnlyError
