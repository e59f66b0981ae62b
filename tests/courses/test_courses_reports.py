import csv
import io
import uuid

import pytest
from django.urls import reverse

from courses import progress
from courses.reports import course_report

from course_builders import competencies, course, make_vp  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def answer(user, module, block_id, selected):
    progress.record_answer(user, module, block_id, selected, uuid.uuid4())


@pytest.fixture
def activity_in_course(course):
    first = course.modules().first().specific
    a, b = make_vp("a@example.test"), make_vp("b@example.test")
    for learner in (a, b):
        progress.enrol(learner, course)
    answer(a, first, "q1", ["0"])
    answer(a, first, "q1", ["1"])
    answer(a, first, "q2", ["0", "2"])
    answer(b, first, "q1", ["0"])
    answer(b, first, "q2", ["1"])
    progress.save_reflection(a, first, "r1", "Geheime gedachte over mijn werkgever")
    progress.complete_module(a, first)
    return course


def test_report_counts_enrolments_scores_and_wrong_answers(activity_in_course):
    report = course_report(activity_in_course)
    assert (report["enrolments"], report["completed"]) == (2, 0)
    first = report["modules"][0]
    assert (first["started"], first["completed"], first["average"]) == (1, 1, 1.0)
    q1 = next(row for row in report["questions"] if row["block_id"] == "q1")
    assert (q1["attempts"], q1["learners"], q1["wrong"]) == (3, 2, 2)
    assert q1["average"] == pytest.approx(1 / 3)
    assert [row["block_id"] for row in report["most_wrong"]] == ["q1", "q2"]


def test_trainers_see_reports_and_vps_do_not(client, trainer, vp, activity_in_course):
    url = reverse("courses:report", args=[activity_in_course.pk])
    client.force_login(vp)
    assert client.get(url).status_code == 403
    assert client.get(reverse("courses:reports")).status_code == 403
    client.force_login(trainer)
    html = client.get(url).content.decode()
    assert "Mag een VP bemiddelen tussen melder en beklaagde?" in html
    assert "Geheime gedachte" not in html
    assert activity_in_course.title in client.get(reverse("courses:reports")).content.decode()


def test_report_as_csv(client, trainer, activity_in_course):
    client.force_login(trainer)
    response = client.get(reverse("courses:report", args=[activity_in_course.pk]), {"formaat": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["inschrijvingen", "2"] in rows
    assert ["Wat doet een VP", "Mag een VP bemiddelen tussen melder en beklaagde?", "vraag", "3", "2", "33", "67", ""] in rows
    assert "Geheime gedachte" not in response.content.decode("utf-8-sig")
