"""Production settings refuse unsafe configuration, and pass `check --deploy` with their required variables."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "vp-academie.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/vpacademie",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, **env_overrides):
    unsafe = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unsafe}
    env.update(GOOD_ENV)
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "dev-only-not-secret-vp-academie-local-machine-key-0001"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"DATABASE_URL": None}, "DATABASE_URL must point to PostgreSQL"),
        ({"REDIS_URL": None}, "REDIS_URL must be set"),
    ],
)
def test_production_refuses_unsafe_configuration(overrides, message):
    result = manage("check", **overrides)
    assert result.returncode != 0
    assert message in result.stderr


def test_embedded_default_needs_no_services():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], s.CACHES['default']['BACKEND'],"
        " s.EMAIL_BACKEND, s.LANGUAGE_CODE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"},
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3", "lms.channel_layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache", "django.core.mail.backends.console.EmailBackend", "nl",
    ], result.stderr


def test_redis_url_selects_redis_layer_with_safe_options():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.CHANNEL_LAYERS['default'], s.CACHES['default']['BACKEND']], default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "lms.settings.dev", "REDIS_URL": "redis://127.0.0.1:6379/3"},
    )
    import json

    layer, cache = json.loads(result.stdout)
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["hosts"] == [{"address": "redis://127.0.0.1:6379/3", "socket_timeout": None}]
    assert layer["CONFIG"]["capacity"] >= 1000
    assert layer["CONFIG"]["group_expiry"] > 86400  # longer than daphne's --websocket_timeout
    assert cache == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db
def test_the_sites_own_pages_allow_only_their_own_code(client):
    """django-csp: scripts, styles and connections from the site itself, no inline code, not framed; Wagtail's admin
    (which relies on inline code) is left out, and the H5P player keeps its own sandboxed policy (tested with it)."""
    policy = client.get("/account/inloggen/")["Content-Security-Policy"]
    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in policy and "script-src" not in directives and "style-src" not in directives
    assert "Content-Security-Policy" not in client.get("/beheer/login/")
