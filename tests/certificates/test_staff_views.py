"""Manual issue and revocation pages (trainer, platform admin), my certificates (VP), the employer's view."""

from datetime import timedelta

import pytest
from django.urls import reverse

from certificates import issuing
from certificates.models import Certificate

from .conftest import COURSE

ISSUE = {
    "holder": "vp@example.test",
    "course_ref": "basisopleiding-vp",
    "course_title": "Basisopleiding vertrouwenspersoon",
    "hours": "16",
    "competencies": "Het eerste gesprek voeren – luistert en vat samen\nDoorverwijzen",
    "evidence": "Eindtoets: behaald met 80%",
    "valid_years": "4",
    "reason": "Klassikale opleiding gevolgd op 12 september.",
}


@pytest.mark.parametrize("name", ["manage", "issue"])
def test_only_trainers_and_admins_manage(client, vp, employer_admin, name):
    assert client.get(reverse(f"certificates:{name}")).status_code == 302  # to the login page
    for user in (vp, employer_admin):
        client.force_login(user)
        assert client.get(reverse(f"certificates:{name}")).status_code == 403


def test_trainer_issues_manually(client, trainer, vp, signing_key):
    client.force_login(trainer)
    response = client.post(reverse("certificates:issue"), ISSUE)
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.holder == vp and certificate.issued_by == trainer
    assert certificate.competencies == [
        {"name": "Het eerste gesprek voeren", "description": "luistert en vat samen"},
        {"name": "Doorverwijzen"},
    ]
    assert certificate.evidence == [{"name": "Eindtoets", "description": "behaald met 80%"}]
    listing = client.get(reverse("certificates:manage")).content.decode()
    assert certificate.display_code in listing and "Klassikale opleiding" in listing


def test_manual_issue_form_errors_are_dutch(client, trainer, signing_key):
    client.force_login(trainer)
    response = client.post(reverse("certificates:issue"), {**ISSUE, "holder": "onbekend@example.test", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is geen account met dit e-mailadres." in html and "Dit is een verplicht veld." in html
    assert not Certificate.objects.exists()


def test_platform_admin_revokes_with_reason(client, platform_admin, certificate):
    client.force_login(platform_admin)
    url = reverse("certificates:revoke", args=[certificate.uuid])
    response = client.post(url, {"reason": "Eindtoets bleek niet gehaald."})
    assert response.status_code == 400  # confirmation box not ticked
    response = client.post(url, {"reason": "Eindtoets bleek niet gehaald.", "confirm": "on"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == platform_admin and certificate.revocation_reason == "Eindtoets bleek niet gehaald."
    response = client.post(url, {"reason": "Nogmaals", "confirm": "on"})
    assert "al ingetrokken" in response.content.decode()


def test_vp_sees_own_certificates_only(client, certificate, other_vp, vp):
    client.force_login(vp)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.display_code in html and "Geldig" in html
    client.force_login(other_vp)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.display_code not in html and "nog geen certificaten" in html


def test_employer_sees_linked_vps_only(client, employer_admin, organisation, linked_vp, other_vp, signing_key):
    mine, _ = issuing.issue_certificate(linked_vp, **COURSE)
    theirs, _ = issuing.issue_certificate(other_vp, **COURSE)  # other_vp never accepted a link
    client.force_login(employer_admin)
    html = client.get(reverse("certificates:employer")).content.decode()
    assert mine.display_code in html and "Marieke van den Berg" in html
    assert theirs.display_code not in html and "Joost" not in html


def test_employer_page_refuses_others(client, vp):
    client.force_login(vp)
    assert client.get(reverse("certificates:employer")).status_code == 403


def test_expiry_warning_within_six_months(client, employer_admin, organisation, linked_vp, signing_key):
    certificate, _ = issuing.issue_certificate(linked_vp, **{**COURSE, "valid_years": 1})
    client.force_login(employer_admin)
    assert "verloopt binnen 6 maanden" not in client.get(reverse("certificates:employer")).content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=certificate.issued_at + timedelta(days=120))
    assert "verloopt binnen 6 maanden" in client.get(reverse("certificates:employer")).content.decode()


def test_dashboard_links(client, vp, trainer):
    client.force_login(vp)
    assert reverse("certificates:mine") in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(trainer)
    assert reverse("certificates:manage") in client.get(reverse("accounts:dashboard")).content.decode()




def test_demo_seed_is_idempotent_and_makes_both_states(settings, db, key_dir):
    import io

    from certificates import demo
    from lms.accounts import demo as accounts_demo

    settings.DEBUG = True
    accounts_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    states = sorted(c.status() for c in Certificate.objects.all())
    assert states == ["geldig", "ingetrokken"]


def test_demo_seed_without_key_and_debug_writes_nothing(settings, db, key_dir):
    import io

    from certificates import demo

    settings.DEBUG = False
    out = io.StringIO()
    demo.seed(out)
    assert "overgeslagen" in out.getvalue() and not Certificate.objects.exists()


def test_wagtail_admin_menu_links_to_certificates_for_trainers(client, trainer):
    client.force_login(trainer)
    html = client.get("/beheer/").content.decode()
    assert reverse("certificates:manage") in html
