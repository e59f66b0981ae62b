"""Structured logs: one JSON object per line, without personal data.

The code never logs case text, chat, names or e-mail addresses; as a safety net the formatter also masks
anything shaped like an e-mail address (in messages, tracebacks and extra fields) and drops the request object
that Django attaches to its request log records.
"""

import re

from pythonjsonlogger.json import JsonFormatter

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
DROPPED = {"request", "scope", "user"}


def redact(value):
    if isinstance(value, str):
        return EMAIL.sub("[e-mail]", value)
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(item) for item in value]
    return value


class PrivacyJsonFormatter(JsonFormatter):
    def process_log_record(self, log_record):
        return {key: redact(value) for key, value in log_record.items() if key not in DROPPED}


def json_logging(level="INFO"):
    """A LOGGING dict for dictConfig: everything to stderr as JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": PrivacyJsonFormatter,
                "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
            },
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # daphne logs each connection's client address at DEBUG/INFO; keep those out.
            "daphne": {"level": "WARNING"},
            "django.server": {"level": "WARNING"},
        },
    }
