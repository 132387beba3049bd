import datetime as dt

import pytest
from django.utils import timezone

from lotse.needs.services import need_create


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def one_off(days: int = 14) -> str:
    return f"{in_days(days).isoformat()} 09:00-12:00"


def weekly(start_days: int = 3, until_days: int = 90) -> str:
    return f"weekly tue 16:00-18:00 from {in_days(start_days)} until {in_days(until_days)}"


@pytest.fixture
def a1_need(alice, facility_a1):
    """An open one-off need at A1 (Stadt), posted by alice."""
    return need_create(
        actor=alice,
        facility=facility_a1,
        title="Begleitung zum Jobcenter",
        main_skill="accompaniment",
        schedule=one_off(),
        languages_required={"ar": 3},
        external_id="N-1",
    )


@pytest.fixture
def c1_need(charlie, facility_c1):
    return need_create(
        actor=charlie, facility=facility_c1, title="Fahrradwerkstatt", main_skill="bike_repair",
        schedule=weekly(),
    )  # fmt: skip
