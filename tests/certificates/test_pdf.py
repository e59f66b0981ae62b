"""The certificate PDF: one page, embedded font, QR code to the verify page, code printed, credential attached."""

import io
import json
import os
import re

from pypdf import PdfReader

from certificates import credentials, pdf, verification

FORBIDDEN = re.compile(r"LVV|gecertificeerd|certificering|wettelijk|verplicht|Arbeidsinspectie", re.IGNORECASE)


def test_pdf_is_one_page_with_every_claim(certificate, tmp_path):
    data = pdf.render(certificate)
    if os.environ.get("CERTIFICATE_PDF_OUT"):  # to look at it: CERTIFICATE_PDF_OUT=/tmp/c.pdf pytest ...
        open(os.environ["CERTIFICATE_PDF_OUT"], "wb").write(data)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for claim in (
        "Marieke van den Berg",
        "Basisopleiding vertrouwenspersoon",
        "Het eerste gesprek voeren",
        "Doorverwijzen en grenzen bewaken",
        "Eindtoets: Behaald met 85%",
        "16 uur",
        certificate.display_code,
        str(certificate.uuid),
        "VP-Academie",
    ):
        assert claim in text, claim
    assert not FORBIDDEN.search(text)


def test_pdf_embeds_the_font_and_attaches_the_credential(certificate):
    data = pdf.render(certificate)
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert any("SourceSans" in name.replace(" ", "") for name in fonts), fonts
    attached = json.loads(pdf.attached_credential(data))
    assert attached == certificate.credential
    assert verification.verify(verification.parse(data)).valid


def test_qr_code_leads_to_the_verification_page(certificate):
    # The QR code is drawn from this URL; its text is printed beside it too.
    url = credentials.verify_url(certificate)
    assert url.endswith(f"/certificaten/v/{certificate.code}/")
    text = " ".join(PdfReader(io.BytesIO(pdf.render(certificate))).pages[0].extract_text().split())
    assert url in text.replace(" ", "") or url in text


def test_pdf_without_credential_is_refused(certificate):
    data = pdf.render(certificate)
    reader = PdfReader(io.BytesIO(data))
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.append(reader)
    bare = io.BytesIO()
    writer.write(bare)
    try:
        pdf.attached_credential(bare.getvalue())
    except ValueError as error:
        assert "geen Open Badge" in str(error)
    else:
        raise AssertionError("a PDF without attachment was accepted")


def test_a_full_course_still_fits_one_page(vp, signing_key):
    from certificates import issuing

    competencies = [{"name": f"Competentie {i}", "description": "Voert het gesprek zorgvuldig en vat samen wat de melder zegt."} for i in range(9)]
    evidence = [{"name": f"Module {i}: Een module met een vrij lange titel over het werk", "description": "Afgerond"} for i in range(12)]
    cert, _ = issuing.issue_certificate(
        vp, course_ref="vol", course_title="Verdiepingsopleiding vertrouwenspersoon integriteit en ongewenste omgangsvormen",
        hours=40, competencies=competencies, evidence=evidence,
    )
    reader = PdfReader(io.BytesIO(pdf.render(cert)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Competentie 5" in text and "Competentie 6" not in text and "en nog 3: zie de verificatiepagina" in text
    assert "en nog 4: zie de verificatiepagina" in text


def test_qr_code_encodes_the_verification_url(certificate, monkeypatch):
    import segno

    encoded = []
    real_make = segno.make
    monkeypatch.setattr(segno, "make", lambda content, **kw: encoded.append(content) or real_make(content, **kw))
    pdf.render(certificate)
    assert encoded == [credentials.verify_url(certificate)]
