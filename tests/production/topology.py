"""The production topology (deploy/run_production.sh) started for tests: nginx on a free loopback port in front
of two daphne workers, a fresh PostgreSQL database on the local server, a private redis-server on a free port
(started with the same options as the machine's service, so restarting it disturbs nobody else), and the task
worker, all under supervisord. Only loopback addresses; every wait is bounded.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("PRODUCTION_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")
ORIGIN = "http://127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def postgres_reachable():
    return subprocess.run(["psql", PG_ADMIN_URL, "-tAc", "select 1"], capture_output=True, timeout=10).returncode == 0


def wait_http(url, timeout=240):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


class Redis:
    """A private redis-server, started like the machine's (no persistence)."""

    def __init__(self, workdir):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True).stdout.strip() == b"PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


class Topology:
    def __init__(self, workdir, workers=2, extra_env=None):
        self.workdir = Path(workdir)
        self.workers = workers
        self.http_port = free_port()
        self.worker_ports = [free_port() for _ in range(workers)]
        self.database = f"vpacademie_prodtest_{uuid.uuid4().hex[:8]}"
        self.redis = Redis(self.workdir)
        self.run_dir = self.workdir / "run"
        self.extra_env = extra_env or {}
        self.process = None

    @property
    def env(self):
        # Consecutive ports are not guaranteed free; run_production.sh numbers workers from WORKER_BASE_PORT.
        return {
            **os.environ,
            "RUN_DIR": str(self.run_dir),
            "HTTP_PORT": str(self.http_port),
            "WORKERS": str(self.workers),
            "WORKER_BASE_PORT": str(self.worker_ports[0]),
            "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.database,
            "REDIS_URL": self.redis.url,
            "REDIS_PREFIX": "prodtest",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "BIN": str(BIN),
            "EXTRA_PROXY_CONFIG": "add_header X-Upstream $upstream_addr always;",
            **self.extra_env,
        }

    def start(self):
        self.redis.start()
        # Worker ports are WORKER_BASE_PORT + n: take a base with a free run of ports.
        base = self._free_run(self.workers)
        self.worker_ports = list(range(base, base + self.workers))
        log = open(self.workdir / "run_production.log", "w")
        self.process = subprocess.Popen([str(ROOT / "deploy" / "run_production.sh")], cwd=ROOT, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        for port in self.worker_ports:
            wait_http(f"http://127.0.0.1:{port}/gezond/")
        wait_http(f"{self.http}/gereed/")

    @staticmethod
    def _free_run(count):
        for _ in range(50):
            base = free_port()
            try:
                sockets = []
                for port in range(base, base + count):
                    s = socket.socket()
                    s.bind(("127.0.0.1", port))
                    sockets.append(s)
                return base
            except OSError:
                continue
            finally:
                for s in sockets:
                    s.close()
        raise RuntimeError("no free run of ports")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.redis.stop()
        subprocess.run(["psql", PG_ADMIN_URL, "-qc", f'drop database if exists "{self.database}" with (force)'],
                       capture_output=True, timeout=30)

    @property
    def http(self):
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def ws(self):
        return f"ws://127.0.0.1:{self.http_port}"

    def ctl(self, *args):
        result = subprocess.run([str(BIN / "supervisorctl"), "-c", str(self.run_dir / "supervisord.conf"), *args],
                                capture_output=True, text=True, timeout=60)
        return result.stdout.strip()

    def worker_pid(self, n):
        return int(self.ctl("pid", f"web:web-{n}"))

    def manage_shell(self, code):
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "lms.settings.production", "LOG_LEVEL": "ERROR",
               "SECRET_KEY": (self.run_dir / "secret_key").read_text().strip(), "SECURE_SSL_REDIRECT": "false"}
        result = subprocess.run([str(BIN / "python"), "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError(result.stderr[-2000:])
        return json.loads(result.stdout.strip().splitlines()[-1])

    def logs(self):
        return "\n".join(path.read_text(errors="replace") for path in sorted((self.run_dir / "log").glob("*.log")))


ROOM_CODE = """
import json, uuid
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from intervisie import groups, schedule
from intervisie.models import Method
from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role
method = Method.objects.get(name="Incidentmethode", created_by=None)
tag = uuid.uuid4().hex[:8]
users = []
for n in range(SIZE):
    user = User.objects.create_user(f"lid{n}-{tag}@prodtest.example", "een-lang-wachtwoord-1",
                                    first_name=f"Voornaam{n}{tag}", last_name=f"Achternaam{tag}")
    grant_role(user, Role.VP)
    if n == 0:
        grant_role(user, Role.FACILITATOR)
    users.append(user)
group = groups.create_group(users[0], f"Testgroep {tag}")
for user in users[1:]:
    groups.add_member(group, users[0], user)
(session,) = schedule.plan_session(group, users[0], timezone.now() + timedelta(minutes=5), 60, method)
cookies = []
for user in users:
    client = Client()
    client.force_login(user)
    cookies.append(client.cookies["sessionid"].value)
print(json.dumps({"session": session.pk, "key": session.uid.hex, "users": [u.pk for u in users], "cookies": cookies,
                  "emails": [u.email for u in users], "names": [u.first_name for u in users]}))
"""


def make_room(topology, size):
    return topology.manage_shell(ROOM_CODE.replace("SIZE", str(size)))
