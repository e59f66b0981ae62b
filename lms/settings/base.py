"""Settings shared by every mode, read from the environment.

The embedded default needs nothing running: SQLite, the in-memory channel layer, local media and console
e-mail. DATABASE_URL switches to PostgreSQL, REDIS_URL to the Redis channel layer and cache.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "lms.accounts",
    "lms.organisations",
    "home",
    "courses",
    "intervisie",
    "certificates",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
ASGI_APPLICATION = "lms.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lms.accounts.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL says otherwise (postgres://...).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves many requests at once from threads: write-ahead logging lets readers go on while
    # one writes, IMMEDIATE transactions queue writers instead of failing on a lock upgrade, and a writer waits up
    # to 20 s for the lock ("database is locked" otherwise came after 5 s under load).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the channel layer and the cache when REDIS_URL is set, in-process otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_PREFIX = os.environ.get("REDIS_PREFIX", "vpacademie")
# Live rooms: each server process writes a heartbeat every ROOM_HEARTBEAT seconds; the connections of a process
# silent for ROOM_WORKER_TIMEOUT seconds (killed, no clean-up) leave the rooms' presence (intervisie/liveness.py).
ROOM_HEARTBEAT = float(os.environ.get("ROOM_HEARTBEAT", "10"))
ROOM_WORKER_TIMEOUT = float(os.environ.get("ROOM_WORKER_TIMEOUT", "30"))
# A room of 8 bursting must never hit the per-channel capacity: group_send drops silently when it does.
CHANNEL_CAPACITY = 1000
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 times idle sockets out after 5 s unless socket_timeout is None.
                "hosts": [{"address": REDIS_URL, "socket_timeout": None}],
                "prefix": f"{REDIS_PREFIX}:asgi",
                "capacity": CHANNEL_CAPACITY,
                # Longer than daphne's --websocket_timeout (see Makefile), or live sockets leave their groups.
                "group_expiry": 2 * 86400,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{REDIS_PREFIX}:cache",
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "lms.channel_layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": CHANNEL_CAPACITY, "group_expiry": 2 * 86400},
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (django-tasks): Wagtail's run at once as before; intervisie reminders are queued in the
# database with a run-after time and sent by `manage.py db_worker --backend intervisie` (a separate process).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "intervisie": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"},
}

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.accounts.backends.ModelBackendWithRoles",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "lms.accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Lockout (django-axes): 5 failed logins for one e-mail address from one IP lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Invitations from employers to VPs stay valid this long.
INVITATION_VALID_DAYS = 14

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files (whitenoise in every mode) and local media.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
NODE_MODULES = BASE_DIR / "node_modules"
# NL Design System CSS from npm (`make` runs `npm ci`): Utrecht's component library with the open "voorbeeld"
# design tokens, served as they are, without a build step.
NPM_STATIC = {
    "vendor/nlds-components": NODE_MODULES / "@utrecht" / "component-library-css" / "dist",
    "vendor/nlds-tokens": NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
}
STATICFILES_DIRS += [(prefix, path) for prefix, path in NPM_STATIC.items() if path.exists()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "VP-Academie <noreply@vp-academie.local>")

# Wagtail
WAGTAIL_SITE_NAME = "VP-Academie"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]

# Sessions are read from the cache (Redis in production, shared by the workers) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on the site's own pages: only its own scripts, styles and connections (the
# room's WebSocket, the H5P results), no inline code. Frames: the H5P player (same origin; its responses set their own,
# sandboxed policy) and the video services a module may embed. Wagtail's admin is left out: it relies on inline code.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/beheer/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# WebRTC calls in the intervisie room (comma-separated URLs). Without them calls work on one network only.
# TURN credentials follow coturn's REST secret scheme (`use-auth-secret`, `static-auth-secret` = WEBRTC_TURN_SECRET).
WEBRTC_STUN_URLS = [u.strip() for u in os.environ.get("WEBRTC_STUN_URLS", "").split(",") if u.strip()]
WEBRTC_TURN_URLS = [u.strip() for u in os.environ.get("WEBRTC_TURN_URLS", "").split(",") if u.strip()]
WEBRTC_TURN_SECRET = os.environ.get("WEBRTC_TURN_SECRET", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Certificates: the Ed25519 signing keys live in files outside the database (create with `create_signing_key`).
CERTIFICATE_KEY_DIR = Path(os.environ.get("CERTIFICATE_KEY_DIR", BASE_DIR / "keys"))
CERTIFICATE_ISSUER_NAME = os.environ.get("CERTIFICATE_ISSUER_NAME", "VP-Academie")
# Look-ups of a verification code per client address per hour (the public verification page and form).
CERTIFICATE_VERIFY_RATE = int(os.environ.get("CERTIFICATE_VERIFY_RATE", "30"))
# Proofs of external training that VPs upload: outside MEDIA_ROOT, served only through a permission check.
CERTIFICATE_PROOF_DIR = Path(os.environ.get("CERTIFICATE_PROOF_DIR", BASE_DIR / "private-media" / "bewijs"))
# The professional record: the LVV's continuing-education cycle of 4 years, counted from this date, and its hours.
PROFESSIONAL_RECORD_CYCLE_START = os.environ.get("PROFESSIONAL_RECORD_CYCLE_START", "2025-01-01")
PROFESSIONAL_RECORD_TARGETS = {"course": 24, "intervisie": 32, "other": 16, "total": 72}
# Optional PAdES seal on certificate PDFs (pyHanko): PEM files of a signing key and its certificate.
CERTIFICATE_PDF_SEAL_KEY = os.environ.get("CERTIFICATE_PDF_SEAL_KEY", "")
CERTIFICATE_PDF_SEAL_CERT = os.environ.get("CERTIFICATE_PDF_SEAL_CERT", "")
# Where the client's address is for that limit: REMOTE_ADDR, or e.g. HTTP_X_REAL_IP behind a reverse proxy that sets it.
CERTIFICATE_CLIENT_IP_META = os.environ.get("CERTIFICATE_CLIENT_IP_META", "REMOTE_ADDR")
