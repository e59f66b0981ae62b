"""The write path of groups, schedule, calendar and attendance: permissions, invariants, e-mails and tasks."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from intervisie import attendance, groups, ics, schedule
from intervisie.errors import IntervisieError
from intervisie.models import Method, Session
from lms.accounts.models import Role
from tests.conftest import make_user


def test_seeded_methods_have_their_phases(incident_method):
    minutes = {m.name: [p.minutes for p in m.phases.all()] for m in Method.objects.filter(created_by=None)}
    assert minutes["Incidentmethode"] == [5, 10, 5, 15, 10, 10, 10]
    assert len(minutes["Kollegiale consultatie (Tietze)"]) == 6
    assert {"Balintmethode", "Roddelmethode"} <= set(minutes)
    for method in Method.objects.filter(created_by=None):
        for phase in method.phases.all():
            assert phase.instruction and phase.roles


def test_only_a_facilitator_creates_a_group(vp, facilitator):
    with pytest.raises(IntervisieError):
        groups.create_group(vp, "Mijn groep")
    assert groups.create_group(facilitator, "  Groep   Noord ").name == "Groep Noord"


def test_invitation_flow_and_member_limit(facilitator, vp, other_vp, django_capture_on_commit_callbacks):
    group = groups.create_group(facilitator, "Groep")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = groups.invite_member(group, facilitator, vp.email)
    assert mail.outbox[-1].to == [vp.email] and invitation.token in mail.outbox[-1].body
    with pytest.raises(IntervisieError, match="ander e-mailadres"):
        groups.accept_invitation(invitation.token, other_vp)
    groups.accept_invitation(invitation.token, vp)
    assert groups.is_member(vp, group)
    with pytest.raises(IntervisieError, match="niet \\(meer\\) geldig"):
        groups.accept_invitation(invitation.token, vp)
    with pytest.raises(IntervisieError, match="al lid"):
        groups.invite_member(group, facilitator, vp.email)
    with pytest.raises(IntervisieError, match="Alleen de gespreksleider"):
        groups.invite_member(group, vp, other_vp.email)
    for n in range(7):
        groups.invite_member(group, facilitator, make_user(f"vp{n}@example.test", Role.VP).email)
    with pytest.raises(IntervisieError, match="hoogstens 8"):
        groups.invite_member(group, facilitator, other_vp.email)


def test_only_registered_vps_can_be_invited(facilitator, trainer):
    group = groups.create_group(facilitator, "Groep")
    for email in (trainer.email, "onbekend@example.test"):
        with pytest.raises(IntervisieError, match="geen vertrouwenspersoon"):
            groups.invite_member(group, facilitator, email)


def test_plan_needs_three_members(facilitator, vp, incident_method):
    group = groups.create_group(facilitator, "Klein")
    groups.add_member(group, facilitator, vp)
    with pytest.raises(IntervisieError, match="minstens 3"):
        schedule.plan_session(group, facilitator, timezone.now() + timedelta(days=2), 90, incident_method)


def test_plan_mails_ics_and_queues_reminder(group, facilitator, incident_method, django_capture_on_commit_callbacks):
    starts = timezone.now() + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        (session,) = schedule.plan_session(group, facilitator, starts, 90, incident_method)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [facilitator.email] + [m.user.email for m in group.memberships.all()])
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar; method=REQUEST")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{session.uid}@vp-academie"
    assert event.decoded("dtstart") == starts.replace(microsecond=0)
    task = DBTaskResult.objects.get()
    assert task.task_path == "intervisie.tasks.send_reminder"
    assert task.run_after == session.starts_at - timedelta(hours=24)
    assert task.args_kwargs["args"] == [session.pk, session.starts_at.isoformat()]


def test_series_keeps_wall_clock_time(group, facilitator, incident_method):
    local_start = timezone.make_aware(timezone.datetime(timezone.now().year + 1, 3, 10, 19, 30))
    sessions = schedule.plan_session(group, facilitator, local_start, 120, incident_method, repeat_weeks=6, count=4)
    assert len(sessions) == 4 and sessions[0].series == sessions[3].series
    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in sessions] == ["19:30"] * 4
    assert (sessions[1].starts_at.date() - sessions[0].starts_at.date()).days == 42


def test_reminder_runs_once_and_not_after_a_move_or_cancel(session, facilitator, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    original = session.starts_at.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.send_due_reminder(session.pk, original)
        assert not schedule.send_due_reminder(session.pk, original)
    assert len(mail.outbox) == 4 and mail.outbox[0].subject.startswith("Morgen intervisie")
    with django_capture_on_commit_callbacks(execute=True):
        moved = schedule.reschedule_session(session, facilitator, session.starts_at + timedelta(days=7))
    assert moved.revision == 1
    assert "verplaatst" in mail.outbox[-1].subject
    assert not schedule.send_due_reminder(session.pk, original)  # the old task finds a moved session
    assert DBTaskResult.objects.filter(run_after=moved.starts_at - timedelta(hours=24)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        schedule.cancel_session(moved, facilitator, "ziekte")
    assert not schedule.send_due_reminder(session.pk, moved.starts_at.isoformat())
    assert mail.outbox[-1].attachments[0][2].startswith("text/calendar; method=CANCEL")
    assert "ziekte" in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)
def test_reminder_task_through_the_worker(session):
    """The queued task, run by django-tasks-db's worker once its run-after time has come, sends the reminder."""
    mail.outbox.clear()
    assert DBTaskResult.objects.get().run_after > timezone.now()
    call_command("db_worker", "--backend", "intervisie", "--batch", "--no-startup-delay")
    assert mail.outbox == []  # not due yet
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    call_command("db_worker", "--backend", "intervisie", "--batch", "--no-startup-delay")
    assert len(mail.outbox) == 4
    session.refresh_from_db()
    assert session.reminder_sent_for == session.starts_at


