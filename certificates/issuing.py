"""The write path for certificates: issue (once per holder and course), issue manually, revoke."""

import logging
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import Role

from . import codes, credentials
from .models import Certificate

log = logging.getLogger(__name__)


def add_years(moment, years):
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year + years, day=28)


def _claims(items, what):
    """Competencies or evidence as [{"name": ..., "description": ...}], from strings or dicts."""
    cleaned = []
    for item in items or []:
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise ValidationError(f"Elke regel bij {what} heeft een naam nodig.")
        entry = {"name": str(item["name"]).strip()}
        if str(item.get("description", "")).strip():
            entry["description"] = str(item["description"]).strip()
        cleaned.append(entry)
    return cleaned


def _hours(value):
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError("Het aantal uren is geen getal.") from None
    if not Decimal("0") < hours < Decimal("1000"):
        raise ValidationError("Het aantal uren moet tussen 0 en 1000 liggen.")
    return hours


def may_issue_and_revoke(user):
    return user.is_authenticated and (user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN))


def issue_certificate(
    holder, *, course_ref, course_title, hours, competencies=(), evidence=(), valid_years=4,
    description="", issued_by=None, reason="", course=None,
):
    """Issue the certificate for `holder` and course `course_ref`, or return the one already issued.

    Safe when completion is reached twice at once: the unique constraint decides, the loser returns the winner's.
    Returns (certificate, created).
    """
    course_ref = str(course_ref).strip()
    if not course_ref or not str(course_title).strip():
        raise ValidationError("Een certificaat heeft een cursus nodig.")
    if not isinstance(valid_years, int) or not 1 <= valid_years <= 10:
        raise ValidationError("De geldigheid moet 1 tot 10 jaar zijn.")
    fields = {
        "holder_name": holder.get_full_name().strip() or holder.email,
        "course_title": str(course_title).strip(),
        "description": str(description).strip(),
        "hours": _hours(hours),
        "competencies": _claims(competencies, "competenties"),
        "evidence": _claims(evidence, "onderbouwing"),
        "issuer_name": settings.CERTIFICATE_ISSUER_NAME,
        "issued_by": issued_by,
        "issue_reason": reason.strip(),
    }
    existing = Certificate.objects.filter(holder=holder, course_key=course_ref).first()
    if existing:
        return existing, False
    credentials.keys.active_key()  # fail before writing anything when no key is configured
    for _attempt in range(5):
        now = timezone.now().replace(microsecond=0)
        try:
            # The first statement of this transaction writes, so SQLite takes its write lock at once.
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    holder=holder, course_key=course_ref, course=course, code=codes.new_code(), issued_at=now,
                    valid_until=add_years(now, valid_years), **fields,
                )
                certificate.credential = credentials.sign(credentials.build_credential(certificate))
                certificate.save(update_fields=["credential"])
        except IntegrityError:
            existing = Certificate.objects.filter(holder=holder, course_key=course_ref).first()
            if existing:
                return existing, False
            continue  # a verification code collided: draw another
        log.info("certificate %s issued for course %s", certificate.uuid, course_ref)
        return certificate, True
    raise RuntimeError("Kon geen unieke verificatiecode maken.")


def issue_manually(actor, holder, *, reason, **claims):
    """A trainer or platform admin issues a certificate outside the course rule; the reason is kept."""
    if not may_issue_and_revoke(actor):
        raise PermissionDenied("Alleen een trainer of platformbeheerder mag handmatig certificaten uitgeven.")
    if not reason or not reason.strip():
        raise ValidationError("Geef een reden voor de handmatige uitgifte.")
    return issue_certificate(holder, issued_by=actor, reason=reason, **claims)


def revoke_certificate(certificate, actor, reason):
    """Revoke for good: the status list flips the certificate's bit, and the verification page says so."""
    if not may_issue_and_revoke(actor):
        raise PermissionDenied("Alleen een trainer of platformbeheerder mag certificaten intrekken.")
    if not reason or not reason.strip():
        raise ValidationError("Geef een reden voor de intrekking.")
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_by=actor, revocation_reason=reason.strip()
        )
        if updated:
            # Now, and again after commit in case a reader cached the old list in between.
            key = credentials.status_list_cache_key(certificate.status_list)
            cache.delete(key)
            transaction.on_commit(lambda: cache.delete(key))
    if not updated:
        raise ValidationError("Dit certificaat is al ingetrokken; intrekken is definitief.")
    certificate.refresh_from_db()
    log.info("certificate %s revoked", certificate.uuid)
    return certificate
