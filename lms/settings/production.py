"""Production: behind a TLS-terminating reverse proxy, with PostgreSQL and Redis.

Refuses to start with a default or missing secret key, or with DEBUG on.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, DEBUG, REDIS_URL, SECRET_KEY, env_bool

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production.")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
# Several workers share state only through PostgreSQL and Redis.
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production (channel layer and cache).")

# A bounded pool per worker: Django runs each ASGI request's sync code in its own thread, so without a pool every
# concurrent request (and every persistent connection) would hold its own PostgreSQL connection.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
    "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
    "max_size": int(os.environ.get("DB_POOL_MAX", "20")),
    "timeout": int(os.environ.get("DB_POOL_TIMEOUT", "20")),
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
# Health probes answer over plain HTTP too (the proxy or load balancer checks each worker directly).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^gereed/$"]

# One JSON object per line on stderr, personal data masked (lms/logs.py).
from lms.logs import json_logging  # noqa: E402

LOGGING = json_logging(os.environ.get("LOG_LEVEL", "INFO"))
