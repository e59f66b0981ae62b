"""Builders and fixtures for course tests: catalogue > course > modules with blocks as stored stream data.

Test modules import the fixtures they use from here (a conftest.py here would shadow tests/conftest.py).
"""

import pytest
from wagtail.models import Page

from lms.accounts.models import Role, User
from lms.accounts.roles import grant_role
from courses.models import Competency, CourseIndexPage, CoursePage, ModulePage


def option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def question(block_id, text, options, kind="single", competencies=(), explanation="Uitleg bij de vraag."):
    return {"type": "question", "id": block_id, "value": {
        "question": text, "kind": kind, "options": options, "explanation": explanation,
        "competencies": [c.pk for c in competencies],
    }}


def case(block_id, title="Een melder belt"):
    return {"type": "case", "id": block_id, "value": {
        "title": title, "situation": "<p>Een medewerker belt over een collega.</p>", "question": "Wat doet u?",
        "choices": [
            {"text": "Luisteren en de vraag verhelderen", "consequence": "De melder voelt zich gehoord.", "recommended": True},
            {"text": "De collega direct aanspreken", "consequence": "U neemt de regie over en schaadt het vertrouwen.", "recommended": False},
        ],
        "competencies": [],
    }}


def reflection(block_id):
    return {"type": "reflection", "id": block_id, "value": {"prompt": "Wat valt u op aan uw eigen rol?", "guidance": ""}}


def text(block_id, html="<p>Een vertrouwenspersoon luistert.</p>"):
    return {"type": "text", "id": block_id, "value": html}


def callout(block_id):
    return {"type": "callout", "id": block_id, "value": {"title": "Wat doet een vertrouwenspersoon niet?", "text": "<p>Geen onderzoek doen.</p>"}}


def home_page():
    return Page.objects.get(depth=2).specific


def make_catalogue():
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    catalogue = CourseIndexPage(title="Cursussen", slug="cursussen", introduction="Alle cursussen.")
    home_page().add_child(instance=catalogue)
    return catalogue


def make_course(title="Rolzuiverheid", slug=None, modules=None, **fields):
    catalogue = make_catalogue()
    course = CoursePage(title=title, slug=slug or title.lower().replace(" ", "-"), summary="Over de rol van de VP.", **fields)
    catalogue.add_child(instance=course)
    for index, (module_title, body, extra) in enumerate(modules or []):
        module = ModulePage(title=module_title, slug=f"module-{index + 1}", body=body, **extra)
        course.add_child(instance=module)
    return CoursePage.objects.get(pk=course.pk)


def make_vp(email):
    user = User.objects.create_user(email, "een-lang-wachtwoord-1", first_name="Test", last_name="VP")
    grant_role(user, Role.VP)
    return user


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
