"""Where live-room state lives: Redis when REDIS_URL is set, shared by every worker; otherwise this process's cache
(the embedded default runs one process).

Redis is used through redis-py's asyncio client, one per event loop, so that room changes need no thread hop
(Django's cache runs its async methods on the one thread that database calls also queue on). Values are JSON.
"""

import asyncio
import json
import weakref
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache

# Delete a key only if it still holds our value (releasing a lock that nobody else took over meanwhile).
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def _key(name):
    return f"{settings.REDIS_PREFIX}:intervisie:{name}"


class RedisStore:
    def __init__(self, url):
        self.url = url
        self._clients = weakref.WeakKeyDictionary()

    def _client(self):
        from redis import asyncio as redis_asyncio

        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            client = self._clients[loop] = redis_asyncio.Redis.from_url(self.url, socket_timeout=None)
        return client

    @memoize
    def _sync_client(self):
        import redis

        return redis.Redis.from_url(self.url)

    async def get_many(self, *names):
        return [json.loads(raw) if raw is not None else None for raw in await self._client().mget([_key(n) for n in names])]

    async def set(self, name, value, ttl):
        await self._client().set(_key(name), json.dumps(value), ex=ttl)

    async def add(self, name, value, ttl):
        return bool(await self._client().set(_key(name), json.dumps(value), ex=ttl, nx=True))

    async def release(self, name, value):
        await self._client().eval(RELEASE, 1, _key(name), json.dumps(value))

    async def incr(self, name, ttl):
        async with self._client().pipeline(transaction=True) as pipe:
            count, _ = await pipe.incr(_key(name)).expire(_key(name), ttl, nx=True).execute()
        return count

    def sync_get(self, name):
        raw = self._sync_client().get(_key(name))
        return json.loads(raw) if raw is not None else None

    def sync_set(self, name, value, ttl):
        self._sync_client().set(_key(name), json.dumps(value), ex=ttl)

    def sync_delete(self, *names):
        self._sync_client().delete(*[_key(n) for n in names])


class LocalStore:
    """Django's in-process cache: its calls are quick in-memory operations, fine to make from async code."""

    async def get_many(self, *names):
        return [cache.get(_key(n)) for n in names]

    async def set(self, name, value, ttl):
        cache.set(_key(name), value, ttl)

    async def add(self, name, value, ttl):
        return cache.add(_key(name), value, ttl)

    async def release(self, name, value):
        if cache.get(_key(name)) == value:
            cache.delete(_key(name))

    async def incr(self, name, ttl):
        cache.add(_key(name), 0, ttl)
        try:
            return cache.incr(_key(name))
        except ValueError:  # expired between add and incr
            cache.add(_key(name), 1, ttl)
            return 1

    def sync_get(self, name):
        return cache.get(_key(name))

    def sync_set(self, name, value, ttl):
        cache.set(_key(name), value, ttl)

    def sync_delete(self, *names):
        cache.delete_many([_key(n) for n in names])


@memoize
def store():
    return RedisStore(settings.REDIS_URL) if settings.REDIS_URL else LocalStore()
