"""Load on the production topology, compared with the embedded default in the same run.

Load: ROOMS live rooms of 8 clients (a facilitator and 7 members) chatting and moving through phases, plus
LEARNERS learners who each open a module page and post an answer, in a loop, all at once.
  1. production: nginx -> 2 daphne workers (--proxy-headers) -> PostgreSQL + Redis, started by
     deploy/run_production.sh under supervisord (a fresh database on the local PostgreSQL, a private redis-server);
  2. embedded default: one daphne process, SQLite, in-memory channel layer (as `make run`, but with DEBUG off:
     lms.settings.test), same load, same clients.
Prints per scenario: HTTP latency p50/p99 (module page, answer), chat fan-out p50/p99, errors, lost and
duplicated chat deliveries, answers posted vs answers stored, rooms whose final presence lacks anyone (attendance),
and the resident memory of each worker.

    .venv/bin/python benchmarks/load_production.py [--rooms 100] [--learners 200] [--rounds 5]
    .venv/bin/python benchmarks/load_production.py --soak 600 [--rooms 20] [--learners 40]   # memory over time

Needs nginx, redis-server and the local PostgreSQL (127.0.0.1:5432). Load generator and servers share this
machine's cores, so absolute figures are pessimistic; compare scenarios within one run. Loopback only;
every loop is bounded in count or time.
"""

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.production.topology import BIN, ORIGIN, Topology, free_port, wait_http  # noqa: E402

CLIENTS_PER_ROOM = 8
QUESTIONS = 10

SETUP_CODE = """
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from courses import progress
from courses.models import CourseIndexPage, CoursePage, ModulePage
from intervisie import groups, schedule
from intervisie.models import Method
from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role

def login(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value

method = Method.objects.get(name="Incidentmethode", created_by=None)
rooms = []
for r in range(ROOMS):
    users = []
    for n in range(CLIENTS):
        user = User.objects.create_user(f"r{r}-{n}@load.example", None, first_name=f"Lid{n}", last_name=f"Kamer{r}")
        grant_role(user, Role.VP)
        if n == 0:
            grant_role(user, Role.FACILITATOR)
        users.append(user)
    group = groups.create_group(users[0], f"Belasting {r}")
    for user in users[1:]:
        groups.add_member(group, users[0], user)
    (session,) = schedule.plan_session(group, users[0], timezone.now() + timedelta(minutes=5), 120, method)
    rooms.append({"session": session.pk, "key": session.uid.hex, "cookies": [login(u) for u in users]})

catalogue = CourseIndexPage.objects.get()
course = CoursePage(title="Belastingcursus", slug="belastingcursus", summary="Voor de belastingtest.")
catalogue.add_child(instance=course)
body = [{"type": "text", "id": "intro", "value": "<p>De vertrouwenspersoon luistert, informeert en begeleidt.</p>"}]
for i in range(QUESTIONS):
    body.append({"type": "question", "id": f"q{i}", "value": {
        "question": f"Mag een vertrouwenspersoon zelf onderzoek doen naar een melding? ({i})", "kind": "single",
        "explanation": "Nee: onderzoek hoort bij een klachtencommissie of onderzoeker.", "competencies": [],
        "options": [{"text": "Nee", "correct": True, "feedback": "Juist."},
                    {"text": "Ja", "correct": False, "feedback": "Onjuist."}]}})
module = ModulePage(title="Rolvastheid", slug="rolvastheid", body=body)
course.add_child(instance=module)
learners = []
for n in range(LEARNERS):
    user = User.objects.create_user(f"leerling{n}@load.example", None, first_name="Leerling", last_name=str(n))
    grant_role(user, Role.VP)
    progress.enrol(user, course)
    learners.append(login(user))
print(json.dumps({"rooms": rooms, "module": module.pk, "module_url": module.url, "learners": learners}))
"""

COUNT_CODE = """
import json
from courses.models import Answer
print(json.dumps({"answers": Answer.objects.count()}))
"""


def shell(env, code):
    result = subprocess.run([str(BIN / "python"), "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=1800)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def setup_code(rooms, learners):
    return (SETUP_CODE.replace("ROOMS", str(rooms)).replace("CLIENTS", str(CLIENTS_PER_ROOM))
            .replace("QUESTIONS", str(QUESTIONS)).replace("LEARNERS", str(learners)))


def rss_mb(pid):
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)) / 1024


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


