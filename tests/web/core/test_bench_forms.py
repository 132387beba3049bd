"""`manage.py bench_forms` renders the demo volunteer's profile form through each renderer and
prints the figures docs/performance.md quotes; without the demo it says what to run."""

import io

import pytest
from django.core.management import CommandError, call_command

from lotse.demo.seed import VOLUNTEER_LOGIN

from ..factories import UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "timings of form rendering; no date words"


def test_it_prints_each_renderer_against_django_s_jinja2():
    VolunteerFactory(user=UserFactory(email=VOLUNTEER_LOGIN))
    out = io.StringIO()
    call_command("bench_forms", "--repeat", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("profile form, 2 renders each")
    assert [line.split(" p50")[0].strip() for line in lines[1:]] == [
        "Lotse (FormRenderer)", "Django Jinja2", "Django templates"]  # fmt: skip
    assert "1.00× Django Jinja2" in lines[2]


def test_without_the_demo_it_says_what_to_run():
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("bench_forms", "--repeat", "1")
