"""The production topology under faults: nginx, two daphne workers, PostgreSQL and Redis (tests/production/topology.py).

Run by `make test-services`; skipped by `make test`; failing, not skipping, under CI=true when nginx, PostgreSQL or
Redis is missing. Each test is bounded in time and uses loopback addresses only.
"""

import asyncio
import json
import subprocess
import time
from urllib.request import urlopen

import pytest

from .conftest import RoomClient, spread_over_workers
from .topology import make_room

pytestmark = pytest.mark.services


def room_state(topology, room):
    raw = subprocess.run(["redis-cli", "-p", str(topology.redis.port), "get", f"prodtest:intervisie:room:{room['key']}:state"],
                         capture_output=True, text=True, timeout=10).stdout.strip()
    return json.loads(raw) if raw else None


def attended_seconds(entry, now):
    return entry["seconds"] + (now - entry["since"] if entry["since"] else 0)


def test_health_and_readiness_through_nginx(topology):
    with urlopen(f"{topology.http}/gezond/", timeout=5) as response:
        assert json.load(response) == {"status": "ok"}
    with urlopen(f"{topology.http}/gereed/", timeout=5) as response:
        body = json.load(response)
    assert body["status"] == "ok" and body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]


@pytest.mark.asyncio
async def test_a_room_spread_over_two_workers_is_one_room(topology):
    room = make_room(topology, 4)
    clients = await asyncio.wait_for(spread_over_workers(topology, room), 60)
    facilitator, *members = clients
    try:
        # Presence: everyone sees all four online, whichever worker they are on.
        for client in clients:
            await client.wait_for(lambda m: m["type"] == "presence"
                                  and sum(p["online"] for p in m["presence"].values()) == 4)
        # Phases: the facilitator starts, everyone sees the same phase with the same sequence number.
        await facilitator.send(type="phase.start")
        events = [await c.wait_for(lambda m: m["type"] == "phase" and m["phase"]["status"] == "running") for c in clients]
        assert len({e["seq"] for e in events}) == 1
        assert {e["phase"]["index"] for e in events} == {0}
        # Messages: chat from members on either worker reaches every client once, in the same order.
        other = next(m for m in members if m.worker != facilitator.worker)
        same = next((m for m in members if m.worker == facilitator.worker), members[0])
        await other.send(type="chat", text="bericht-een")
        await same.send(type="chat", text="bericht-twee")
        for client in clients:
            await client.wait_for(lambda m: m.get("text") == "bericht-twee")
            await client.wait_for(lambda m: m.get("text") == "bericht-een")
        orders = {tuple(m["text"] for m in c.messages if m["type"] == "chat") for c in clients}
        assert len(orders) == 1 and len(next(iter(orders))) == 2
        # A raised hand on one worker is seen on the other.
        await other.send(type="hand", raised=True)
        await facilitator.wait_for(lambda m: m["type"] == "hands" and m["hands"] == [other.user])
    finally:
        for client in clients:
            await client.close()


async def _kill_and_reconnect(topology, room, stop_worker):
    clients = await asyncio.wait_for(spread_over_workers(topology, room), 60)
    facilitator = clients[0]
    try:
        for client in clients:
            await client.wait_for(lambda m: m["type"] == "presence"
                                  and sum(p["online"] for p in m["presence"].values()) == len(clients))
        await facilitator.send(type="phase.start")
        await facilitator.wait_for(lambda m: m["type"] == "phase")
        await facilitator.send(type="phase.next")
        await facilitator.wait_for(lambda m: m["type"] == "phase" and m["phase"]["index"] == 1)
        await facilitator.send(type="role.assign", user=clients[1].user, role="inbrenger")
        await facilitator.wait_for(lambda m: m["type"] == "roles")
        before = room_state(topology, room)
        joined_at = {uid: entry["since"] for uid, entry in before["presence"].items()}

        victim = clients[-1].worker
        number = 1 + [f"127.0.0.1:{p}" for p in topology.worker_ports].index(victim)
        on_victim = [c for c in clients if c.worker == victim]
        survivors = [c for c in clients if c.worker != victim]
        killed_at = time.time()
        await asyncio.to_thread(stop_worker, number)
        for client in on_victim:
            await client.wait_closed()
        # Their page reconnects; nginx sends them to the worker that is still up.
        states = [await client.reconnect() for client in on_victim]
        assert all(client.worker != victim for client in on_victim)
        after = room_state(topology, room)
        for state in states:
            assert state["phase"]["index"] == 1 and state["phase"]["status"] == "running", (state, before, after)
            assert state["roles"][str(clients[1].user)] == "inbrenger"
            assert state["seq"] >= before["seq"]
            assert all(p["online"] for p in state["presence"].values())
            assert set(state["presence"]) == {str(c.user) for c in clients}
        # No attendance lost: everyone's counted time runs from their first join, gap included at most.
        now = time.time()
        for client in clients:
            entry = after["presence"][str(client.user)]
            first = joined_at[str(client.user)]
            assert attended_seconds(entry, now) >= (killed_at - first) - 1
            assert attended_seconds(entry, now) <= now - first + 1  # never counted twice
        # Nothing duplicated: one chat after the move arrives once at every client.
        marks = {c.user: len(c.messages) for c in clients}
        await survivors[0].send(type="chat", text="na-de-verhuizing")
        for client in clients:
            await client.wait_for(lambda m: m.get("text") == "na-de-verhuizing", start=marks[client.user])
        await asyncio.sleep(0.5)
        for client in clients:
            assert sum(m.get("text") == "na-de-verhuizing" for m in client.messages) == 1
        # The stopped worker's old connections leave presence once it has been silent for ROOM_WORKER_TIMEOUT
        # (3 s here): one connection per client is left, so a client that now leaves shows as offline.
        deadline = time.time() + 15
        while sum(len(e["channels"]) for e in room_state(topology, room)["presence"].values()) != len(clients):
            assert time.time() < deadline, room_state(topology, room)["presence"]
            await asyncio.sleep(0.5)
        leaver = on_victim[0]
        mark = len(facilitator.messages)
        await leaver.close()
        await facilitator.wait_for(lambda m: m["type"] == "presence"
                                   and not m["presence"][str(leaver.user)]["online"], start=mark)
        return clients, number
    finally:
        for client in clients:
            await client.close()


