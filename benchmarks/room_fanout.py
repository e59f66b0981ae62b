"""Chat fan-out in live rooms: 100 rooms of 8 clients (a facilitator and 7 members) against daphne.

Scenarios, each run for the intervisie room consumer and for a bare echo-to-group consumer (benchmarks/bare_asgi.py)
in the same run:
  1. one daphne process with the in-memory channel layer;
  2. two daphne processes with Redis (channel layer and cache); each room's clients alternate between them.
Every client sends chat messages; every client of the room should receive each of them once, in the same order.
Prints, per scenario: sent, expected and delivered deliveries, lost, duplicated, out-of-order, latency p50/p99.

Run: .venv/bin/python benchmarks/room_fanout.py [--rooms 100] [--messages 5] [--interval 10] [--skip-redis|--skip-memory]
Needs redis-server on PATH for scenario 2 (it starts its own on a free port and stops it).
Only loopback addresses are used; every loop is bounded in count and time.
"""

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLIENTS_PER_ROOM = 8
SETTLE = 5  # seconds between the last client connecting and the first chat message
ORIGIN = "http://127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(env, rooms):
    """Users, groups and sessions in a fresh SQLite file; returns [(session_id, [cookie, ...]), ...]."""
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    code = f"""
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from intervisie import groups, schedule
from intervisie.models import Method
from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role
from django.db import transaction
method = Method.objects.get(name="Incidentmethode", created_by=None)
out = []
atomic = transaction.atomic()  # one commit: much faster on SQLite
atomic.__enter__()
for r in range({rooms}):
    users = []
    for n in range({CLIENTS_PER_ROOM}):
        user = User.objects.create_user(f"b{{r}}-{{n}}@bench.test", "x", first_name=f"B{{n}}", last_name=f"Kamer{{r}}")
        grant_role(user, Role.VP)
        if n == 0:
            grant_role(user, Role.FACILITATOR)
        users.append(user)
    group = groups.create_group(users[0], f"Bench {{r}}")
    for user in users[1:]:
        groups.add_member(group, users[0], user)
    (session,) = schedule.plan_session(group, users[0], timezone.now() + timedelta(minutes=5), 60, method)
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    out.append([session.pk, cookies])
atomic.__exit__(None, None, None)
print(json.dumps(out))
"""
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_daphne(env, port, app, log):
    # Output goes to a file: a full pipe would stall the server and the measurement with it.
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "daphne"), "-v", "0", "-b", "127.0.0.1", "-p", str(port), app],
        cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"daphne on port {port} did not start; see {log.name}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


async def run_load(urls_per_room, messages, interval, room_protocol):
    """Connect all clients, let each send `messages` chats, collect what every client receives."""
    from websockets.asyncio.client import connect

    received = defaultdict(list)  # (room, client) -> [(sender, n, latency)]
    sent = 0
    connections = {}
    retries = []
    semaphore = asyncio.Semaphore(40)

    async def open_client(room, index, url, cookie):
        from websockets.exceptions import ConnectionClosed

        async with semaphore:
            headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
            for attempt in range(5):  # as the room's page: reconnect when the room was too busy (4503)
                ws = await connect(url, origin=ORIGIN, additional_headers=headers, max_size=2**20, open_timeout=60)
                if not room_protocol:
                    break
                try:
                    state = json.loads(await asyncio.wait_for(ws.recv(), 60))
                    assert state["type"] == "state", state
                    break
                except ConnectionClosed as closed:
                    if closed.rcvd is None or closed.rcvd.code != 4503 or attempt == 4:
                        raise
                    retries.append(1)
                    await asyncio.sleep(0.5 * (attempt + 1))
            connections[(room, index)] = ws

    await asyncio.gather(*(open_client(room, i, url, cookie)
                           for room, clients in enumerate(urls_per_room) for i, (url, cookie) in enumerate(clients)))

    async def reader(key, ws):
        try:
            async for raw in ws:
                now = time.time()
                message = json.loads(raw) if room_protocol else {"text": raw}
                if room_protocol and message.get("type") != "chat":
                    continue
                sender, n, stamp = message["text"].split(":")
                received[key].append((sender, int(n), now - float(stamp), float(stamp)))
        except Exception:
            pass

    async def writer(key, ws):
        nonlocal sent
        await asyncio.sleep(random.random() * interval)
        for n in range(messages):
            text = f"{key[0]}-{key[1]}:{n}:{time.time()}"
            await ws.send(json.dumps({"type": "chat", "text": text}) if room_protocol else text)
            sent += 1
            await asyncio.sleep(interval)

    if retries:
        print(f"  {len(retries)} connections were told to try again (4503) and did")
    readers = [asyncio.create_task(reader(key, ws)) for key, ws in connections.items()]
    await asyncio.sleep(SETTLE)  # let the servers finish the connection storm: the chat is what is measured
    await asyncio.gather(*(writer(key, ws) for key, ws in connections.items()))
    expected = sent * CLIENTS_PER_ROOM
    deadline = time.time() + 30
    while sum(len(v) for v in received.values()) < expected and time.time() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)
    for ws in connections.values():
        await ws.close()
    for task in readers:
        task.cancel()
    return sent, received


