"""The profile pages read each table once, not once per form or template fragment."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _repeated(client, url) -> dict[str, int]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    counts = Counter(q["sql"] for q in queries)
    return {sql: n for sql, n in counts.items() if n > 1}


@pytest.mark.parametrize("page", ["volunteers:profile", "volunteers:profile_edit"])
def test_it_sends_no_query_twice(client, victor, page):
    client.force_login(victor)
    client.get(reverse(page))  # sessions, permissions and the like are read once per process
    assert _repeated(client, reverse(page)) == {}
