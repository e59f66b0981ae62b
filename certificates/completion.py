"""Issue the certificate when a VP completes a course (courses announces it with `course_completed`)."""

import logging

from courses.models import Enrolment, ModuleProgress
from courses.signals import course_completed

from . import issuing, keys

log = logging.getLogger(__name__)


def course_ref(course):
    """The stable key of a course in certificates: its page id (titles change)."""
    return f"course-{course.pk}"


def certificate_claims(enrolment):
    """What the certificate states, taken from the course and the learner's completed modules."""
    course = enrolment.course
    progress = ModuleProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).select_related("module")
    evidence = [
        {
            "name": p.module.title,
            "description": "Afgerond" if p.score is None else f"Afgerond met een score van {round(100 * p.score)}%",
        }
        for p in sorted(progress, key=lambda p: p.module.path)
    ]
    return {
        "course_ref": course_ref(course),
        "course": course,
        "course_title": course.title,
        "description": course.summary,
        "hours": course.pe_hours or course.estimated_hours,  # a course that sets no PE hours: its study load
        "competencies": [{"name": c.name, "description": c.description} for c in course.competencies()],
        "evidence": evidence,
        "valid_years": course.certificate_valid_years,
    }


def issue_for_completion(sender, enrolment, **kwargs):
    try:
        issuing.issue_certificate(enrolment.user, **certificate_claims(enrolment))
    except keys.SigningKeyMissing:
        # Completion stands; the certificate follows when an operator creates a key and runs
        # `manage.py issue_missing_certificates`.
        log.error("no signing key: certificate for enrolment %s not issued", enrolment.pk)


def issue_missing():
    """Issue the certificates of completed enrolments that have none yet. Returns how many were issued."""
    issued = 0
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False).select_related("user", "course"):
        _certificate, created = issuing.issue_certificate(enrolment.user, **certificate_claims(enrolment))
        issued += created
    return issued


def connect():
    course_completed.connect(issue_for_completion, dispatch_uid="certificates.issue_for_completion")