def analyse(sent, received, rooms):
    delivered = sum(len(v) for v in received.values())
    duplicates = reordered = 0
    latencies = []
    by_second = defaultdict(list)  # seconds after the first message was sent -> latencies (ms)
    start = min((item[3] for items in received.values() for item in items), default=0)
    for (room, client), items in received.items():
        seen = set()
        last = {}
        for sender, n, latency, sent_at in items:
            by_second[int((sent_at - start) // 10) * 10].append(latency * 1000)
            if (sender, n) in seen:
                duplicates += 1
            seen.add((sender, n))
            if n < last.get(sender, -1):
                reordered += 1
            last[sender] = n
            latencies.append(latency * 1000)
    # Order kept per room: every client of a room saw the messages in the same order.
    rooms_out_of_order = 0
    for room in range(rooms):
        orders = {tuple((s, n) for s, n, _, _ in received[(room, c)]) for c in range(CLIENTS_PER_ROOM)}
        rooms_out_of_order += len(orders) > 1
    latencies.sort()
    p = (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]) if latencies else (lambda q: float("nan"))
    expected = sent * CLIENTS_PER_ROOM
    return {"sent": sent, "expected": expected, "delivered": delivered, "lost": max(0, expected - delivered + duplicates),
            "duplicated": duplicates, "reordered": reordered, "rooms_diverging": rooms_out_of_order,
            "p50": p(0.50), "p99": p(0.99), "mean": statistics.fmean(latencies) if latencies else float("nan"),
            "timeline": {t: (statistics.median(v), sorted(v)[int(0.99 * (len(v) - 1))]) for t, v in sorted(by_second.items())}}


def scenario(name, env, ports, rooms_data, args, log):
    results = {}
    for consumer, app in (("intervisie room", "lms.asgi:application"), ("bare echo-to-group", "benchmarks.bare_asgi:application")):
        processes = [start_daphne(env, port, app, log) for port in ports]
        try:
            urls = []
            for room, (session_id, cookies) in enumerate(rooms_data[:args.rooms]):
                clients = []
                for i, cookie in enumerate(cookies):
                    port = ports[i % len(ports)]
                    if consumer == "intervisie room":
                        clients.append((f"ws://127.0.0.1:{port}/ws/intervisie/bijeenkomsten/{session_id}/", cookie))
                    else:
                        clients.append((f"ws://127.0.0.1:{port}/bare/{room}/", None))
                urls.append(clients)
            sent, received = asyncio.run(run_load(urls, args.messages, args.interval, consumer == "intervisie room"))
            results[consumer] = analyse(sent, received, args.rooms)
        finally:
            for process in processes:
                stop(process)
    print(f"\n{name}", flush=True)
    print(f"{'consumer':20} {'sent':>6} {'expected':>8} {'delivered':>9} {'lost':>5} {'dup':>4} {'reord':>5} "
          f"{'rooms≠':>6} {'p50 ms':>7} {'p99 ms':>7}")
    for consumer, r in results.items():
        print(f"{consumer:20} {r['sent']:6d} {r['expected']:8d} {r['delivered']:9d} {r['lost']:5d} {r['duplicated']:4d} "
              f"{r['reordered']:5d} {r['rooms_diverging']:6d} {r['p50']:7.1f} {r['p99']:7.1f}")
    for consumer, r in results.items():
        print(f"{consumer:20} p50/p99 ms by 10 s of sending: "
              + ", ".join(f"{t}s {p50:.0f}/{p99:.0f}" for t, (p50, p99) in r["timeline"].items()))
    room, bare = results["intervisie room"], results["bare echo-to-group"]
    print(f"p99 ratio room/bare: {room['p99'] / bare['p99']:.2f} (target <= 1.5)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--messages", type=int, default=5, help="chat messages per client")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between a client's messages")
    parser.add_argument("--skip-redis", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="vpa-bench-"))
    # Persistent database connections, as in production (DB_CONN_MAX_AGE): otherwise every access check of the
    # room consumer would open a new connection.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
           "LOG_LEVEL": "ERROR", "DB_CONN_MAX_AGE": "600"}
    env.pop("REDIS_URL", None)
    print(f"preparing {args.rooms} rooms of {CLIENTS_PER_ROOM} clients, {args.messages} messages per client "
          f"every {args.interval} s…")
    rooms_data = prepare_database(env, args.rooms)
    log = open(Path(tempfile.gettempdir()) / "vpa-bench-daphne.log", "w")
    print(f"server output: {log.name}")
    if not args.skip_memory:
        scenario("1 daphne process, in-memory channel layer", env, [free_port()], rooms_data, args, log)
    if not args.skip_redis and shutil.which("redis-server"):
        redis_port = free_port()
        redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                                 stdout=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            redis_env = {**env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0", "REDIS_PREFIX": "bench"}
            scenario("2 daphne processes, Redis channel layer and cache", redis_env, [free_port(), free_port()],
                     rooms_data, args, log)
        finally:
            stop(redis)
    log.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
