"""The public verification page, the check form, downloads and the rate limit."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse

from certificates import baking, issuing, pdf, verification

FORBIDDEN = re.compile(r"LVV|gecertificeerd|certificering|wettelijk|verplicht|Arbeidsinspectie", re.IGNORECASE)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def page(client, certificate):
    return client.get(reverse("certificates:verify", args=[certificate.code]))


def visible_text(response):
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html.split('<main', 1)[1].split('</main>', 1)[0]).split())


def test_page_shows_every_claim_and_nothing_else_personal(client, certificate):
    response = page(client, certificate)
    assert response.status_code == 200
    text = visible_text(response)
    for claim in (
        "Geldig",
        "Marieke van den Berg",
        "Basisopleiding vertrouwenspersoon",
        "16 uur",
        "Het eerste gesprek voeren – Luistert, vat samen en verkent opties zonder te oordelen.",
        "Doorverwijzen en grenzen bewaken",
        "Eindtoets: Behaald met 85%",
        certificate.display_code,
        str(certificate.uuid),
        "VP-Academie",
    ):
        assert claim in text, claim
    assert "vp@example.test" not in response.content.decode()
    assert "utrecht-alert--ok" in response.content.decode()
    assert not FORBIDDEN.search(text)


def test_page_by_typed_code_redirects(client, certificate):
    typed = certificate.display_code.lower()
    response = client.get(reverse("certificates:verify", args=[typed]))
    assert response.status_code == 302 and response.url.endswith(f"/v/{certificate.code}/")
    response = client.post(reverse("certificates:check"), {"code": certificate.display_code.replace("-", " ")})
    assert response.status_code == 302 and response.url.endswith(f"/v/{certificate.code}/")


def test_unknown_and_malformed_codes(client, db, signing_key):
    assert client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMN"])).status_code == 404
    response = client.post(reverse("certificates:check"), {"code": "ABCD-EFGH-JKMN"})
    assert response.status_code == 400 and "Er is geen certificaat met deze verificatiecode" in response.content.decode()
    response = client.post(reverse("certificates:check"), {"code": "12"})
    assert "geen geldige verificatiecode" in response.content.decode()
    response = client.post(reverse("certificates:check"), {})
    assert "Vul een verificatiecode in of kies een bestand." in response.content.decode()


def test_revoked_shows_at_once_in_words_and_colour(client, certificate, trainer):
    issuing.revoke_certificate(certificate, trainer, "Eindtoets bleek niet gehaald.")
    html = page(client, certificate).content.decode()
    assert "utrecht-alert--error" in html and "Ingetrokken" in html
    assert "Eindtoets bleek niet gehaald." in html


def test_expired_shows_in_words_and_colour(client, certificate):
    certificate.valid_until = certificate.issued_at - timedelta(days=1)
    certificate.save(update_fields=["valid_until"])
    html = page(client, certificate).content.decode()
    assert "utrecht-alert--warning" in html and "Verlopen" in html


def test_page_query_count_is_constant(client, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        page(client, certificate)


def test_downloads(client, certificate):
    response = client.get(reverse("certificates:download_json", args=[certificate.code]))
    assert json.loads(response.content) == certificate.credential
    response = client.get(reverse("certificates:download_png", args=[certificate.code]))
    assert response["Content-Type"] == "image/png"
    assert json.loads(baking.unbake(response.content)) == certificate.credential
    response = client.get(reverse("certificates:download_pdf", args=[certificate.code]))
    assert response["Content-Type"] == "application/pdf"
    assert json.loads(pdf.attached_credential(response.content)) == certificate.credential


@pytest.mark.parametrize("kind", ["json", "png", "pdf"])
def test_upload_checks_the_file(client, certificate, kind):
    download = client.get(reverse(f"certificates:download_{kind}", args=[certificate.code])).content
    upload = SimpleUploadedFile(f"certificaat.{kind}", download)
    response = client.post(reverse("certificates:check"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "<strong>Geldig</strong>" in html, html


def test_upload_of_a_changed_credential_says_why(client, certificate):
    changed = json.dumps(certificate.credential).replace("Marieke", "Mariska")
    response = client.post(reverse("certificates:check"), {"file": SimpleUploadedFile("c.json", changed.encode())})
    html = response.content.decode()
    assert "Niet geldig" in html and "handtekening klopt niet" in html


def test_upload_of_junk_gets_a_dutch_error(client, db, signing_key):
    response = client.post(reverse("certificates:check"), {"file": SimpleUploadedFile("c.json", b"\x00\xffrommel")})
    assert response.status_code == 400
    assert "Dit bestand bevat geen leesbaar credential" in response.content.decode()


def test_upload_size_is_limited(client, db, signing_key):
    big = SimpleUploadedFile("groot.json", b" " * (verification.MAX_BYTES * 20 + 1))
    response = client.post(reverse("certificates:check"), {"file": big})
    assert response.status_code == 400 and "groter dan 10 MB" in response.content.decode()


def test_guessing_is_rate_limited(client, db, signing_key, settings):
    settings.CERTIFICATE_VERIFY_RATE = 3
    for _ in range(3):
        assert client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMN"])).status_code == 404
    response = client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMP"]))
    assert response.status_code == 429 and "Te veel controles" in response.content.decode()
    assert client.post(reverse("certificates:check"), {"code": "ABCD-EFGH-JKMN"}).status_code == 429
    # Another address still has its own budget.
    assert client.get(reverse("certificates:verify", args=["ABCD-EFGH-JKMN"]), REMOTE_ADDR="10.1.2.3").status_code == 404


def test_rate_limit_behind_a_proxy_uses_the_configured_header(client, db, signing_key, settings):
    settings.CERTIFICATE_VERIFY_RATE = 1
    settings.CERTIFICATE_CLIENT_IP_META = "HTTP_X_REAL_IP"
    url = reverse("certificates:verify", args=["ABCD-EFGH-JKMN"])
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.1").status_code == 404
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.1").status_code == 429
    assert client.get(url, HTTP_X_REAL_IP="198.51.100.2").status_code == 404
