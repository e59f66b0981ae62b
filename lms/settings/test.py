"""Settings for the test suite: the embedded default, or PostgreSQL/Redis when their URLs are set."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-not-secret-vp-academie-test-suite-key-000000001"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, so that a daphne subprocess (browser tests) sees the same test database.
    # One file per test run, so that runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"vpacademie-test-{os.getpid()}.sqlite3")}
STATIC_ROOT = None  # whitenoise serves from the finders; nothing is collected
