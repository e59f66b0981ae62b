"""A daphne server on the test database for browser tests, and a Playwright browser on Debian's Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import nothing_refused, require


def database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_daphne(transactional_db, settings, tmp_path):
    """(base URL) of a daphne process serving the test database and a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    port = free_port()
    # The server's public address is itself (QR codes and e-mails point there), and it signs with a test key.
    settings.WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{port}"
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", "DATABASE_URL": database_url(),
           "MEDIA_ROOT": str(settings.MEDIA_ROOT), "BASE_URL": settings.WAGTAILADMIN_BASE_URL,
           "CERTIFICATE_KEY_DIR": str(settings.CERTIFICATE_KEY_DIR)}
    daphne = Path(sys.executable).with_name("daphne")
    process = subprocess.Popen([str(daphne), "-b", "127.0.0.1", "-p", str(port), "lms.asgi:application"],
                               cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("daphne stopped: " + process.stderr.read().decode()[-2000:])
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def chromium_page(monkeypatch):
    chromium = shutil.which("chromium")
    require(chromium, "Chromium (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        context = browser.new_context(locale="nl-NL")
        with nothing_refused(context.new_page()) as page:
            page.set_default_timeout(30_000)
            yield page
        browser.close()


def log_in(page, base_url, user):
    """Give the browser a session of `user` (made in the test database, which daphne reads)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": base_url}])
