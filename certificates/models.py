"""A certificate is a snapshot of its claims at the moment of issue, plus its signed Open Badge credential.

Only `certificates.issuing` writes these rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# One status list credential holds this many entries (16 KB of bits, the minimum the spec asks for privacy).
STATUS_LIST_SIZE = 131072


class Certificate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("verificatiecode"), max_length=16, unique=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="certificates", verbose_name=_("houder")
    )
    holder_name = models.CharField(_("naam houder"), max_length=300)
    course_key = models.CharField(_("cursussleutel"), max_length=100)
    course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("cursus"),
    )
    course_title = models.CharField(_("cursus"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    competencies = models.JSONField(_("competenties"), default=list)
    evidence = models.JSONField(_("onderbouwing"), default=list)
    hours = models.DecimalField(_("studie-uren"), max_digits=5, decimal_places=1)
    issuer_name = models.CharField(_("uitgever"), max_length=200)
    issued_at = models.DateTimeField(_("uitgegeven op"), default=timezone.now)
    valid_until = models.DateTimeField(_("geldig tot"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("handmatig uitgegeven door"),
    )
    issue_reason = models.TextField(_("reden van handmatige uitgifte"), blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    revocation_reason = models.TextField(_("reden van intrekking"), blank=True)
    credential = models.JSONField(_("Open Badge-credential"), default=dict)

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["holder", "course_key"], name="one_certificate_per_holder_and_course"),
        ]

    def __str__(self):
        return f"{self.course_title} – {self.holder_name} ({self.display_code})"

    @property
    def display_code(self):
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    # The status list position follows from the primary key, so it is unique without a second counter.
    @property
    def status_list(self):
        return self.pk // STATUS_LIST_SIZE

    @property
    def status_index(self):
        return self.pk % STATUS_LIST_SIZE

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.valid_until

    def status(self, now=None):
        """'ingetrokken', 'verlopen' or 'geldig'."""
        if self.is_revoked:
            return "ingetrokken"
        return "verlopen" if self.is_expired(now) else "geldig"


class Category(models.TextChoices):
    """The three kinds of continuing education the LVV counts towards its 72 hours per four years."""

    COURSE = "course", _("Cursussen en opleidingen")
    INTERVISIE = "intervisie", _("Intervisie")
    OTHER = "other", _("Overige scholing")


def _proof_storage():
    from django.core.files.storage import FileSystemStorage  # noqa: PLC0415

    # Proofs are personal: kept outside MEDIA_ROOT and served only through a view that checks permissions.
    return FileSystemStorage(location=settings.CERTIFICATE_PROOF_DIR, base_url=None)


class Activity(models.Model):
    """Continuing education the VP followed elsewhere and records here, with proof. Only `record` writes these."""

    vp = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activiteit"), max_length=200)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    category = models.CharField(_("soort"), max_length=20, choices=Category.choices)
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=1)
    date = models.DateField(_("datum"))
    proof = models.FileField(_("bewijs"), storage=_proof_storage, upload_to="%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"


class Appointment(models.Model):
    """The appointment of a VP by one organisation: the model appointment letter and how employees reach the VP.

    Only `certificates.appointments` writes these.
    """

    class Position(models.TextChoices):
        INTERNAL = "intern", _("Interne vertrouwenspersoon (in dienst van de organisatie)")
        EXTERNAL = "extern", _("Externe vertrouwenspersoon (ingehuurd)")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    vp = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments")
    position = models.CharField(_("positie"), max_length=10, choices=Position.choices)
    start_date = models.DateField(_("ingangsdatum"))
    tasks = models.TextField(_("taken"))
    reports_to = models.CharField(_("rapporteert aan"), max_length=200)
    independence = models.TextField(_("onafhankelijkheid"))
    confidentiality = models.TextField(_("geheimhouding"))
    protection = models.TextField(_("bescherming tegen benadeling"))
    hours_per_month = models.DecimalField(_("uren per maand"), max_digits=5, decimal_places=1)
    facilities = models.TextField(_("faciliteiten"))
    training_budget = models.DecimalField(_("scholingsbudget per jaar (euro)"), max_digits=8, decimal_places=2)
    works_council_consent = models.DateField(_("datum instemming OR/PVT"), null=True, blank=True)
    contact_routes = models.TextField(_("bereikbaarheid"))
    languages = models.CharField(_("talen"), max_length=200)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("aanstelling")
        verbose_name_plural = _("aanstellingen")
        constraints = [models.UniqueConstraint(fields=["organisation", "vp"], name="one_appointment_per_organisation_and_vp")]