class Load:
    """Rooms and learners against one base URL; collects latencies and counts."""

    def __init__(self, http, ws, data, chat_interval, learner_pause):
        self.http, self.ws, self.data = http, ws, data
        self.chat_interval, self.learner_pause = chat_interval, learner_pause
        self.lat = defaultdict(list)
        self.errors = defaultdict(int)
        self.chats_sent = 0
        self.received = defaultdict(list)  # (room, client) -> [(sender, n)]
        self.answers_ok = 0
        self.final_presence = {}

    async def room(self, r, room, rounds, stop_at):
        from websockets.asyncio.client import connect

        url = f"{self.ws}/ws/intervisie/bijeenkomsten/{room['session']}/"
        sockets = []
        try:
            for i, cookie in enumerate(room["cookies"]):
                try:
                    ws = await connect(url, origin=ORIGIN, additional_headers={"Cookie": f"sessionid={cookie}"},
                                       open_timeout=60, max_size=2**20)
                    state = json.loads(await asyncio.wait_for(ws.recv(), 60))
                    assert state["type"] == "state"
                    sockets.append((i, ws))
                except Exception as error:
                    self.errors[f"ws connect {type(error).__name__}"] += 1
            readers = [asyncio.create_task(self._read(r, i, ws)) for i, ws in sockets]

            async def talk(i, ws):
                await asyncio.sleep(random.random() * self.chat_interval)
                n = 0
                while n < rounds or (stop_at and time.time() < stop_at):
                    if i == 0 and n == 1:
                        await ws.send(json.dumps({"type": "phase.start"}))
                    await ws.send(json.dumps({"type": "chat", "text": f"{i}:{n}:{time.time()}"}))
                    self.chats_sent += 1
                    n += 1
                    await asyncio.sleep(self.chat_interval)

            await asyncio.gather(*(talk(i, ws) for i, ws in sockets), return_exceptions=True)
            await asyncio.sleep(3)  # let the last deliveries arrive
            for task in readers:
                task.cancel()
        finally:
            for _, ws in sockets:
                await ws.close()

    async def _read(self, r, i, ws):
        try:
            async for raw in ws:
                message = json.loads(raw)
                if message["type"] == "chat":
                    sender, n, stamp = message["text"].split(":")
                    self.received[(r, i)].append((sender, int(n)))
                    self.lat["chat fan-out"].append((time.time() - float(stamp)) * 1000)
                elif message["type"] == "presence" and i == 0:
                    self.final_presence[r] = sum(p["online"] for p in message["presence"].values())
                elif message["type"] == "error":
                    self.errors[f"room error {message.get('code')}"] += 1
        except Exception:
            pass

    async def learner(self, session, cookie, rounds, stop_at):
        csrf = uuid.uuid4().hex  # a 32-character secret of our own, sent as cookie and header
        headers = {"Cookie": f"sessionid={cookie}; csrftoken={csrf}", "X-CSRFToken": csrf}
        await asyncio.sleep(random.random() * self.learner_pause)
        n = 0
        while n < rounds or (stop_at and time.time() < stop_at):
            for kind, method, path, data, ok in (
                ("module page GET", "GET", self.data["module_url"], None, 200),
                ("answer POST", "POST", f"/leren/module/{self.data['module']}/vraag/q{n % QUESTIONS}/",
                 {"keuze": "0", "submission_id": str(uuid.uuid4())}, 302),
            ):
                start = time.perf_counter()
                try:
                    async with session.request(method, self.http + path, headers=headers, data=data,
                                               allow_redirects=False) as response:
                        await response.read()
                        status = response.status
                except Exception as error:
                    status = type(error).__name__
                self.lat[kind].append((time.perf_counter() - start) * 1000)
                if status != ok:
                    self.errors[f"{kind} {status}"] += 1
                elif kind == "answer POST":
                    self.answers_ok += 1
            n += 1
            await asyncio.sleep(self.learner_pause)

    async def run(self, rounds, duration=None):
        import aiohttp

        stop_at = time.time() + duration if duration else None
        connector = aiohttp.TCPConnector(limit=0)
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await asyncio.gather(
                *(self.room(r, room, rounds, stop_at) for r, room in enumerate(self.data["rooms"])),
                *(self.learner(session, cookie, rounds, stop_at) for cookie in self.data["learners"]),
            )

    def report(self, name, answers_stored, memory):
        delivered = sum(len(v) for v in self.received.values())
        duplicates = sum(len(v) - len(set(v)) for v in self.received.values())
        expected = self.chats_sent * CLIENTS_PER_ROOM
        short_rooms = sum(1 for r in range(len(self.data["rooms"])) if self.final_presence.get(r) != CLIENTS_PER_ROOM)
        print(f"\n== {name}")
        print(f"{'':18} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}")
        for kind in ("module page GET", "answer POST", "chat fan-out"):
            values = self.lat[kind]
            print(f"{kind:18} {len(values):9d} {pct(values, .5):8.1f} {pct(values, .99):8.1f}")
        print(f"errors: {dict(self.errors) or 0}")
        print(f"chat: sent {self.chats_sent}, expected deliveries {expected}, delivered {delivered - duplicates}, "
              f"lost {max(0, expected - delivered + duplicates)}, duplicated {duplicates}")
        print(f"answers: accepted {self.answers_ok}, stored {answers_stored}, lost {self.answers_ok - answers_stored}")
        print(f"attendance: rooms whose final presence lacks someone: {short_rooms} of {len(self.data['rooms'])}")
        print("memory (RSS MB): " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items()))


