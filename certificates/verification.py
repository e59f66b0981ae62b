"""Check a presented credential: shape, signature, issuer, record, revocation and validity period."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.urls import NoReverseMatch
from django.utils import timezone

from . import credentials, jsonld, keys, proofs, status_list
from .models import Certificate

MAX_BYTES = 512 * 1024


@dataclass
class Result:
    valid: bool
    reason: str
    certificate: Certificate | None = None


def resolve_key(method):
    """Raw public key bytes for one of this issuer's key URLs, old keys included."""
    prefix = credentials.key_url("00000000-000000000000-0000").rsplit("/", 1)[0] + "/"
    if not method.startswith(prefix):
        return None
    key = keys.get_key(method[len(prefix) :])
    return key.public_bytes if key else None


def parse(data):
    """A credential from uploaded bytes or text: JSON, a baked PNG or a certificate PDF."""
    from . import baking, pdf  # noqa: PLC0415 (only needed for files)

    if isinstance(data, bytes):
        if len(data) > MAX_BYTES * 20:
            raise ValueError("Het bestand is te groot.")
        if data.startswith(b"\x89PNG"):
            return json.loads(baking.unbake(data))
        if data.startswith(b"%PDF"):
            return json.loads(pdf.attached_credential(data))
        if len(data) > MAX_BYTES:
            raise ValueError("Het bestand is te groot voor een credential.")
        data = data.decode("utf-8")
    document = json.loads(data)
    if not isinstance(document, dict):
        raise ValueError("Dit is geen credential (verwacht een JSON-object).")
    return document


def _instant(value):
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return moment if moment.tzinfo else None


def verify(document, now=None):
    now = now or timezone.now()
    if not isinstance(document, dict):
        return Result(False, "Dit is geen credential.")
    context = document.get("@context")
    if not isinstance(context, list) or context[:2] != [jsonld.CREDENTIALS_V2, jsonld.OB_V3]:
        return Result(False, "Dit is geen Open Badge 3.0-credential van dit platform (onbekende @context).")
    if not isinstance(document.get("type"), list) or "OpenBadgeCredential" not in document["type"]:
        return Result(False, "Dit is geen OpenBadgeCredential.")
    issuer = document.get("issuer")
    if not isinstance(issuer, dict) or issuer.get("id") != credentials.issuer_id():
        return Result(False, "Dit credential is niet door deze uitgever uitgegeven.")
    try:
        proofs.verify(document, resolve_key)
    except proofs.ProofError as error:
        return Result(False, str(error))
    except NoReverseMatch:
        return Result(False, "De sleutel van de handtekening is onbekend.")

    credential_id = str(document.get("id", ""))
    try:
        certificate_uuid = uuid.UUID(credential_id.removeprefix("urn:uuid:"))
    except ValueError:
        return Result(False, "Het credential heeft geen geldig kenmerk.")
    certificate = Certificate.objects.filter(uuid=certificate_uuid).first()
    if certificate is None:
        return Result(False, "Er is geen certificaat met dit kenmerk uitgegeven.")
    if certificate.credential.get("proof", {}).get("proofValue") != document["proof"].get("proofValue"):
        return Result(False, "Dit credential komt niet overeen met het uitgegeven certificaat.", certificate)

    entry = document.get("credentialStatus") or {}
    if entry.get("statusListCredential") != credentials.status_list_url(certificate.status_list) or entry.get(
        "statusListIndex"
    ) != str(certificate.status_index):
        return Result(False, "De intrekkingsstatus van dit credential klopt niet.", certificate)
    if status_list.is_set(credentials.encoded_status_list(certificate.status_list), certificate.status_index):
        when = timezone.localtime(certificate.revoked_at) if certificate.revoked_at else None
        since = f" op {when:%d-%m-%Y}" if when else ""
        return Result(False, f"Dit certificaat is ingetrokken{since}.", certificate)

    valid_from, valid_until = _instant(document.get("validFrom")), _instant(document.get("validUntil"))
    if valid_from is None or valid_until is None:
        return Result(False, "De geldigheidsdatums ontbreken of zijn onleesbaar.", certificate)
    if now < valid_from:
        return Result(False, "Dit certificaat is nog niet geldig.", certificate)
    if now >= valid_until:
        return Result(False, f"Dit certificaat is verlopen op {timezone.localtime(valid_until):%d-%m-%Y}.", certificate)
    return Result(True, f"Geldig: echt, ongewijzigd en niet ingetrokken; geldig tot {timezone.localtime(valid_until):%d-%m-%Y}.", certificate)
