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
# One test database per run, so that runs side by side do not share it. Its name is explicit, so that server
# processes started by the tests (daphne, ChannelsLiveServerTestCase) find the same database: for SQLite a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.gettempdir(), f"vpacademie-test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
STATIC_ROOT = None  # whitenoise serves from the finders; nothing is collected
