"""PostgreSQL and Redis, as `make test-services` runs the suite. Skipped by `make test`; never skipped under CI=true."""

import asyncio
import os
import uuid

import pytest
from channels.layers import get_channel_layer
from django.core.cache import caches
from django.db import connection

from tests.conftest import require

pytestmark = pytest.mark.services


@pytest.fixture(autouse=True)
def _services_requested():
    require(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"), "DATABASE_URL and REDIS_URL (make test-services)")


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select 1")
        assert cursor.fetchone() == (1,)


def test_cache_is_redis():
    key = f"probe-{uuid.uuid4()}"
    cache = caches["default"]
    cache.set(key, {"a": 1}, 10)
    assert cache.get(key) == {"a": 1}
    assert type(cache).__name__ == "RedisCache"


@pytest.mark.asyncio
async def test_channel_layer_is_redis_and_delivers_a_burst_to_a_group():
    """A burst of 300 group messages to one member arrives whole (capacity is above the default 100)."""
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    channel = await layer.new_channel()
    group = f"probe-{uuid.uuid4().hex}"
    await layer.group_add(group, channel)
    for n in range(300):
        await layer.group_send(group, {"type": "probe.message", "n": n})
    received = [(await asyncio.wait_for(layer.receive(channel), 5))["n"] for _ in range(300)]
    await layer.group_discard(group, channel)
    assert received == list(range(300))
