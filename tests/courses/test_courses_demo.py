import io

import pytest
from django.core.management import call_command

from courses import demo
from courses.models import CompletionRule, CoursePage, Enrolment, ModulePage

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_one_published_course_and_is_idempotent():
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    assert course.live and course.title == "De rol van de vertrouwenspersoon"
    modules = [m.specific for m in course.modules()]
    assert len(modules) == 5 and ModulePage.objects.count() == 5
    assert [m.title for m in modules] == [
        "Uw rol: curatief en preventief", "Het wettelijk kader", "Onafhankelijkheid en loyaliteitsconflicten",
        "Opvang en doorverwijzing van een melder", "Vertrouwelijkheid en privacy",
    ]
    for module in modules:
        types = [block.block_type for block in module.body]
        assert types[0] == "text", module.title  # a short introduction first
        assert types.count("question") >= 2 and types.count("case") == 1, module.title
        assert not module.blocks_of("h5p")  # the shared H5P packages are test fixtures, never demo content
    assert Enrolment.objects.filter(user__email="marieke@vp-academie.test", course=course).count() == 1
    names = set(course.competencies().values_list("name", flat=True))
    assert {"Rolvastheid", "Onafhankelijkheid", "Vertrouwelijkheid", "Melder opvangen", "Vakbekwaamheid"} <= names


def test_every_demo_case_recommends_one_explained_choice():
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    for module in course.modules().specific():
        for block in module.blocks_of("case"):
            choices = block.value["choices"]
            assert len(choices) >= 2 and sum(1 for choice in choices if choice["recommended"]) == 1
            assert all(choice["consequence"] for choice in choices)
        for block in module.blocks_of("question"):
            assert all(option["feedback"] for option in block.value["options"]), block.id


def test_every_demo_question_has_a_valid_answer_key():
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    for module in course.modules().specific():
        for block in module.blocks_of("question"):
            block.block.clean(block.value)  # the same check as in the admin


def test_the_demo_course_can_be_completed_with_the_right_answers(vp):
    import uuid

    from courses import progress

    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    assert course.completion_rule == CompletionRule.PASSED
    progress.enrol(vp, course)
    for module in course.modules().specific():
        for block in module.blocks_of("question"):
            right = [i for i, option in enumerate(block.value["options"]) if option["correct"]]
            progress.record_answer(vp, module, block.id, right, uuid.uuid4())
        progress.complete_module(vp, module)
    assert Enrolment.objects.get(user=vp, course=course).completed_at is not None


def test_demo_pages_render_for_the_enrolled_demo_vp(client):
    from lms.accounts.models import User

    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    client.force_login(User.objects.get(email="marieke@vp-academie.test"))
    html = client.get(course.url).content.decode()
    assert "Competenties in deze cursus" in html and "Verder waar u was" in html
    for module in course.modules():
        page = client.get(module.url)
        assert page.status_code == 200
        assert "Module afronden" in page.content.decode()
    assert "De rol van de vertrouwenspersoon" in client.get("/account/").content.decode()
