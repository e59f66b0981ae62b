"""The one write path for planned sessions: plan (once or as a series), cancel, reschedule, remind."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import mail, room
from .errors import IntervisieError
from .groups import _require_facilitator
from .models import MIN_MEMBERS, Series, Session

REMINDER_BEFORE = timedelta(hours=24)
MAX_SERIES = 26


def _check_times(starts_at, duration_minutes):
    if timezone.is_naive(starts_at):
        raise IntervisieError(_("Geef een tijd met tijdzone."))
    if starts_at < timezone.now():
        raise IntervisieError(_("Een bijeenkomst kan niet in het verleden beginnen."))
    if not 30 <= duration_minutes <= 240:
        raise IntervisieError(_("Een bijeenkomst duurt 30 tot 240 minuten."))


def _schedule_reminder(session):
    """Queue the reminder e-mail for 24 hours before the start (django-tasks, 'intervisie' backend)."""
    from .tasks import send_reminder  # the task module imports this one

    run_after = session.starts_at - REMINDER_BEFORE
    if run_after > timezone.now():
        send_reminder.using(run_after=run_after).enqueue(session.pk, session.starts_at.isoformat())


@transaction.atomic
def plan_session(group, by, starts_at, duration_minutes, method, repeat_weeks=None, count=1):
    """Plan one session, or `count` sessions every `repeat_weeks` weeks. Members get an e-mail with an .ics."""
    _require_facilitator(by, group)
    if group.memberships.count() < MIN_MEMBERS:
        raise IntervisieError(_("Een groep heeft minstens %(min)d leden nodig voordat u kunt plannen.")
                              % {"min": MIN_MEMBERS})
    if method.created_by_id not in (None, by.pk):
        raise IntervisieError(_("Deze methode is niet beschikbaar."))
    _check_times(starts_at, duration_minutes)
    series = None
    if repeat_weeks:
        if not 1 <= repeat_weeks <= 52 or not 2 <= count <= MAX_SERIES:
            raise IntervisieError(_("Een reeks herhaalt elke 1 tot 52 weken, 2 tot %(max)d keer.") % {"max": MAX_SERIES})
        series = Series.objects.create(group=group, interval_weeks=repeat_weeks, count=count)
    else:
        count = 1
    sessions = []
    for n in range(count):
        # Same wall-clock time in Amsterdam across a change to or from summer time.
        local = timezone.localtime(starts_at) + timedelta(weeks=(repeat_weeks or 0) * n)
        start = timezone.make_aware(local.replace(tzinfo=None))
        sessions.append(Session.objects.create(
            group=group, method=method, series=series, starts_at=start, duration_minutes=duration_minutes))
    for session in sessions:
        transaction.on_commit(lambda s=session: _schedule_reminder(s))
    transaction.on_commit(lambda: mail.send_sessions_planned(sessions))
    return sessions


def _planned_for_update(session):
    session = Session.objects.select_for_update().select_related("group").get(pk=session.pk)
    if session.status != Session.Status.PLANNED:
        raise IntervisieError(_("Deze bijeenkomst is al geannuleerd of afgerond."))
    return session


@transaction.atomic
def cancel_session(session, by, reason=""):
    _require_facilitator(by, session.group)
    session = _planned_for_update(session)
    session.status = Session.Status.CANCELLED
    session.revision += 1
    session.save(update_fields=["status", "revision"])
    reason = " ".join(reason.split())[:300]
    transaction.on_commit(lambda: room.recheck(session))  # an open room closes now
    transaction.on_commit(lambda: mail.send_session_cancelled(session, reason))
    return session


@transaction.atomic
def reschedule_session(session, by, starts_at, duration_minutes=None):
    _require_facilitator(by, session.group)
    session = _planned_for_update(session)
    duration_minutes = duration_minutes or session.duration_minutes
    _check_times(starts_at, duration_minutes)
    old_start = session.starts_at
    session.starts_at = starts_at
    session.duration_minutes = duration_minutes
    session.revision += 1
    session.save(update_fields=["starts_at", "duration_minutes", "revision"])
    transaction.on_commit(lambda: _schedule_reminder(session))
    transaction.on_commit(lambda: room.recheck(session))  # connected clients get the new opening hours checked
    transaction.on_commit(lambda: mail.send_session_rescheduled(session, old_start))
    return session


@transaction.atomic
def send_due_reminder(session_id, starts_at_iso):
    """Called by the reminder task. Sends nothing when the session moved, was cancelled or was already reminded."""
    session = Session.objects.select_for_update().filter(pk=session_id).first()
    if session is None or session.status != Session.Status.PLANNED:
        return False
    if session.starts_at != datetime.fromisoformat(starts_at_iso) or session.reminder_sent_for == session.starts_at:
        return False
    session.reminder_sent_for = session.starts_at
    session.save(update_fields=["reminder_sent_for"])
    transaction.on_commit(lambda: mail.send_reminder(session))
    return True


def rotation(group):
    """Members in the order they should next bring a case: never presented first, then longest ago."""
    last = {}
    for session in group.sessions.filter(status=Session.Status.CLOSED).exclude(inbrenger=None).order_by("closed_at"):
        last[session.inbrenger_id] = session.closed_at
    members = [m.user for m in group.memberships.select_related("user")]
    return sorted(members, key=lambda user: (user.pk in last, last.get(user.pk) or timezone.now()))
