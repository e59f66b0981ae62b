"""Fixtures for the production-topology tests (marked `services`: run by `make test-services`)."""

import asyncio
import json
import os
import shutil
import time

import pytest

from tests.conftest import require

from .topology import ORIGIN, Topology, nginx_binary, postgres_reachable

# Room membership (3 required) plus enough people to spread over two workers.
ROOM_SIZE = 4


@pytest.fixture(scope="session")
def topology(tmp_path_factory):
    require(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"), "DATABASE_URL and REDIS_URL (make test-services)")
    require(nginx_binary(), "nginx (apt-get install nginx)")
    require(shutil.which("redis-server"), "redis-server")
    require(postgres_reachable(), "PostgreSQL on 127.0.0.1:5432")
    # A killed worker's connections leave presence after 3 s instead of 30 s, to keep the tests short.
    topology = Topology(tmp_path_factory.mktemp("production"), extra_env={"ROOM_HEARTBEAT": "1", "ROOM_WORKER_TIMEOUT": "3"})
    try:
        topology.start()
        yield topology
    finally:
        topology.stop()


class RoomClient:
    """One browser tab in a live room, connected through nginx; remembers which worker served it."""

    def __init__(self, topology, room, index):
        self.topology = topology
        self.url = f"{topology.ws}/ws/intervisie/bijeenkomsten/{room['session']}/"
        self.cookie = room["cookies"][index]
        self.user = room["users"][index]
        self.messages = []
        self.ws = None
        self.worker = None
        self._reader = None

    async def connect(self, timeout=20):
        from websockets.asyncio.client import connect

        self.ws = await connect(self.url, origin=ORIGIN, additional_headers={"Cookie": f"sessionid={self.cookie}"},
                                open_timeout=timeout)
        self.worker = self.ws.response.headers.get("X-Upstream")
        mark = len(self.messages)
        self._reader = asyncio.create_task(self._read(self.ws))
        return await self.wait_for(lambda m: m["type"] == "state", timeout, start=mark)

    async def _read(self, ws):
        try:
            async for raw in ws:
                self.messages.append(json.loads(raw))
        except Exception:
            pass

    @property
    def closed(self):
        return self.ws is None or self._reader.done()

    async def send(self, **message):
        await self.ws.send(json.dumps(message))

    async def wait_for(self, predicate, timeout=10, start=0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages[start:]:
                if predicate(message):
                    return message
            await asyncio.sleep(0.02)
        raise AssertionError(f"no matching message within {timeout} s; last: {self.messages[-3:]}")

    async def wait_closed(self, timeout=30):
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert self.closed, "the connection stayed open"

    async def reconnect(self, attempts=20):
        """What the room's page script does: reconnect with a short back-off, then take the state."""
        for attempt in range(attempts):
            try:
                return await self.connect(timeout=10)
            except Exception:
                await asyncio.sleep(min(0.2 * (attempt + 1), 1.5))
        raise AssertionError("could not reconnect")

    async def close(self):
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()


async def spread_over_workers(topology, room, size=ROOM_SIZE, attempts=12):
    """Connect every member through nginx until both workers serve some of them (round robin makes it quick)."""
    clients = []
    for index in range(size):
        client = RoomClient(topology, room, index)
        await client.connect()
        clients.append(client)
    for _ in range(attempts):
        if len({c.worker for c in clients}) > 1:
            return clients
        await clients[-1].close()
        clients[-1] = RoomClient(topology, room, size - 1)
        await clients[-1].connect()
    raise AssertionError(f"nginx sent every connection to one worker: {[c.worker for c in clients]}")
