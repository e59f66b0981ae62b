"""The VP's professional record: hours per category in the current four-year cycle, and the write path for
activities the VP followed elsewhere.

Hours come from certificates, intervisie attendance and the VP's own activities.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from intervisie.queries import attendance_between

from .issuing import add_years
from .models import Activity, Category, Certificate

CYCLE_YEARS = 4
PROOF_TYPES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}
PROOF_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Row:
    date: date
    title: str
    category: str
    hours: Decimal
    source: str
    reference: str = ""

    @property
    def category_label(self):
        return Category(self.category).label


def cycle(today=None):
    """(start, end) of the four-year cycle that contains `today`; end is exclusive."""
    today = today or timezone.localdate()
    start = date.fromisoformat(settings.PROFESSIONAL_RECORD_CYCLE_START)
    while add_years(start, CYCLE_YEARS) <= today:
        start = add_years(start, CYCLE_YEARS)
    while start > today:
        start = add_years(start, -CYCLE_YEARS)
    return start, add_years(start, CYCLE_YEARS)


def _certificate_rows(vp, start, end):
    certificates = Certificate.objects.filter(holder=vp, revoked_at__isnull=True)
    return [
        Row(timezone.localdate(c.issued_at), c.course_title, Category.COURSE, c.hours, "VP-Academie", c.display_code)
        for c in certificates
        if start <= timezone.localdate(c.issued_at) < end
    ]


def _activity_rows(vp, start, end):
    return [
        Row(a.date, a.title, a.category, a.hours, a.provider or "Eigen opgave", "met bewijs" if a.proof else "")
        for a in Activity.objects.filter(vp=vp, date__gte=start, date__lt=end)
    ]


def _intervisie_rows(vp, start, end):
    return [
        Row(
            timezone.localdate(a.session.starts_at), f"Intervisie: {a.session.group.name} ({a.session.method.name})",
            Category.INTERVISIE, (Decimal(a.minutes_credited) / 60).quantize(Decimal("0.1")), "VP-Academie",
            "aanwezigheid bevestigd",
        )
        for a in attendance_between(vp, start, end)
    ]


def record(vp, today=None):
    """Rows, totals per category and progress against the targets for the current cycle."""
    start, end = cycle(today)
    rows = _certificate_rows(vp, start, end) + _intervisie_rows(vp, start, end) + _activity_rows(vp, start, end)
    rows.sort(key=lambda row: row.date, reverse=True)
    targets = settings.PROFESSIONAL_RECORD_TARGETS
    totals = {category: sum((r.hours for r in rows if r.category == category), Decimal(0)) for category in Category.values}
    totals["total"] = sum(totals.values(), Decimal(0))
    progress = [
        {
            "key": key,
            "label": Category(key).label if key != "total" else "Totaal",
            "hours": totals[key],
            "target": targets[key],
            "percent": min(100, int(totals[key] * 100 / targets[key])) if targets[key] else 100,
            "done": totals[key] >= targets[key],
        }
        for key in (*Category.values, "total")
    ]
    return {"start": start, "end": end, "rows": rows, "totals": totals, "progress": progress}


def _proof_extension(upload):
    """The file type of an uploaded proof, judged by its content, not its name."""
    if upload.size > PROOF_MAX_BYTES:
        raise ValidationError("Het bewijs is groter dan 5 MB.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, extension in PROOF_TYPES.items():
        if head.startswith(magic):
            return extension
    raise ValidationError("Het bewijs moet een PDF, PNG of JPG zijn.")


def add_activity(actor, *, title, category, hours, date, provider="", proof=None):
    """The VP records an activity followed elsewhere (only for themselves)."""
    from lms.accounts.models import Role  # noqa: PLC0415

    if not actor.is_authenticated or not actor.has_role(Role.VP):
        raise PermissionDenied("Alleen een vertrouwenspersoon houdt een eigen scholingsoverzicht bij.")
    if category not in Category.values:
        raise ValidationError("Kies een soort activiteit.")
    hours = Decimal(str(hours))
    if not Decimal("0") < hours <= Decimal("200"):
        raise ValidationError("Het aantal uren moet tussen 0 en 200 liggen.")
    if date > timezone.localdate():
        raise ValidationError("De datum ligt in de toekomst.")
    if not title.strip():
        raise ValidationError("Geef de activiteit een naam.")
    extension = _proof_extension(proof) if proof is not None else None
    with transaction.atomic():
        activity = Activity(vp=actor, title=title.strip(), provider=provider.strip(), category=category, hours=hours, date=date)
        if proof is not None:
            activity.proof.save(f"bewijs.{extension}", proof, save=False)
        activity.save()
    return activity


def delete_activity(actor, activity):
    if activity.vp_id != actor.pk:
        raise PermissionDenied("U kunt alleen uw eigen activiteiten verwijderen.")
    with transaction.atomic():
        proof = activity.proof.name
        activity.delete()
        if proof:
            transaction.on_commit(lambda: Activity._meta.get_field("proof").storage.delete(proof))
