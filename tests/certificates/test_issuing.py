"""The write path: issue exactly once (also under two concurrent calls), manual issue, permanent revocation."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from certificates import codes, issuing, keys
from certificates.models import Certificate

from .conftest import COURSE


def test_issue_stores_the_claims_snapshot(vp, signing_key):
    cert, created = issuing.issue_certificate(vp, **COURSE)
    assert created
    assert cert.holder_name == "Marieke van den Berg"
    assert cert.course_key == "basisopleiding-vp" and cert.course_title == "Basisopleiding vertrouwenspersoon"
    assert str(cert.hours) == "16.0"
    assert cert.competencies[1] == {"name": "Doorverwijzen en grenzen bewaken"}
    assert cert.evidence[1] == {"name": "Eindtoets", "description": "Behaald met 85%"}
    assert cert.valid_until.year == cert.issued_at.year + 4
    assert cert.issuer_name == "VP-Academie" and cert.issued_by is None
    assert codes.normalise(cert.display_code) == cert.code and len(cert.code) == 12
    assert cert.status() == "geldig"
    # A later name change does not change the issued certificate.
    vp.first_name = "Maria"
    vp.save()
    cert.refresh_from_db()
    assert cert.holder_name == "Marieke van den Berg"


def test_issue_twice_returns_the_first(vp, signing_key):
    first, created = issuing.issue_certificate(vp, **COURSE)
    again, created_again = issuing.issue_certificate(vp, **{**COURSE, "course_title": "Anders"})
    assert created and not created_again
    assert again.pk == first.pk and again.course_title == COURSE["course_title"]
    assert Certificate.objects.count() == 1


def test_other_course_or_holder_gets_its_own(vp, other_vp, signing_key):
    a, _ = issuing.issue_certificate(vp, **COURSE)
    b, _ = issuing.issue_certificate(other_vp, **COURSE)
    c, _ = issuing.issue_certificate(vp, **{**COURSE, "course_ref": "verdieping-integriteit"})
    assert len({a.pk, b.pk, c.pk}) == 3 and len({a.code, b.code, c.code}) == 3


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_completions_issue_one_certificate(settings, tmp_path):
    from tests.conftest import make_user

    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    keys.create_key()
    holder = make_user("gelijktijdig@example.test", first_name="Sanne", last_name="de Vries")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def complete():
        try:
            barrier.wait()
            results.append(issuing.issue_certificate(holder, **COURSE))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert Certificate.objects.filter(holder=holder).count() == 1
    assert sorted(created for _cert, created in results) == [False, True]
    assert results[0][0].pk == results[1][0].pk


def test_invalid_claims_are_refused_in_dutch(vp, signing_key):
    with pytest.raises(ValidationError, match="uren"):
        issuing.issue_certificate(vp, **{**COURSE, "hours": "veel"})
    with pytest.raises(ValidationError, match="geldigheid"):
        issuing.issue_certificate(vp, **{**COURSE, "valid_years": 0})
    with pytest.raises(ValidationError, match="naam"):
        issuing.issue_certificate(vp, **{**COURSE, "competencies": [{"description": "zonder naam"}]})
    assert not Certificate.objects.exists()


def test_no_key_means_nothing_is_written(vp):
    with pytest.raises(keys.SigningKeyMissing):
        issuing.issue_certificate(vp, **COURSE)
    assert not Certificate.objects.exists()


def test_manual_issue_needs_trainer_or_admin_and_a_reason(vp, other_vp, trainer, platform_admin, signing_key):
    with pytest.raises(PermissionDenied):
        issuing.issue_manually(other_vp, vp, reason="Ik wil het", **COURSE)
    with pytest.raises(ValidationError, match="reden"):
        issuing.issue_manually(trainer, vp, reason="  ", **COURSE)
    cert, created = issuing.issue_manually(
        trainer, vp, reason="Opleiding klassikaal gevolgd op 12 september.", **COURSE
    )
    assert created and cert.issued_by == trainer and cert.issue_reason.startswith("Opleiding klassikaal")
    other, _ = issuing.issue_manually(platform_admin, other_vp, reason="Herstel na storing.", **COURSE)
    assert other.issued_by == platform_admin


def test_revocation_is_permanent_and_needs_a_reason(certificate, trainer, vp):
    with pytest.raises(PermissionDenied):
        issuing.revoke_certificate(certificate, vp, "Zelf intrekken")
    with pytest.raises(ValidationError, match="reden"):
        issuing.revoke_certificate(certificate, trainer, "")
    issuing.revoke_certificate(certificate, trainer, "Eindtoets bleek niet gehaald.")
    certificate.refresh_from_db()
    assert certificate.status() == "ingetrokken" and certificate.revoked_by == trainer
    with pytest.raises(ValidationError, match="definitief"):
        issuing.revoke_certificate(certificate, trainer, "Nog eens")
    # Issuing again for the same course returns the revoked certificate; it does not make a fresh one.
    again, created = issuing.issue_certificate(vp, **COURSE)
    assert not created and again.status() == "ingetrokken"


def test_codes_are_unambiguous_and_forgiving():
    assert not set(codes.ALPHABET) & set("01OILUV")
    code = codes.new_code()
    assert codes.normalise(f"{code[:4].lower()}-{code[4:8]} {code[8:]}") == code
    assert codes.normalise("ABCD-EFGH") is None
    assert codes.normalise("ABCD-EFGH-JKM!") is None
    assert len(codes.ALPHABET) ** codes.LENGTH > 10**17