def production_scenario(args, workdir):
    topology = Topology(workdir / "production", workers=args.workers,
                        extra_env={"LOG_LEVEL": "WARNING"})
    (workdir / "production").mkdir()
    try:
        topology.start()
        env = {**topology.env, "DJANGO_SETTINGS_MODULE": "lms.settings.production", "LOG_LEVEL": "ERROR",
               "SECRET_KEY": (topology.run_dir / "secret_key").read_text().strip()}
        data = shell(env, setup_code(args.rooms, args.learners))
        pids = {f"web-{n}": topology.worker_pid(n) for n in range(1, args.workers + 1)}
        load = Load(topology.http, topology.ws, data, args.chat_interval, args.learner_pause)
        if args.soak:
            asyncio.run(soak(load, args, pids))
        else:
            asyncio.run(load.run(args.rounds))
        stored = shell(env, COUNT_CODE)["answers"]
        load.report(f"production: nginx + {args.workers} daphne workers + PostgreSQL + Redis", stored,
                    {name: rss_mb(pid) for name, pid in pids.items()})
    finally:
        topology.stop()


def embedded_scenario(args, workdir):
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "DATABASE_URL": f"sqlite:///{workdir / 'embedded.sqlite3'}",
           "LOG_LEVEL": "ERROR", "MEDIA_ROOT": str(workdir / "media-embedded"), "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    data = shell(env, setup_code(args.rooms, args.learners))
    log = open(workdir / "embedded-daphne.log", "w")
    process = subprocess.Popen([str(BIN / "daphne"), "-v", "0", "-b", "127.0.0.1", "-p", str(port),
                                "--websocket_timeout", "86400", "--websocket_connect_timeout", "30", "lms.asgi:application"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/account/inloggen/")
        load = Load(f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", data, args.chat_interval, args.learner_pause)
        asyncio.run(load.run(args.rounds))
        stored = shell(env, COUNT_CODE)["answers"]
        load.report("embedded default: 1 daphne process, SQLite, in-memory channel layer", stored,
                    {"daphne": rss_mb(process.pid)})
    finally:
        process.terminate()
        process.wait(timeout=30)


async def soak(load, args, pids):
    """The load for args.soak seconds; prints each worker's memory every args.sample seconds."""
    print(f"\nsoak: {args.soak} s; resident memory per worker (MB)")
    print(f"{'t (s)':>6} " + " ".join(f"{name:>8}" for name in pids))
    task = asyncio.create_task(load.run(0, duration=args.soak))
    start = time.time()
    while not task.done():
        print(f"{time.time() - start:6.0f} " + " ".join(f"{rss_mb(pid):8.1f}" for pid in pids.values()), flush=True)
        try:
            await asyncio.wait_for(asyncio.shield(task), args.sample)
        except asyncio.TimeoutError:
            pass
    print(f"{time.time() - start:6.0f} " + " ".join(f"{rss_mb(pid):8.1f}" for pid in pids.values()), flush=True)
    await task


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="chats per room client and answers per learner")
    parser.add_argument("--chat-interval", type=float, default=10.0, help="seconds between a client's chats")
    parser.add_argument("--learner-pause", type=float, default=2.0, help="seconds between a learner's answers")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--soak", type=int, default=0, help="seconds of load on the production topology only")
    parser.add_argument("--sample", type=float, default=30.0, help="soak: seconds between memory samples")
    parser.add_argument("--only", choices=["production", "embedded"], help="run one scenario")
    args = parser.parse_args()
    for tool in ("redis-server", "psql"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed")
    workdir = Path(tempfile.mkdtemp(prefix="vpa-load-"))
    print(f"load: {args.rooms} rooms x {CLIENTS_PER_ROOM} clients (a chat every {args.chat_interval} s each), "
          f"{args.learners} learners (module page + answer every {args.learner_pause} s), "
          + (f"soak {args.soak} s" if args.soak else f"{args.rounds} rounds"), flush=True)
    try:
        if args.only != "embedded":
            production_scenario(args, workdir)
        if not args.soak and args.only != "production":
            embedded_scenario(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
