"""Where live-room state lives: Redis when REDIS_URL is set, shared by every worker; otherwise this process's memory
(the embedded default runs one process).

Redis is used through redis-py's asyncio client, one per event loop, so that room changes need no thread hop
(Django's cache runs its async methods on the one thread that database calls also queue on). Values are JSON.
"""

import asyncio
import json
import threading
import time
import weakref
from functools import cache as memoize

from django.conf import settings

# Delete a key only if it still holds our value (releasing a lock that nobody else took over meanwhile).
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


def _key(name):
    return f"{settings.REDIS_PREFIX}:intervisie:{name}"


class RedisStore:
    shared = True  # several processes: their heartbeats tell which are alive (liveness.py)

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

    async def beat(self, worker):
        async with self._client().pipeline(transaction=False) as pipe:
            await pipe.set(_key(f"worker:{worker}"), json.dumps(time.time()), ex=86400).sadd(_key("workers"), worker).execute()

    async def last_beats(self, workers):
        return dict(zip(workers, await self.get_many(*[f"worker:{w}" for w in workers]))) if workers else {}

    async def all_beats(self):
        """{process: its last heartbeat, or None} for every process that has beaten and was not forgotten."""
        return await self.last_beats(sorted(w.decode() for w in await self._client().smembers(_key("workers"))))

    async def forget_workers(self, workers):
        await self._client().srem(_key("workers"), *workers)

    def sync_last_beats(self, workers):
        if not workers:
            return {}
        raws = self._sync_client().mget([_key(f"worker:{w}") for w in workers])
        return {w: json.loads(raw) if raw is not None else None for w, raw in zip(workers, raws)}

    def sync_get(self, name):
        raw = self._sync_client().get(_key(name))
        return json.loads(raw) if raw is not None else None

    def sync_set(self, name, value, ttl):
        self._sync_client().set(_key(name), json.dumps(value), ex=ttl)

    def sync_delete(self, *names):
        self._sync_client().delete(*[_key(n) for n in names])


class LocalStore:
    """This process's memory, for the embedded default (one daphne process). Not Django's local-memory cache:
    that one holds at most 300 entries and would silently drop the state of busy rooms. Every connection in it
    belongs to this living process, so it keeps no heartbeats."""

    shared = False

    def __init__(self):
        self._data = {}  # key -> (expires at, JSON text)
        self._lock = threading.Lock()  # views reach the store from other threads than the event loop's

    def _get(self, name, now):
        item = self._data.get(name)
        if item is None or item[0] <= now:
            self._data.pop(name, None)
            return None
        return json.loads(item[1])

    def _set(self, name, value, ttl):
        now = time.monotonic()
        if len(self._data) > 10_000:  # forget expired entries now and then
            for key in [k for k, (expires, _) in self._data.items() if expires <= now]:
                del self._data[key]
        self._data[name] = (now + ttl, json.dumps(value))

    async def get_many(self, *names):
        with self._lock:
            return [self._get(n, time.monotonic()) for n in names]

    async def set(self, name, value, ttl):
        with self._lock:
            self._set(name, value, ttl)

    async def add(self, name, value, ttl):
        with self._lock:
            if self._get(name, time.monotonic()) is not None:
                return False
            self._set(name, value, ttl)
            return True

    async def release(self, name, value):
        with self._lock:
            if self._get(name, time.monotonic()) == value:
                del self._data[name]

    def sync_get(self, name):
        with self._lock:
            return self._get(name, time.monotonic())

    def sync_set(self, name, value, ttl):
        with self._lock:
            self._set(name, value, ttl)

    def sync_delete(self, *names):
        with self._lock:
            for name in names:
                self._data.pop(name, None)


@memoize
def store():
    return RedisStore(settings.REDIS_URL) if settings.REDIS_URL else LocalStore()
