"""Health endpoints and the privacy of structured logs, on the embedded default (no services needed)."""

import io
import json
import logging
import logging.config

import pytest
from django.test import override_settings

from lms.logs import json_logging


def test_liveness_answers_json(client):
    response = client.get("/gezond/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/gezond/").status_code == 200


@pytest.mark.django_db
def test_readiness_checks_the_database(client):
    response = client.get("/gereed/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["checks"]["database"]["ok"]


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_readiness_fails_when_redis_is_unreachable(client):
    response = client.get("/gereed/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}
    assert "127.0.0.1:1" not in response.content.decode()


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^gezond/$", r"^gereed/$"])
def test_probes_are_exempt_from_the_https_redirect(client):
    assert client.get("/gezond/").status_code == 200
    assert client.get("/gereed/").status_code == 200
    assert client.get("/account/inloggen/").status_code == 301


@pytest.fixture
def json_log():
    """The production logging configuration, writing to a buffer."""
    stream = io.StringIO()
    config = json_logging("INFO")
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    yield stream
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_logs_are_json_without_personal_data(json_log, client, vp):
    # What the app and Django log on their own: a failed login, a page that is not there, a server error.
    client.post("/account/inloggen/", {"username": vp.email, "password": "fout-wachtwoord-123"})
    client.get(f"/account/{vp.email}/")
    logging.getLogger("django.request").error("Internal Server Error: %s", "/x", extra={"request": object(), "status_code": 500})
    # A careless message and an exception that carry an address are masked all the same.
    logging.getLogger("lms").warning("Mail voor %s mislukt", vp.email)
    try:
        raise ValueError(f"duplicate key (email)=({vp.email})")
    except ValueError:
        logging.getLogger("lms").exception("Opslaan mislukt")
    lines = [line for line in json_log.getvalue().splitlines() if line.strip()]
    assert len(lines) >= 3
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    text = json_log.getvalue()
    assert vp.email not in text and "example.test" not in text
    assert vp.first_name not in text and vp.last_name not in text
    assert "[e-mail]" in text
    assert all("request" not in r for r in records)
    assert any(r.get("status_code") == 500 for r in records)
