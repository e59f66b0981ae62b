import pytest
from django.core.exceptions import ValidationError

from courses.blocks import QuestionBlock
from courses.models import Competency, CourseIndexPage, CoursePage, ModulePage

from course_builders import competencies, course  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_competency_framework_is_seeded_with_lvv_tasks_activities_and_attitudes():
    names = {kind: set(Competency.objects.filter(kind=kind).values_list("name", flat=True)) for kind in ("task", "activity", "attitude")}
    assert names["task"] == {"Opvang en begeleiding", "Voorlichting", "Gevraagd en ongevraagd adviseren"}
    assert {"Melder opvangen", "Vervolgstappen", "Nazorg", "Doorverwijzen", "Signaleren", "Adviseren",
            "Voorlichting geven", "Registreren", "Jaarverslag"} == names["activity"]
    assert names["attitude"] == {"Vakbekwaamheid", "Onafhankelijkheid", "Benaderbaarheid", "Vertrouwelijkheid", "Rolvastheid"}


def test_page_tree_rules():
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_subpage_models() == []
    assert ModulePage.allowed_parent_page_models() == [CoursePage]


@pytest.mark.parametrize("kind, correct_flags, message", [
    ("true_false", [True, True], "precies twee antwoorden"),
    ("true_false", [True, False, False], "precies twee antwoorden"),
    ("single", [True, True], "precies één antwoord"),
    ("single", [False, False], "precies één antwoord"),
    ("multiple", [False, False], "minstens één"),
])
def test_question_block_refuses_an_impossible_answer_key(kind, correct_flags, message):
    block = QuestionBlock()
    value = block.to_python({
        "question": "Vraag?", "kind": kind, "explanation": "", "competencies": [],
        "options": [{"text": f"Antwoord {i}", "correct": flag, "feedback": ""} for i, flag in enumerate(correct_flags)],
    })
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert message in str(error.value.non_block_errors.as_data()[0].message)


def test_question_block_accepts_a_proper_true_false():
    block = QuestionBlock()
    value = block.to_python({
        "question": "Een VP doet onderzoek naar klachten.", "kind": "true_false", "explanation": "", "competencies": [],
        "options": [{"text": "Waar", "correct": False, "feedback": ""}, {"text": "Niet waar", "correct": True, "feedback": ""}],
    })
    assert block.clean(value)["kind"] == "true_false"


def test_course_shows_the_competencies_of_its_modules_and_questions(client, course):
    covered = set(course.competencies().values_list("name", flat=True))
    assert covered == {"Opvang en begeleiding", "Rolvastheid"}
    html = client.get(course.url).content.decode()
    assert "Competenties in deze cursus" in html
    assert "Rolvastheid" in html and "Opvang en begeleiding" in html
    assert "Onafhankelijkheid" not in html


def test_catalogue_lists_live_courses_only(client, course):
    draft = CoursePage(title="Nog in concept", slug="concept", summary="x", live=False)
    CourseIndexPage.objects.get().add_child(instance=draft)
    html = client.get(CourseIndexPage.objects.get().url).content.decode()
    assert course.title in html
    assert "Nog in concept" not in html
