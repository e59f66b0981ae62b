"""Fixtures: a small course with every learner-facing block."""

import pytest

from courses.models import Competency

from course_builders import callout, case, make_course, option, question, reflection, text


@pytest.fixture
def competencies(db):
    return {c.name: c for c in Competency.objects.all()}


@pytest.fixture
def course(competencies):
    """Two required modules: one with two questions, a case and a reflection; one with text and a callout."""
    rolvastheid = competencies["Rolvastheid"]
    return make_course(modules=[
        ("Wat doet een VP", [
            text("t1"),
            question("q1", "Mag een VP bemiddelen tussen melder en beklaagde?", [
                option("Ja, als beide partijen dat willen", feedback="Bemiddelen is het werk van een mediator."),
                option("Nee, een VP is geen mediator", correct=True, feedback="Juist: u blijft naast de melder staan."),
            ], competencies=[rolvastheid]),
            question("q2", "Welke taken horen bij een VP?", [
                option("Opvang", correct=True), option("Onderzoek naar de klacht"), option("Voorlichting", correct=True),
            ], kind="multiple"),
            case("c1"),
            reflection("r1"),
        ], {"competencies": [competencies["Opvang en begeleiding"]]}),
        ("Vertrouwelijkheid", [text("t2"), callout("k1")], {}),
    ])


@pytest.fixture
def enrolled_vp(vp, course):
    from courses import progress

    progress.enrol(vp, course)
    return vp
