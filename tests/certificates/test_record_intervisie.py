"""Confirmed intervisie attendance counts on the VP's professional record, under intervisie."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from certificates import record
from intervisie import attendance
from intervisie.models import Session
from tests.intervisie.conftest import group, incident_method, session, third_vp  # noqa: F401  (fixtures)


def test_attended_session_counts_as_intervisie_hours(session, facilitator, vp, other_vp):
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    session.refresh_from_db()
    attendance.close_session(session, facilitator, "Grenzen van de rol", [vp])

    rows = record.record(vp)["rows"]
    intervisie_rows = [row for row in rows if row.category == "intervisie"]
    assert len(intervisie_rows) == 1
    assert intervisie_rows[0].hours == Decimal("1.5")  # 90 minutes
    assert "Intervisiegroep Oost" in intervisie_rows[0].title
    assert not [row for row in record.record(other_vp)["rows"] if row.category == "intervisie"]
