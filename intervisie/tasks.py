"""Background tasks (django-tasks). Reminders are queued on the 'intervisie' backend with a run-after time."""

from django_tasks import task

from . import schedule


@task(backend="intervisie")
def send_reminder(session_id, starts_at_iso):
    schedule.send_due_reminder(session_id, starts_at_iso)
