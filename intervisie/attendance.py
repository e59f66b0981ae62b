"""The one write path for attendance: the facilitator closes a session and confirms who attended.

An attendance record is a closed session (date, method, neutral theme, duration, chair) with its confirmed
attendees; each attendee's credited minutes count toward their intervisie hours.
"""

import csv
import io

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import IntervisieError
from .groups import _require_facilitator
from .models import Attendance, Session
from .scanner import scan


def validate_theme(theme):
    theme = " ".join(theme.split())
    if not theme:
        raise IntervisieError(_("Geef het thema in één neutrale regel, bijvoorbeeld 'grensoverschrijdend gedrag van een leidinggevende'."))
    if len(theme) > 200:
        raise IntervisieError(_("Het thema is hoogstens 200 tekens."))
    findings = scan(theme)
    if findings:
        raise IntervisieError(_("Het thema bevat mogelijk herleidbare gegevens (%(words)s). Maak het neutraal.")
                              % {"words": ", ".join(f.text for f in findings)})
    return theme


@transaction.atomic
def close_session(session, by, theme, attendees, minutes_present=None, inbrenger=None):
    """Close the session and record attendance for `attendees` (users, members of the group).

    `minutes_present`: {user_id: minutes in the room} from the room's presence; credited minutes are the
    session's length for every confirmed attendee.
    """
    _require_facilitator(by, session.group)
    session = Session.objects.select_for_update().select_related("group").get(pk=session.pk)
    if session.status != Session.Status.PLANNED:
        raise IntervisieError(_("Deze bijeenkomst is al geannuleerd of afgerond."))
    if session.starts_at > timezone.now():
        raise IntervisieError(_("Een bijeenkomst kan pas na de start worden afgerond."))
    theme = validate_theme(theme)
    member_ids = set(session.group.memberships.values_list("user_id", flat=True))
    attendees = list({user.pk: user for user in attendees}.values())
    if not attendees:
        raise IntervisieError(_("Kies wie er aanwezig was."))
    if any(user.pk not in member_ids for user in attendees):
        raise IntervisieError(_("Alleen leden van de groep kunnen aanwezig worden gemeld."))
    if inbrenger is not None and inbrenger.pk not in member_ids:
        raise IntervisieError(_("De inbrenger moet lid van de groep zijn."))
    minutes_present = minutes_present or {}
    session.status = Session.Status.CLOSED
    session.theme = theme
    session.inbrenger = inbrenger
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "theme", "inbrenger", "closed_at"])
    return Attendance.objects.bulk_create(
        Attendance(session=session, user=user, confirmed_by=by, minutes_credited=session.duration_minutes,
                   minutes_present=min(int(minutes_present.get(user.pk, 0)), 24 * 60))
        for user in attendees
    )


def records_of(user):
    return Attendance.objects.filter(user=user).select_related("session__group__facilitator", "session__method")


def minutes_of(user):
    return records_of(user).aggregate(total=Sum("minutes_credited"))["total"] or 0


def records_csv(user):
    """All of a user's attendance records as CSV (semicolons, for Dutch spreadsheet programs)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["datum", "begintijd", "methode", "thema", "duur_minuten", "gespreksleider", "groep", "deelnemers"])
    for record in records_of(user).order_by("session__starts_at"):
        session = record.session
        starts = timezone.localtime(session.starts_at)
        attendees = session.attendances.select_related("user").order_by("user__last_name")
        writer.writerow([
            f"{starts:%Y-%m-%d}", f"{starts:%H:%M}", session.method.name, session.theme, record.minutes_credited,
            session.group.facilitator.get_full_name(), session.group.name,
            ", ".join(a.user.get_full_name() for a in attendees),
        ])
    return out.getvalue()
