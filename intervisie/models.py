"""Intervisie groups, methods, planned sessions and attendance. Changed only through groups.py, schedule.py,
calendar.py and attendance.py. Case text and room chat are never stored here (see room.py)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_MEMBERS = 3
MAX_MEMBERS = 8


class RoomRole(models.TextChoices):
    INBRENGER = "inbrenger", _("Inbrenger")
    GESPREKSLEIDER = "gespreksleider", _("Gespreksleider")
    TIJDBEWAKER = "tijdbewaker", _("Tijdbewaker")
    DEELNEMER = "deelnemer", _("Deelnemer")


class Method(models.Model):
    """A method template: phases in order, each with minutes, an instruction and the roles that act in it."""

    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("beschrijving"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leeg bij de methoden die met het platform meekomen."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("methode")
        verbose_name_plural = _("methoden")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def total_minutes(self):
        return sum(phase.minutes for phase in self.phases.all())


class MethodPhase(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("naam"), max_length=120)
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    instruction = models.TextField(_("instructie"))
    roles = models.JSONField(_("rollen"), default=list, help_text=_("Rollen die in deze fase aan het woord zijn."))

    class Meta:
        ordering = ["method", "order"]
        constraints = [models.UniqueConstraint(fields=["method", "order"], name="intervisie_phase_order_unique")]

    def __str__(self):
        return f"{self.order}. {self.name}"


class Group(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_groups")
    default_method = models.ForeignKey(Method, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervisiegroep")
        verbose_name_plural = _("intervisiegroepen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervisie_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="intervisie_membership_unique")]


class GroupInvitation(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def is_open(self):
        return not (self.accepted_at or self.declined_at or self.cancelled_at)


class Series(models.Model):
    """Sessions planned together: every `interval_weeks` weeks, `count` times."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="series")
    interval_weeks = models.PositiveSmallIntegerField()
    count = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        CANCELLED = "cancelled", _("Geannuleerd")
        CLOSED = "closed", _("Afgerond")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    method = models.ForeignKey(Method, on_delete=models.PROTECT, related_name="sessions")
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    starts_at = models.DateTimeField(_("begint om"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur in minuten"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Raised on every change, so calendar programs replace the event (iCalendar SEQUENCE).
    revision = models.PositiveIntegerField(default=0)
    reminder_sent_for = models.DateTimeField(null=True, blank=True, help_text="starts_at the reminder was sent for")
    theme = models.CharField(_("thema in één neutrale regel"), max_length=200, blank=True)
    inbrenger = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.group} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class RoomSnapshot(models.Model):
    """A copy of a live room's control state (phase and timer, roles, time present so far), taken at every phase or
    role change, so that a Redis restart does not lose it (room.py). Never the case text or the chat."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, primary_key=True, related_name="+")
    phase = models.JSONField()
    roles = models.JSONField()
    seconds_present = models.JSONField()  # {user id: seconds}
    saved_at = models.DateTimeField(auto_now=True)


class Attendance(models.Model):
    """One member's confirmed presence at a closed session: counts toward their intervisie hours."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervisie_attendances")
    minutes_present = models.PositiveSmallIntegerField()
    minutes_credited = models.PositiveSmallIntegerField()
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-session__starts_at"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="intervisie_attendance_unique")]


class CalendarFeed(models.Model):
    """A user's private calendar feed. Only the token's hash is kept; resetting it revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervisie_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
