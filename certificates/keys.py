"""The issuer's Ed25519 signing keys: PEM files in settings.CERTIFICATE_KEY_DIR, never in the database.

Each key is `<key_id>.pem`; the file `ACTIVE` names the key that signs new credentials. Rotating adds a key and
makes it active; old keys stay (and stay published) so that credentials signed with them still verify.
"""

import os
import re
import secrets
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from . import multibase

KEY_ID = re.compile(r"^[0-9]{8}-[0-9]{12}-[0-9a-f]{4}$")
ACTIVE = "ACTIVE"


class SigningKeyMissing(ImproperlyConfigured):
    pass


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    path: Path

    @cached_property
    def private_key(self):
        return serialization.load_pem_private_key(self.path.read_bytes(), password=None)

    @cached_property
    def public_bytes(self):
        return self.private_key.public_key().public_bytes_raw()

    @property
    def public_key_multibase(self):
        return multibase.public_key_multibase(self.public_bytes)


def key_dir():
    return Path(settings.CERTIFICATE_KEY_DIR)


def all_keys():
    """Every key, oldest first (key ids sort by creation time)."""
    folder = key_dir()
    if not folder.is_dir():
        return []
    return [SigningKey(path.stem, path) for path in sorted(folder.glob("*.pem")) if KEY_ID.match(path.stem)]


def get_key(key_id):
    if not isinstance(key_id, str) or not KEY_ID.match(key_id):
        return None
    path = key_dir() / f"{key_id}.pem"
    return SigningKey(key_id, path) if path.is_file() else None


def active_key():
    marker = key_dir() / ACTIVE
    key = get_key(marker.read_text().strip()) if marker.is_file() else None
    if key is None:
        raise SigningKeyMissing(
            f"Er is geen actieve ondertekeningssleutel in {key_dir()}: maak er een met `manage.py create_signing_key`."
        )
    return key


def create_key():
    """Generate a new Ed25519 key, write it with owner-only permissions, and make it the active key."""
    folder = key_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_id = f"{timezone.now():%Y%m%d-%H%M%S%f}-{secrets.token_hex(2)}"
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = folder / f"{key_id}.pem"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    temporary = folder / f".{ACTIVE}.{key_id}"
    temporary.write_text(key_id + "\n")
    temporary.replace(folder / ACTIVE)
    return SigningKey(key_id, path)