@pytest.mark.asyncio
async def test_stopping_a_worker_gracefully_moves_its_clients_to_the_other(topology):
    """A deploy or scale-down: supervisorctl stop sends SIGTERM; daphne closes its sockets, clients reconnect."""
    room = make_room(topology, 4)
    _, number = await asyncio.wait_for(
        _kill_and_reconnect(topology, room, lambda n: topology.ctl("stop", f"web:web-{n}")), 120)
    topology.ctl("start", f"web:web-{number}")


@pytest.mark.asyncio
async def test_killing_a_worker_moves_its_clients_to_the_other(topology):
    """A crash: SIGKILL, no clean-up at all; supervisord starts the worker again."""
    import os
    import signal

    room = make_room(topology, 4)
    await asyncio.wait_for(
        _kill_and_reconnect(topology, room, lambda n: os.kill(topology.worker_pid(n), signal.SIGKILL)), 120)


@pytest.mark.asyncio
async def test_after_a_redis_restart_rooms_resync(topology):
    """Redis keeps nothing on disk here: a restart loses channel groups and the live room state. The workers close
    their rooms' sockets (1011), the page reconnects, and every client is back in one consistent room, which
    resumes the phase, its timer, the roles and the time present from the snapshot in PostgreSQL."""
    room = make_room(topology, 4)
    clients = await asyncio.wait_for(spread_over_workers(topology, room), 60)
    try:
        await clients[0].send(type="role.assign", user=clients[1].user, role="inbrenger")
        await clients[0].send(type="phase.start")
        started = [await client.wait_for(lambda m: m["type"] == "phase") for client in clients][0]["phase"]
        before = room_state(topology, room)
        topology.redis.stop()
        topology.redis.start()  # same port, empty
        for client in clients:
            await client.wait_closed(timeout=20)
        marks_before = len(clients[0].messages)
        states = [await client.reconnect() for client in clients]
        # One room again: everyone sees the same state and everyone present, whichever worker serves them.
        await clients[0].wait_for(lambda m: m["type"] == "presence"
                                  and sum(p["online"] for p in m["presence"].values()) == 4, start=marks_before)
        assert len({json.dumps([s["phase"], s["roles"]], sort_keys=True) for s in states}) == 1
        # The room goes on where it was: same phase and end time, same inbrenger, time present kept.
        assert states[0]["phase"]["index"] == 0 and states[0]["phase"]["ends_at"] == started["ends_at"]
        assert states[0]["roles"][str(clients[1].user)] == "inbrenger"
        after = room_state(topology, room)
        for client in clients:
            entry, old = after["presence"][str(client.user)], before["presence"][str(client.user)]
            assert entry["seconds"] >= started["ends_at"] - started["minutes"] * 60 - old["since"] - 1
        marks = [len(c.messages) for c in clients]
        await clients[1].send(type="chat", text="na-redis")
        for client, mark in zip(clients, marks):
            await client.wait_for(lambda m: m.get("text") == "na-redis", timeout=20, start=mark)
        # The facilitator runs the room on.
        await clients[0].send(type="phase.next")
        for client, mark in zip(clients, marks):
            await client.wait_for(lambda m: m["type"] == "phase" and m["phase"]["index"] == 1, start=mark)
    finally:
        for client in clients:
            await client.close()


def test_logs_hold_no_personal_data(topology):
    """After the room tests: the workers', task worker's and nginx's logs name nobody and carry no chat."""
    logs = topology.logs()
    assert logs
    for line in logs.splitlines():
        assert "@prodtest.example" not in line and "Voornaam" not in line and "Achternaam" not in line
        assert "bericht-een" not in line and "na-de-verhuizing" not in line
