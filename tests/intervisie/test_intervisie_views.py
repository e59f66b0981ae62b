"""Server-rendered pages: per-object permissions (404 for outsiders), forms, calendar feed and hours."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intervisie import attendance, groups
from intervisie.models import Method, Session


def pages(session):
    group_id, session_id = session.group_id, session.pk
    return [
        reverse("intervisie:group", args=[group_id]),
        reverse("intervisie:session", args=[session_id]),
        reverse("intervisie:session_ics", args=[session_id]),
        reverse("intervisie:room", args=[session_id]),
    ]


def facilitator_pages(session):
    return [
        reverse("intervisie:session_plan", args=[session.group_id]),
        reverse("intervisie:session_reschedule", args=[session.pk]),
        reverse("intervisie:session_close", args=[session.pk]),
    ]


def test_outsiders_get_404_members_see_the_group(client, session, outsider, vp, facilitator):
    client.force_login(outsider)
    for url in pages(session) + facilitator_pages(session):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("intervisie:session_cancel", args=[session.pk])).status_code == 404
    client.force_login(vp)
    for url in pages(session):
        assert client.get(url).status_code == 200, url
    for url in facilitator_pages(session):
        assert client.get(url).status_code == 404, url
    client.force_login(facilitator)
    for url in facilitator_pages(session):
        assert client.get(url).status_code == 200, url


def test_login_required(client, session):
    response = client.get(reverse("intervisie:session", args=[session.pk]))
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_facilitator_creates_group_invites_and_member_accepts(client, facilitator, vp, incident_method,
                                                             django_capture_on_commit_callbacks):
    client.force_login(facilitator)
    response = client.post(reverse("intervisie:group_create"), {"name": "Groep West", "default_method": incident_method.pk})
    group = groups.Group.objects.get(name="Groep West")
    assert response["Location"] == reverse("intervisie:group", args=[group.pk])
    response = client.post(reverse("intervisie:group", args=[group.pk]), {"email": "onbekend@example.test"})
    assert "Er is geen vertrouwenspersoon met dit e-mailadres" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intervisie:group", args=[group.pk]), {"email": vp.email})
    assert response.status_code == 302
    link = re.search(r"http://\S+/intervisie/uitnodiging/(\S+)/", mail.outbox[-1].body)
    client.force_login(vp)
    url = reverse("intervisie:invitation", args=[link.group(1)])
    assert "Aannemen" in client.get(url).content.decode()
    assert client.post(url, {"answer": "accept"})["Location"] == reverse("intervisie:group", args=[group.pk])
    assert groups.is_member(vp, group)
    assert client.get(url).status_code == 404  # used


def test_plan_a_series_through_the_form(client, group, facilitator, incident_method):
    client.force_login(facilitator)
    day = (timezone.localtime() + timedelta(days=10)).date()
    response = client.post(reverse("intervisie:session_plan", args=[group.pk]), {
        "date": day.isoformat(), "time": "19:30", "duration": 120, "method": incident_method.pk,
        "repeat_weeks": 6, "count": 3})
    assert response.status_code == 302
    assert Session.objects.filter(group=group).count() == 3
    response = client.post(reverse("intervisie:session_plan", args=[group.pk]), {
        "date": "2001-01-01", "time": "19:30", "duration": 20, "method": incident_method.pk})
    body = response.content.decode()
    assert "Kies een moment in de toekomst." in body and "minstens 30" in body


def test_cancel_and_reschedule_through_the_pages(client, session, facilitator):
    client.force_login(facilitator)
    new = timezone.localtime(session.starts_at) + timedelta(days=2)
    response = client.post(reverse("intervisie:session_reschedule", args=[session.pk]), {
        "date": new.date().isoformat(), "time": new.strftime("%H:%M"), "duration": 90})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.revision == 1 and timezone.localtime(session.starts_at).date() == new.date()
    client.post(reverse("intervisie:session_cancel", args=[session.pk]), {"reason": "te weinig aanmeldingen"})
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED


def test_feed_by_token_and_revocation(client, session, vp):
    client.force_login(vp)
    response = client.post(reverse("intervisie:feed_settings"), {"action": "reset"})
    url = re.search(r'value="(http://testserver/intervisie/agenda/[^"]+\.ics)"', response.content.decode()).group(1)
    client.logout()
    feed = client.get(url)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert str(session.uid) in feed.content.decode()
    client.force_login(vp)
    client.post(reverse("intervisie:feed_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(reverse("intervisie:feed", args=["verzonnen"])).status_code == 404


def test_close_page_and_hours_csv(client, session, facilitator, vp, other_vp):
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    client.force_login(facilitator)
    url = reverse("intervisie:session_close", args=[session.pk])
    response = client.post(url, {"theme": "Conflict met Jan de Vries", "attendees": [vp.pk]})
    assert "herleidbare gegevens" in response.content.decode()
    response = client.post(url, {"theme": "Een melder die anoniem wil blijven", "attendees": [vp.pk, other_vp.pk],
                                 "inbrenger": vp.pk})
    assert response.status_code == 302
    assert attendance.minutes_of(vp) == 90
    client.force_login(vp)
    assert "Een melder die anoniem wil blijven" in client.get(reverse("intervisie:hours")).content.decode()
    csv_response = client.get(reverse("intervisie:hours_csv"))
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Een melder die anoniem wil blijven;90" in csv_response.content.decode()
    record = attendance.records_of(vp).get()
    pdf = client.get(reverse("intervisie:hours_pdf", args=[record.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    for expected in ("Bewijs van deelname aan intervisie", "Marieke van den Berg", "90 minuten", "Incidentmethode",
                     "Een melder die anoniem wil blijven", "geen certificering door de LVV"):
        assert expected in text
    client.force_login(other_vp)  # another member cannot download Marieke's proof
    assert client.get(reverse("intervisie:hours_pdf", args=[record.pk])).status_code == 404


def test_facilitator_creates_a_method(client, facilitator, vp):
    client.force_login(facilitator)
    data = {"name": "Korte casusronde", "description": "", "fase-TOTAL_FORMS": "7", "fase-INITIAL_FORMS": "0",
            "fase-MIN_NUM_FORMS": "0", "fase-MAX_NUM_FORMS": "12",
            "fase-0-name": "Casus", "fase-0-minutes": "10", "fase-0-instruction": "Vertel kort.",
            "fase-0-roles": ["inbrenger"],
            "fase-1-name": "Advies", "fase-1-minutes": "15", "fase-1-instruction": "Iedereen adviseert.",
            "fase-1-roles": ["deelnemer"]}
    assert client.post(reverse("intervisie:method_create"), data).status_code == 302
    method = Method.objects.get(name="Korte casusronde")
    assert [p.minutes for p in method.phases.all()] == [10, 15] and method.created_by == facilitator
    client.force_login(vp)
    assert client.get(reverse("intervisie:method_create")).status_code == 404
    assert "Korte casusronde" not in client.get(reverse("intervisie:methods")).content.decode()


@pytest.mark.parametrize("user_fixture", ["vp", "facilitator"])
def test_overview(client, session, user_fixture, request):
    client.force_login(request.getfixturevalue(user_fixture))
    body = client.get(reverse("intervisie:overview")).content.decode()
    assert "Intervisiegroep Oost" in body and "Komende bijeenkomsten" in body


def test_facilitator_removes_a_member_and_cancels_an_invitation(client, group, facilitator, vp, outsider,
                                                               django_capture_on_commit_callbacks):
    invitation = groups.invite_member(group, facilitator, outsider.email)
    remove = reverse("intervisie:member_remove", args=[group.pk, vp.pk])
    cancel = reverse("intervisie:invitation_cancel", args=[group.pk, invitation.pk])
    client.force_login(vp)  # a member may not
    assert client.post(remove).status_code == 404 and client.post(cancel).status_code == 404
    client.force_login(facilitator)
    assert client.post(remove).status_code == 302 and not groups.is_member(vp, group)
    assert client.post(cancel).status_code == 302
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None and groups.open_invitation(invitation.token) is None


@pytest.mark.parametrize("name, args", [("intervisie:group", "group"), ("intervisie:session", "session"),
                                        ("intervisie:overview", None), ("intervisie:hours", None)])
def test_pages_stay_within_a_query_budget(client, session, vp, name, args, django_assert_max_num_queries):
    client.force_login(vp)
    url = reverse(name, args=[{"group": session.group_id, "session": session.pk}[args]] if args else [])
    client.get(url)  # warm: session and user caches
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
