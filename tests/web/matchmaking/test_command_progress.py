"""Long matchmaking commands show the shared progress bar (a line per tenth off a terminal)."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_rebuild_pool_shows_the_volunteers_read(amira, greta):
    err, out = StringIO(), StringIO()
    call_command("rebuild_pool", stdout=out, stderr=err)
    assert "volunteers read" in err.getvalue() and "100% 2/2" in err.getvalue()
    assert out.getvalue().startswith("2 volunteers")


def test_rebuild_pool_is_silent_with_verbosity_0(amira):
    err = StringIO()
    call_command("rebuild_pool", verbosity=0, stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


@pytest.mark.django_db(transaction=True)
def test_match_all_shows_the_run_progress(erin, arabic_need, amira):
    err = StringIO()
    call_command("match_all", "--as", erin.email, stdout=StringIO(), stderr=err)
    assert "global matching" in err.getvalue() and "100% 100/100" in err.getvalue()
