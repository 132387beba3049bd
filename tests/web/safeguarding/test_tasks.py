import pytest

from lotse.safeguarding import tasks

pytestmark = pytest.mark.django_db


def test_the_daily_job_runs_the_purge_service(concern):
    assert tasks.purge_safeguarding_records.delay().get() == {"concerns": 0, "access_log": 0}
    assert tasks.escalate_overdue_concerns.delay().get() == 0
