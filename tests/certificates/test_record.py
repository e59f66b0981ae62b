"""The professional record: hours per category in the current cycle, external activities with proof, exports,
and who may see it."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import issuing, record
from certificates.models import Activity, Certificate

from .conftest import COURSE

PDF_PROOF = b"%PDF-1.4\n% bewijs\n"
CLAIMS = re.compile(r"wettelijk verplicht|LVV-gecertificeerd|LVV-certificering|gecertificeerd door de LVV", re.IGNORECASE)


@pytest.fixture(autouse=True)
def proof_dir(settings, tmp_path):
    settings.CERTIFICATE_PROOF_DIR = tmp_path / "bewijs"


def test_cycle_is_four_years_from_the_configured_start(settings):
    settings.PROFESSIONAL_RECORD_CYCLE_START = "2025-01-01"
    assert record.cycle(date(2026, 11, 28)) == (date(2025, 1, 1), date(2029, 1, 1))
    assert record.cycle(date(2029, 1, 1)) == (date(2029, 1, 1), date(2033, 1, 1))
    assert record.cycle(date(2024, 6, 1)) == (date(2021, 1, 1), date(2025, 1, 1))


def test_totals_per_category_against_targets(vp, signing_key, trainer):
    issuing.issue_certificate(vp, **COURSE)  # 16 h course
    revoked, _ = issuing.issue_certificate(vp, **{**COURSE, "course_ref": "ander"})
    issuing.revoke_certificate(revoked, trainer, "Fout")  # revoked hours do not count
    today = timezone.localdate()
    record.add_activity(vp, title="Intervisie regio Noord", category="intervisie", hours=8, date=today)
    record.add_activity(vp, title="Training agressie", category="course", hours="10", date=today, provider="Bureau X")
    record.add_activity(vp, title="Congres", category="other", hours=4.5, date=today)
    record.add_activity(vp, title="Oude cursus", category="course", hours=99, date=record.cycle()[0] - timedelta(days=1))
    data = record.record(vp)
    assert data["totals"] == {
        "course": Decimal("26.0"), "intervisie": Decimal("8"), "other": Decimal("4.5"), "total": Decimal("38.5"),
    }
    progress = {item["key"]: item for item in data["progress"]}
    assert progress["course"]["done"] and progress["course"]["percent"] == 100
    assert progress["intervisie"]["percent"] == 25 and not progress["total"]["done"]
    assert progress["total"]["target"] == 72


def test_targets_are_configurable(vp, settings):
    settings.PROFESSIONAL_RECORD_TARGETS = {"course": 10, "intervisie": 10, "other": 10, "total": 30}
    record.add_activity(vp, title="Intervisie", category="intervisie", hours=10, date=timezone.localdate())
    progress = {item["key"]: item for item in record.record(vp)["progress"]}
    assert progress["intervisie"]["done"] and progress["total"]["target"] == 30


def test_add_activity_validates(vp, employer_admin):
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        record.add_activity(employer_admin, title="X", category="other", hours=1, date=today)
    with pytest.raises(ValidationError, match="toekomst"):
        record.add_activity(vp, title="X", category="other", hours=1, date=today + timedelta(days=2))
    with pytest.raises(ValidationError, match="PDF, PNG of JPG"):
        record.add_activity(vp, title="X", category="other", hours=1, date=today, proof=SimpleUploadedFile("a.pdf", b"MZ\x90\x00"))
    with pytest.raises(ValidationError, match="5 MB"):
        record.add_activity(vp, title="X", category="other", hours=1, date=today, proof=SimpleUploadedFile("a.pdf", PDF_PROOF + b"0" * 5 * 1024 * 1024))
    assert not Activity.objects.exists()


def test_page_add_and_delete_with_proof(client, vp, settings):
    client.force_login(vp)
    response = client.post(reverse("certificates:record"), {
        "title": "Training omgaan met agressie", "provider": "Bureau X", "category": "course",
        "hours": "6", "date": timezone.localdate().isoformat(), "proof": SimpleUploadedFile("bewijs.pdf", PDF_PROOF),
    })
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.proof.name.endswith(".pdf")
    assert settings.CERTIFICATE_PROOF_DIR in (settings.CERTIFICATE_PROOF_DIR / activity.proof.name).parents
    html = client.get(reverse("certificates:record")).content.decode()
    assert "Training omgaan met agressie" in html and "Cursussen en opleidingen: 6 van 24 uur" in html
    assert not CLAIMS.search(html)
    proof = client.get(reverse("certificates:proof", args=[activity.pk]))
    assert b"".join(proof.streaming_content) == PDF_PROOF
    client.post(reverse("certificates:delete_activity", args=[activity.pk]))
    assert not Activity.objects.exists()


def test_page_form_errors_are_dutch(client, vp):
    client.force_login(vp)
    response = client.post(reverse("certificates:record"), {"title": "", "category": "", "hours": "x", "date": "morgen"})
    html = response.content.decode()
    assert response.status_code == 400 and "Dit is een verplicht veld." in html and "Voer een getal in." in html


def test_csv_and_pdf_export(client, vp, signing_key):
    certificate, _ = issuing.issue_certificate(vp, **COURSE)
    record.add_activity(vp, title="Intervisie; regio Noord", category="intervisie", hours=2.5, date=timezone.localdate())
    client.force_login(vp)
    text = client.get(reverse("certificates:record_csv")).content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Datum;Activiteit;Soort;Uren;Bron;Kenmerk"
    assert any(certificate.display_code in line and ";16,0;" in line for line in lines)
    assert '"Intervisie; regio Noord";Intervisie;2,5' in text
    data = client.get(reverse("certificates:record_pdf")).content
    pdf_text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Scholingsoverzicht Marieke van den Berg" in pdf_text and certificate.display_code in pdf_text
    assert not CLAIMS.search(pdf_text)


def test_other_people_cannot_see_a_record(client, vp, other_vp, employer_admin, organisation):
    record.add_activity(vp, title="Congres", category="other", hours=2, date=timezone.localdate(),
                        proof=SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n"))
    activity = Activity.objects.get()
    for user in (other_vp, employer_admin):  # the employer's link is not accepted
        client.force_login(user)
        assert client.get(reverse("certificates:record_of_vp", args=[vp.pk])).status_code == 404
        assert client.get(reverse("certificates:record_of_vp_csv", args=[vp.pk])).status_code == 404
        assert client.get(reverse("certificates:proof", args=[activity.pk])).status_code == 404
        assert client.post(reverse("certificates:delete_activity", args=[activity.pk])).status_code == 404
    client.force_login(employer_admin)
    assert client.get(reverse("certificates:record")).status_code == 403


def test_linked_employer_sees_record_and_proof(client, linked_vp, employer_admin, signing_key):
    record.add_activity(linked_vp, title="Congres", category="other", hours=2, date=timezone.localdate(),
                        proof=SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n"))
    client.force_login(employer_admin)
    html = client.get(reverse("certificates:record_of_vp", args=[linked_vp.pk])).content.decode()
    assert "Scholingsoverzicht van Marieke van den Berg" in html and "Congres" in html
    assert "Activiteit toevoegen" not in html
    activity = Activity.objects.get()
    assert client.get(reverse("certificates:proof", args=[activity.pk])).status_code == 200
    assert reverse("certificates:record_of_vp", args=[linked_vp.pk]) in client.get(reverse("certificates:employer")).content.decode()


def test_expiry_warning_on_record(client, vp, signing_key):
    certificate, _ = issuing.issue_certificate(vp, **{**COURSE, "valid_years": 1})
    client.force_login(vp)
    assert "verloopt op" not in client.get(reverse("certificates:record")).content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.now() + timedelta(days=90))
    assert "verloopt op" in client.get(reverse("certificates:record")).content.decode()