def test_members_cannot_cancel_or_reschedule(session, vp):
    with pytest.raises(IntervisieError):
        schedule.cancel_session(session, vp)
    with pytest.raises(IntervisieError):
        schedule.reschedule_session(session, vp, session.starts_at + timedelta(days=1))


def test_feed_token_is_private_and_revocable(session, vp, outsider):
    token = ics.reset_feed(vp)
    assert ics.feed_user(token) == vp
    calendar = Calendar.from_ical(ics.feed_ics(vp))
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [f"{session.uid}@vp-academie"]
    assert Calendar.from_ical(ics.feed_ics(outsider)).walk("VEVENT") == []
    new_token = ics.reset_feed(vp)
    assert ics.feed_user(token) is None and ics.feed_user(new_token) == vp
    ics.revoke_feed(vp)
    assert ics.feed_user(new_token) is None


def test_cancelled_session_stays_in_feed_as_cancelled(session, facilitator, vp):
    schedule.cancel_session(session, facilitator)
    (event,) = Calendar.from_ical(ics.feed_ics(vp)).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1


def test_close_session_records_attendance_and_hours(session, facilitator, vp, other_vp, third_vp):
    with pytest.raises(IntervisieError, match="pas na de start"):
        attendance.close_session(session, facilitator, "Omgaan met een boze melder", [vp])
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    session.refresh_from_db()
    with pytest.raises(IntervisieError, match="herleidbare"):
        attendance.close_session(session, facilitator, "Klacht van Piotr Kowalski bij Vion", [vp])
    with pytest.raises(IntervisieError):
        attendance.close_session(session, vp, "Omgaan met een boze melder", [vp])
    attendance.close_session(session, facilitator, "Omgaan met een boze melder", [vp, other_vp],
                             minutes_present={vp.pk: 88, other_vp.pk: 91}, inbrenger=vp)
    assert attendance.minutes_of(vp) == 90 and attendance.minutes_of(third_vp) == 0
    csv_text = attendance.records_csv(vp)
    assert "Incidentmethode;Omgaan met een boze melder;90" in csv_text
    assert schedule.rotation(session.group)[-1] == vp  # presented last, so last in the rotation
    with pytest.raises(IntervisieError, match="al geannuleerd of afgerond"):
        attendance.close_session(session, facilitator, "Nog eens", [vp])


def test_custom_method_validation(facilitator, vp):
    phases = [{"name": "Casus", "minutes": 10, "instruction": "Vertel.", "roles": ["inbrenger"]}]
    method = groups.create_method(facilitator, "Eigen methode", "", phases)
    assert method.created_by == facilitator and method.total_minutes == 10
    with pytest.raises(IntervisieError, match="1 tot 120"):
        groups.create_method(facilitator, "Fout", "", [{**phases[0], "minutes": 0}])
    with pytest.raises(IntervisieError, match="onbekende rol"):
        groups.create_method(facilitator, "Fout", "", [{**phases[0], "roles": ["baas"]}])
    with pytest.raises(IntervisieError):
        groups.create_method(vp, "Van een VP", "", phases)
