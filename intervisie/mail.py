"""E-mails of the intervisie app, with the session as an .ics attachment. Called after a commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import ics


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _recipients(group):
    users = [m.user for m in group.memberships.select_related("user") if m.user.is_active]
    return [group.facilitator, *users]


def _send(subject, template, context, recipients, attachment=None, method="REQUEST"):
    for user in recipients:
        body = render_to_string(template, {**context, "user": user})
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        if attachment is not None:
            message.attach("intervisie.ics", attachment, f"text/calendar; method={method}; charset=utf-8")
        message.send()


def send_group_invitation(invitation, user, token):
    url = _absolute(reverse("intervisie:invitation", args=[token]))
    _send(f"Uitnodiging voor intervisiegroep {invitation.group.name}", "intervisie/email/group_invitation.txt",
          {"invitation": invitation, "url": url}, [user])


def _session_context(session):
    return {"session": session, "starts": timezone.localtime(session.starts_at),
            "url": _absolute(reverse("intervisie:session", args=[session.pk]))}


def send_sessions_planned(sessions):
    for session in sessions:
        _send(f"Intervisie {session.group.name}: {timezone.localtime(session.starts_at):%d-%m-%Y %H:%M}",
              "intervisie/email/session_planned.txt", _session_context(session), _recipients(session.group),
              ics.session_ics(session, "REQUEST"))


def send_session_rescheduled(session, old_start):
    _send(f"Intervisie {session.group.name} verplaatst", "intervisie/email/session_rescheduled.txt",
          {**_session_context(session), "old_starts": timezone.localtime(old_start)}, _recipients(session.group),
          ics.session_ics(session, "REQUEST"))


def send_session_cancelled(session, reason):
    _send(f"Intervisie {session.group.name} gaat niet door", "intervisie/email/session_cancelled.txt",
          {**_session_context(session), "reason": reason}, _recipients(session.group),
          ics.session_ics(session, "CANCEL"), method="CANCEL")


def send_reminder(session):
    _send(f"Morgen intervisie: {session.group.name}", "intervisie/email/reminder.txt", _session_context(session),
          _recipients(session.group), ics.session_ics(session, "REQUEST"))
