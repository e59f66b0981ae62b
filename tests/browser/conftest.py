"""Browser test harness: a real daphne server on the test database, driven by Debian's Chromium via Playwright.

The server runs in a subprocess with the test settings and the test database's URL, so that it serves HTTP and
WebSockets exactly as `make run` does. Tests use `transactional_db` (through `asgi_server`) so that what they
create is committed and visible to the server.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import nothing_refused, require

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright(django_db_setup):
    """Playwright's sync API runs an event loop in the test's thread, and the tests still use Django's ORM there.

    The test database is set up first, before any browser starts. Browser tests run last (tests/conftest.py),
    so the flag reaches no other test.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def _daphne(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        database_url = _database_url()
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "lms.asgi:application"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urlopen(url + "/account/inloggen/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("daphne did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def asgi_server(_daphne, transactional_db):
    """The base URL of a live daphne server that sees this test's committed data."""
    return _daphne


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium, not a downloaded browser build."""
    require(os.path.exists(CHROMIUM), f"Chromium at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def page(page):
    """pytest-playwright's page, which must end with nothing refused by a Content-Security-Policy."""
    with nothing_refused(page):
        yield page
