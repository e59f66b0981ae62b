"""The one-page Dutch certificate PDF: xhtml2pdf with an embedded font, a QR code to the verification page,
and the signed Open Badge credential attached as a file inside the PDF."""

import io
import json
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from . import credentials

FONT_DIR = Path(__file__).resolve().parent / "fonts"
ATTACHMENT = "openbadgecredential.json"
COMPACT_FROM = 7  # competencies plus evidence lines; above this the layout tightens to stay on one page
MAX_COMPETENCIES, MAX_EVIDENCE = 6, 8  # more than this fits no page: the rest is named on the verification page
# Fonts are the only files a render may read; nothing is fetched over the network.
POLICY = ResourceAccessPolicy(allow_remote=False, base_dir=FONT_DIR)


class PdfError(Exception):
    pass


def render(certificate):
    url = credentials.verify_url(certificate)
    qr = segno.make(url, error="m")
    html = render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verify_url": url,
            # A PNG: xhtml2pdf draws it faster than the same code as SVG, and at this size it scans as well.
            "qr": qr.png_data_uri(scale=10, border=0, dark="#1b2a4a"),
            "issued": timezone.localtime(certificate.issued_at),
            "valid_until": timezone.localtime(certificate.valid_until),
            "font_dir": FONT_DIR.as_posix(),
            "compact": len(certificate.competencies) + len(certificate.evidence) > COMPACT_FROM,
            "competencies": certificate.competencies[:MAX_COMPETENCIES],
            "more_competencies": max(0, len(certificate.competencies) - MAX_COMPETENCIES),
            "evidence": certificate.evidence[:MAX_EVIDENCE],
            "more_evidence": max(0, len(certificate.evidence) - MAX_EVIDENCE),
        },
    )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(html_to_pdf(html))))
    writer.add_metadata(
        {
            "/Title": f"Certificaat {certificate.course_title} – {certificate.holder_name}",
            "/Author": certificate.issuer_name,
            "/Subject": f"Verificatiecode {certificate.display_code}",
        }
    )
    writer.add_attachment(ATTACHMENT, json.dumps(certificate.credential, ensure_ascii=False).encode("utf-8"))
    result = io.BytesIO()
    writer.write(result)
    return seal(result.getvalue(), certificate)


@cache
def _sealer(key_path, cert_path):
    from pyhanko.sign import signers  # noqa: PLC0415 (only when a seal is configured)

    signer = signers.SimpleSigner.load(key_path, cert_path)
    if signer is None:
        raise PdfError("De sleutel of het certificaat voor het PDF-zegel is niet te lezen.")
    return signer


def seal(data, certificate):
    """A PAdES signature over the whole PDF, attachment included, when a seal certificate is configured."""
    if not (settings.CERTIFICATE_PDF_SEAL_KEY and settings.CERTIFICATE_PDF_SEAL_CERT):
        return data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: PLC0415
    from pyhanko.sign import fields, signers  # noqa: PLC0415

    metadata = signers.PdfSignatureMetadata(
        field_name="Zegel",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"Certificaat {certificate.display_code} uitgegeven door {certificate.issuer_name}",
    )
    signer = _sealer(settings.CERTIFICATE_PDF_SEAL_KEY, settings.CERTIFICATE_PDF_SEAL_CERT)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), metadata, signer=signer)
    return out.getvalue()


def html_to_pdf(html):
    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=POLICY)
    if status.err:
        raise PdfError("De PDF kon niet worden gemaakt.")
    return out.getvalue()


def render_template(template, context):
    """A PDF from a template in the certificates style (same fonts)."""
    return html_to_pdf(render_to_string(template, {**context, "font_dir": FONT_DIR.as_posix()}))


def attached_credential(data):
    """The credential JSON attached to a certificate PDF."""
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
    except Exception as error:  # pypdf raises many kinds for damaged files
        raise ValueError(f"Het PDF-bestand is niet leesbaar: {error}") from None
    found = attachments.get(ATTACHMENT)
    if not found:
        raise ValueError("Deze PDF bevat geen Open Badge-credential.")
    return found[0].decode("utf-8")
