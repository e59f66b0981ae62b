"""The Open Badges 3.0 documents the platform publishes: credentials, the issuer profile, keys, status lists."""

import hashlib
from datetime import UTC
import secrets
import uuid

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import jsonld, keys, proofs, status_list
from .models import Certificate

STATUS_LIST_CACHE_SECONDS = 300
COURSE_NAMESPACE = uuid.UUID("6f1d3c0e-3a43-4d9c-9a55-2d8a4f1c7b10")


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_id():
    return absolute(reverse("certificates:issuer"))


def key_url(key_id):
    return absolute(reverse("certificates:key", args=[key_id]))


def status_list_url(number):
    return absolute(reverse("certificates:status_list", args=[number]))


def verify_url(certificate):
    return absolute(reverse("certificates:verify", args=[certificate.code]))


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credit_number(hours):
    # Whole numbers stay integers: JSON-LD turns a float 8.0 into "8.0E0" but JavaScript's 8 into "8",
    # which would break signatures checked by other implementations.
    return int(hours) if hours == int(hours) else float(hours)


def issuer_profile():
    return {
        "@context": [jsonld.CREDENTIALS_V2, jsonld.OB_V3],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": absolute("/"),
        "description": "Uitgever van certificaten voor vertrouwenspersonen die een opleiding op VP-Academie afrondden.",
    }


def published_issuer_profile():
    """The issuer profile, also the controller document of every key it signs with (old ones too).

    The DID context comes first: it defines `assertionMethod`, and verifiers such as Digital Bazaar's read the
    controller document without reframing it then.
    """
    profile = issuer_profile()
    profile["@context"] = [jsonld.DID_V1, *profile["@context"]]
    profile["assertionMethod"] = [key_url(key.key_id) for key in keys.all_keys()]
    return profile


def multikey_document(key):
    return {
        "@context": jsonld.MULTIKEY_V1,
        "id": key_url(key.key_id),
        "type": "Multikey",
        "controller": issuer_id(),
        "publicKeyMultibase": key.public_key_multibase,
    }


def embedded_issuer():
    profile = issuer_profile()
    return {key: profile[key] for key in ("id", "type", "name", "url")}


def _identity(holder, holder_name):
    identifiers = [{"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": holder_name}]
    if holder is not None and holder.email:
        salt = secrets.token_hex(8)
        digest = hashlib.sha256((holder.email.lower() + salt).encode()).hexdigest()
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": f"sha256${digest}",
                "salt": salt,
            }
        )
    return identifiers


def build_credential(certificate: Certificate):
    """The unsigned OpenBadgeCredential for a certificate's claims."""
    course_id = f"urn:uuid:{uuid.uuid5(COURSE_NAMESPACE, certificate.course_key)}"
    status_url = status_list_url(certificate.status_list)
    achievement = {
        "id": course_id,
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": certificate.course_title,
        "description": certificate.description or f"Afgeronde opleiding ‘{certificate.course_title}’ op VP-Academie.",
        "criteria": {
            "narrative": "Alle modules van de opleiding afgerond en de eindtoets gehaald; zie de onderbouwing in dit certificaat."
        },
        "creditsAvailable": credit_number(certificate.hours),
        "inLanguage": "nl",
    }
    if certificate.competencies:
        achievement["alignment"] = [
            {
                "type": ["Alignment"],
                "targetName": item["name"],
                "targetUrl": f"urn:uuid:{uuid.uuid5(COURSE_NAMESPACE, certificate.course_key + '#' + item['name'])}",
                "targetType": "ceasn:Competency",
                **({"targetDescription": item["description"]} if item.get("description") else {}),
            }
            for item in certificate.competencies
        ]
    credential = {
        "@context": [jsonld.CREDENTIALS_V2, jsonld.OB_V3],
        "id": f"urn:uuid:{certificate.uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Certificaat {certificate.course_title}",
        "issuer": embedded_issuer(),
        "validFrom": iso(certificate.issued_at),
        "validUntil": iso(certificate.valid_until),
        "awardedDate": iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identity(certificate.holder, certificate.holder_name),
            "creditsEarned": credit_number(certificate.hours),
            "achievement": achievement,
        },
        "credentialStatus": {
            "id": f"{status_url}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_url,
        },
    }
    if certificate.evidence:
        credential["evidence"] = [
            {"type": ["Evidence"], "name": item["name"], **({"description": item["description"]} if item.get("description") else {})}
            for item in certificate.evidence
        ]
    return credential


def sign(document, key=None):
    key = key or keys.active_key()
    return proofs.sign(document, key.private_key, key_url(key.key_id), iso(timezone.now()))


def encoded_status_list(number):
    """The revocation bits of list `number` as they are at this moment, from the records."""
    start = number * status_list.STATUS_LIST_SIZE
    revoked = Certificate.objects.filter(
        revoked_at__isnull=False, pk__gte=start, pk__lt=start + status_list.STATUS_LIST_SIZE
    ).values_list("pk", flat=True)
    return status_list.encode(pk - start for pk in revoked)


def status_list_cache_key(number):
    return f"certificates:status-list:{number}"


def status_list_credential(number):
    """The signed revocation list `number` as published: cached, and dropped from the cache by every revocation."""
    cached = cache.get(status_list_cache_key(number))
    if cached is not None:
        return cached
    url = status_list_url(number)
    document = {
        "@context": [jsonld.CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(number),
        },
    }
    signed = sign(document)
    cache.set(status_list_cache_key(number), signed, STATUS_LIST_CACHE_SECONDS)
    return signed


def offline_bundle(certificate):
    """The credential with every document a verifier fetches (issuer, keys, status list), for offline checks."""
    documents = {issuer_id(): published_issuer_profile()}
    for key in keys.all_keys():
        documents[key_url(key.key_id)] = multikey_document(key)
    documents[status_list_url(certificate.status_list)] = status_list_credential(certificate.status_list)
    return {"credential": certificate.credential, "documents": documents}
