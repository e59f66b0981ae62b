"""The employer's appointment letter and evidence pack for a linked VP."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from certificates import appointments, issuing
from certificates.models import Appointment

from .conftest import COURSE

FORM = {
    "position": "intern",
    "start_date": "2026-03-01",
    "tasks": appointments.DEFAULTS["tasks"],
    "reports_to": "Directeur-bestuurder",
    "independence": appointments.DEFAULTS["independence"],
    "confidentiality": appointments.DEFAULTS["confidentiality"],
    "protection": appointments.DEFAULTS["protection"],
    "hours_per_month": "8",
    "facilities": appointments.DEFAULTS["facilities"],
    "training_budget": "1500",
    "works_council_consent": "2026-02-10",
    "contact_routes": "Telefoon 06-12345678, vertrouwenspersoon@hetbaken.nl, spreekuur dinsdag 9-11 uur in Utrecht",
    "languages": "Nederlands, Engels, Turks",
}
CLAIMS = re.compile(r"wettelijk verplicht|verplicht(e)? certific|LVV-gecertificeerd|LVV-certificering|gecertificeerd", re.IGNORECASE)


def pdf_text(data):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_employer_records_appointment_and_gets_letter_and_pack(client, employer_admin, organisation, linked_vp, signing_key):
    certificate, _ = issuing.issue_certificate(linked_vp, **COURSE)
    client.force_login(employer_admin)
    url = reverse("certificates:appointment", args=[organisation.slug, linked_vp.pk])
    form = client.get(url).content.decode()
    assert "onafhankelijk" in form  # the default texts are offered
    assert client.post(url, FORM).status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.updated_by == employer_admin and appointment.languages == "Nederlands, Engels, Turks"

    letter = pdf_text(client.get(reverse("certificates:appointment_letter", args=[organisation.slug, linked_vp.pk])).content)
    for text in ("Aanstelling als vertrouwenspersoon", "1 maart 2026", "10 februari 2026", "8 uur per maand", "€ 1500,00", "Directeur-bestuurder"):
        assert text in letter, text
    assert not CLAIMS.search(letter)

    pack = pdf_text(client.get(reverse("certificates:evidence_pack", args=[organisation.slug, linked_vp.pk])).content)
    assert pack.index("1. Vakbekwaam") < pack.index("2. Onafhankelijk") < pack.index("3. Eenvoudig te benaderen")
    assert certificate.display_code in pack and "Basisopleiding vertrouwenspersoon" in pack
    assert "spreekuur dinsdag" in pack and "Turks" in pack
    assert not CLAIMS.search(pack)


def test_pack_without_appointment_says_so(client, employer_admin, organisation, linked_vp, signing_key):
    client.force_login(employer_admin)
    pack = pdf_text(client.get(reverse("certificates:evidence_pack", args=[organisation.slug, linked_vp.pk])).content)
    assert "nog niet op het platform vastgelegd" in pack
    response = client.get(reverse("certificates:appointment_letter", args=[organisation.slug, linked_vp.pk]))
    assert response.status_code == 302


def test_appointment_form_errors_are_dutch(client, employer_admin, organisation, linked_vp):
    client.force_login(employer_admin)
    response = client.post(reverse("certificates:appointment", args=[organisation.slug, linked_vp.pk]), {**FORM, "hours_per_month": "veel", "start_date": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "Voer een getal in." in html and "Dit is een verplicht veld." in html
    assert not Appointment.objects.exists()


def test_unlinked_vp_or_other_employer_gets_404(client, employer_admin, organisation, vp, other_organisation):
    client.force_login(employer_admin)
    for name in ("appointment", "appointment_letter", "evidence_pack"):
        assert client.get(reverse(f"certificates:{name}", args=[organisation.slug, vp.pk])).status_code == 404  # not accepted
        assert client.get(reverse(f"certificates:{name}", args=[other_organisation.slug, vp.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        appointments.save_appointment(employer_admin, organisation, vp, position="intern")


def test_employer_page_shows_hours_per_category(client, employer_admin, organisation, linked_vp, signing_key):
    issuing.issue_certificate(linked_vp, **COURSE)
    client.force_login(employer_admin)
    html = client.get(reverse("certificates:employer")).content.decode()
    assert "cursussen en opleidingen 16/24" in html and "intervisie 0/32" in html and "totaal 16/72" in html
