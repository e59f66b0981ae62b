"""The optional PAdES seal: only with a configured certificate; it covers the attached credential."""

import datetime
import io
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import pdf, verification


@pytest.fixture
def seal_files(settings, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "VP-Academie testzegel")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "zegel.key", tmp_path / "zegel.crt"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.CERTIFICATE_PDF_SEAL_KEY, settings.CERTIFICATE_PDF_SEAL_CERT = str(key_path), str(cert_path)
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def status_of(data, trust_root):
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[trust_root]))


def test_no_seal_without_configuration(certificate):
    assert PdfFileReader(io.BytesIO(pdf.render(certificate))).embedded_signatures == []


def test_sealed_pdf_validates_and_keeps_the_credential(certificate, seal_files):
    data = pdf.render(certificate)
    status = status_of(data, seal_files)
    assert status.intact and status.valid and status.trusted
    assert json.loads(pdf.attached_credential(data)) == certificate.credential
    assert verification.verify(verification.parse(data)).valid


def test_changed_byte_breaks_the_seal(certificate, seal_files):
    data = bytearray(pdf.render(certificate))
    data[len(data) // 4] ^= 0x01  # inside the first revision, which the seal covers
    assert not status_of(bytes(data), seal_files).intact
