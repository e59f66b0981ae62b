"""The embedded default for a developer's machine: `make run`. Never use in production."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-vp-academie-local-machine-key-0001"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # whitenoise serves from the finders; nothing is collected
