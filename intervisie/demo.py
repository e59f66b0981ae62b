"""Demo intervisie group: facilitator Ahmed El Amrani with Marieke, Joost and Fatma, and a planned session.
Idempotent: a second run finds the group and its planned session and changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lms.accounts.models import User

from . import groups, schedule
from .models import Group, Method, Session

FACILITATOR = "gespreksleider@vp-academie.test"
MEMBERS = ["marieke@vp-academie.test", "joost@vp-academie.test", "fatma@vp-academie.test"]
GROUP_NAME = "Intervisiegroep Vertrouwenspersonen Midden"


def seed(stdout):
    facilitator = User.objects.filter(email=FACILITATOR).first()
    if facilitator is None:
        return
    method = Method.objects.get(name="Incidentmethode", created_by=None)
    group = Group.objects.filter(name=GROUP_NAME, facilitator=facilitator).first()
    if group is None:
        group = groups.create_group(facilitator, GROUP_NAME, default_method=method)
        stdout.write(f"  intervisiegroep {GROUP_NAME}")
    for email in MEMBERS:
        user = User.objects.filter(email=email).first()
        if user is not None and not groups.is_member(user, group):
            groups.add_member(group, facilitator, user)
    if not group.sessions.filter(status=Session.Status.PLANNED, starts_at__gte=timezone.now()).exists():
        day = timezone.localdate() + timedelta(days=7)
        starts = timezone.make_aware(datetime.combine(day, time(19, 30)))
        schedule.plan_session(group, facilitator, starts, 90, method)
        stdout.write(f"  bijeenkomst op {day:%d-%m-%Y} om 19.30 uur")
