"""The real services CI runs against (PostgreSQL, Redis)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_it_talks_to_postgresql(postgres):
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


def test_it_talks_to_redis(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.set("lotse:test:ping", "pong", ex=10)
    assert client.get("lotse:test:ping") == b"pong"
