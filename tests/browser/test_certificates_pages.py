"""Certificates in a real browser: the VP reaches the public verification page from their own list, the employer
sees the certificate, and every certificates page passes axe-core's WCAG 2.1 AA checks on desktop and phone."""

import json
import re

import pytest
from playwright.sync_api import expect

from certificates import appointments, issuing, keys, pdf
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible
from tests.browser.test_login import log_in
from tests.certificates.conftest import COURSE
from tests.conftest import nothing_refused


@pytest.fixture
def certificate(linked_vp, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    keys.create_key()
    cert, _ = issuing.issue_certificate(linked_vp, **COURSE)
    return cert


@pytest.fixture(params=list(VIEWPORTS))
def page_at(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="nl-NL")
    with nothing_refused(context.new_page()) as page:
        yield page
    context.close()


def test_vp_reaches_the_verification_page_and_the_employer_sees_it(page, asgi_server, certificate, employer_admin):
    log_in(page, asgi_server, certificate.holder.email)
    page.get_by_role("link", name="Mijn certificaten").click()
    expect(page.get_by_role("heading", name="Basisopleiding vertrouwenspersoon")).to_be_visible()
    response = page.request.get(asgi_server + f"/certificaten/v/{certificate.code}/certificaat.pdf")
    attached = json.loads(pdf.attached_credential(response.body()))
    assert attached["id"] == f"urn:uuid:{certificate.uuid}"
    page.get_by_role("link", name="Openbare verificatiepagina").click()
    # The QR code on the PDF holds this same path (tests/certificates/test_pdf.py).
    expect(page).to_have_url(re.compile(rf"/certificaten/v/{certificate.code}/$"))
    expect(page.get_by_role("status")).to_contain_text("Geldig")
    expect(page.locator("main dd").first).to_have_text("Marieke van den Berg")

    page.context.clear_cookies()
    log_in(page, asgi_server, employer_admin.email)
    page.get_by_role("link", name="Certificaten van uw vertrouwenspersonen").click()
    expect(page.get_by_text(f"verificatiecode {certificate.display_code}")).to_be_visible()


def test_typing_a_code_leads_to_the_page(page, asgi_server, certificate):
    page.goto(asgi_server + "/certificaten/controleren/")
    page.get_by_label("Verificatiecode").fill(certificate.display_code.lower())
    page.get_by_role("button", name="Controleren").click()
    expect(page).to_have_url(re.compile(rf"/certificaten/v/{certificate.code}/$"))


def test_certificate_pages_are_accessible(page_at, asgi_server, axe_violations, certificate, organisation, employer_admin, trainer):
    vp = certificate.holder
    appointments.save_appointment(employer_admin, organisation, vp, start_date="2026-01-01", position="intern",
                                  tasks="Opvang", reports_to="Directie", independence="Onafhankelijk",
                                  confidentiality="Geheim", protection="Beschermd", hours_per_month=8,
                                  facilities="Ruimte", training_budget=1000, contact_routes="Telefoon", languages="Nederlands")
    for path in [f"/certificaten/v/{certificate.code}/", "/certificaten/controleren/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)
    page_at.get_by_role("button", name="Controleren").click()  # empty: the error state
    assert_accessible(page_at, axe_violations, "check form with error")

    log_in(page_at, asgi_server, vp.email)
    for path in ["/certificaten/mijn/", "/certificaten/overzicht/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)

    page_at.context.clear_cookies()
    log_in(page_at, asgi_server, employer_admin.email)
    for path in ["/certificaten/werkgever/", f"/certificaten/werkgever/vp/{vp.pk}/",
                 f"/certificaten/werkgever/{organisation.slug}/vp/{vp.pk}/aanstelling/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)

    page_at.context.clear_cookies()
    log_in(page_at, asgi_server, trainer.email)
    for path in ["/certificaten/beheer/", "/certificaten/beheer/uitgeven/", f"/certificaten/beheer/{certificate.uuid}/intrekken/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)
    issuing.revoke_certificate(certificate, trainer, "Test van de weergave.")
    page_at.goto(asgi_server + f"/certificaten/v/{certificate.code}/")
    expect(page_at.get_by_role("status")).to_contain_text("Ingetrokken")
    assert_accessible(page_at, axe_violations, "revoked certificate")
