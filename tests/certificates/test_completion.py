"""Completing a course issues its certificate exactly once, with the course's claims and the learner's evidence."""

import logging
import uuid

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from courses import progress
from tests.courses.course_builders import competencies, course, enrolled_vp  # noqa: F401  (fixtures)


def complete(user, course, capture):
    first, second = [m.specific for m in course.modules()]
    progress.record_answer(user, first, "q1", ["1"], uuid.uuid4())
    progress.record_answer(user, first, "q2", ["0", "2"], uuid.uuid4())
    with capture(execute=True):
        progress.complete_module(user, first)
        progress.complete_module(user, second)


def test_completing_a_course_issues_its_certificate_once(enrolled_vp, course, signing_key, django_capture_on_commit_callbacks):
    complete(enrolled_vp, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.holder == enrolled_vp and certificate.course == course
    assert certificate.course_title == "Rolzuiverheid"
    assert certificate.hours == (course.pe_hours or course.estimated_hours)
    assert {c["name"] for c in certificate.competencies} == {"Rolvastheid", "Opvang en begeleiding"}
    assert [e["name"] for e in certificate.evidence] == ["Wat doet een VP", "Vertrouwelijkheid"]
    assert certificate.evidence[0]["description"] == "Afgerond met een score van 100%"
    assert certificate.credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    # Completion announced again (a second worker, a retry): still one certificate.
    from certificates.completion import issue_for_completion

    issue_for_completion(None, enrolment=enrolled_vp.enrolments.get())
    assert Certificate.objects.count() == 1


def test_without_a_key_completion_stands_and_the_certificate_follows_later(
    enrolled_vp, course, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.ERROR, logger="certificates.completion"):
        complete(enrolled_vp, course, django_capture_on_commit_callbacks)
    assert enrolled_vp.enrolments.get().completed_at is not None
    assert not Certificate.objects.exists()
    assert "no signing key" in caplog.text and enrolled_vp.email not in caplog.text

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen ondertekeningssleutel"):
        call_command("issue_missing_certificates")
    call_command("create_signing_key")
    call_command("issue_missing_certificates")
    call_command("issue_missing_certificates")
    assert Certificate.objects.filter(holder=enrolled_vp).count() == 1
