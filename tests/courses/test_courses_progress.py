import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from courses import progress
from courses.models import Answer, CompletionRule, Enrolment, ModulePage, ModuleProgress, Reflection
from courses.signals import course_completed
from lms.accounts.models import Role

from course_builders import (  # noqa: F401  (fixtures)
    competencies, course, enrolled_vp, make_course, make_vp, option, question
)

pytestmark = pytest.mark.django_db


def first_module(course):
    return course.modules().first().specific


def answer(user, module, block_id, selected, submission_id=None):
    return progress.record_answer(user, module, block_id, selected, submission_id or uuid.uuid4())


def test_a_vp_enrols_once(vp, course):
    first = progress.enrol(vp, course)
    again = progress.enrol(vp, course)
    assert first.pk == again.pk
    assert Enrolment.objects.count() == 1


def test_only_vps_enrol(trainer, course):
    with pytest.raises(progress.ProgressError, match="Alleen vertrouwenspersonen"):
        progress.enrol(trainer, course)
    assert not Enrolment.objects.exists()


def test_invitation_only_course_needs_an_invitation(vp, trainer, course):
    course.open_enrolment = False
    course.save()
    with pytest.raises(progress.ProgressError, match="uitnodiging"):
        progress.enrol(vp, course)
    progress.invite(course, trainer, vp)
    assert progress.enrol(vp, course).invited_by == trainer


def test_an_employer_may_invite_only_its_linked_vps(linked_vp, other_vp, employer_admin, course):
    progress.invite(course, employer_admin, linked_vp)
    with pytest.raises(progress.ProgressError):
        progress.invite(course, employer_admin, other_vp)


def test_closed_course_refuses_enrolment(vp, course):
    course.closes_at = timezone.now() - timedelta(minutes=1)
    course.save()
    with pytest.raises(progress.ProgressError, match="gesloten"):
        progress.enrol(vp, course)


def test_questions_are_scored_on_the_server(enrolled_vp, course):
    module = first_module(course)
    wrong, _ = answer(enrolled_vp, module, "q1", ["0"])
    right, _ = answer(enrolled_vp, module, "q1", ["1"])
    partly, _ = answer(enrolled_vp, module, "q2", ["0"])
    full, _ = answer(enrolled_vp, module, "q2", ["2", "0"])
    assert (wrong.score, right.score, partly.score, full.score) == (0.0, 1.0, 0.0, 1.0)
    assert Answer.objects.filter(block_id="q1").count() == 2  # attempts are kept


def test_the_same_submission_is_stored_once(enrolled_vp, course):
    module = first_module(course)
    submission = uuid.uuid4()
    first, created = answer(enrolled_vp, module, "q1", ["1"], submission)
    again, created_again = answer(enrolled_vp, module, "q1", ["0"], submission)  # a retry of the same form
    assert created and not created_again
    assert again.pk == first.pk and again.score == 1.0
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("selected, message", [
    ([], "Kies eerst een antwoord"),
    (["7"], "kennen we niet"),
    (["abc"], "kennen we niet"),
    (["0", "1"], "Kies één antwoord"),
])
def test_bad_answers_are_refused_with_a_message(enrolled_vp, course, selected, message):
    with pytest.raises(progress.ProgressError, match=message):
        answer(enrolled_vp, first_module(course), "q1", selected)
    assert not Answer.objects.exists()


def test_unknown_block_and_unenrolled_learner_are_refused(enrolled_vp, other_vp, course):
    module = first_module(course)
    with pytest.raises(progress.ProgressError, match="bestaat niet"):
        answer(enrolled_vp, module, "t1", ["0"])  # a text block is not a question
    with pytest.raises(progress.ProgressError, match="niet ingeschreven"):
        answer(other_vp, module, "q1", ["1"])
    assert not Answer.objects.exists()


def test_answers_after_the_course_closed_are_refused_and_earlier_ones_kept(enrolled_vp, course):
    module = first_module(course)
    answer(enrolled_vp, module, "q1", ["1"])
    course.closes_at = timezone.now() - timedelta(seconds=1)
    course.save()
    module = ModulePage.objects.get(pk=module.pk)
    with pytest.raises(progress.ProgressError, match="gesloten"):
        answer(enrolled_vp, module, "q1", ["0"])
    assert list(Answer.objects.values_list("score", flat=True)) == [1.0]


def test_case_choice_is_recorded_without_a_score(enrolled_vp, course):
    choice, _ = answer(enrolled_vp, first_module(course), "c1", ["1"])
    assert choice.block_type == "case" and choice.score is None


def test_reflection_is_saved_and_replaced(enrolled_vp, course):
    module = first_module(course)
    progress.save_reflection(enrolled_vp, module, "r1", "Ik merk dat ik snel wil oplossen.")
    progress.save_reflection(enrolled_vp, module, "r1", "Ik wil minder snel oplossen.")
    assert list(Reflection.objects.values_list("text", flat=True)) == ["Ik wil minder snel oplossen."]
    with pytest.raises(progress.ProgressError, match="Schrijf eerst"):
        progress.save_reflection(enrolled_vp, module, "r1", "   ")


def test_module_needs_a_passing_score_under_the_passed_rule(enrolled_vp, course):
    module = first_module(course)
    with pytest.raises(progress.ProgressError, match="Beantwoord eerst"):
        progress.complete_module(enrolled_vp, module)
    answer(enrolled_vp, module, "q1", ["1"])
    answer(enrolled_vp, module, "q2", ["0"])
    with pytest.raises(progress.ProgressError, match="50%"):
        progress.complete_module(enrolled_vp, module)
    answer(enrolled_vp, module, "q2", ["0", "2"])  # the best attempt counts
    done = progress.complete_module(enrolled_vp, module)
    assert done.completed_at and done.score == 1.0


def test_course_completes_once_and_announces_it(enrolled_vp, course, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, enrolment, **kwargs):
        received.append(enrolment)

    course_completed.connect(listener)
    try:
        first, second = [m.specific for m in course.modules()]
        answer(enrolled_vp, first, "q1", ["1"])
        answer(enrolled_vp, first, "q2", ["0", "2"])
        with django_capture_on_commit_callbacks(execute=True):
            progress.complete_module(enrolled_vp, first)
        assert received == []
        assert Enrolment.objects.get().completed_at is None
        with django_capture_on_commit_callbacks(execute=True):
            progress.complete_module(enrolled_vp, second)
            progress.complete_module(enrolled_vp, second)  # twice: still one announcement
        assert len(received) == 1 and received[0].user == enrolled_vp
        assert Enrolment.objects.get().completed_at is not None
    finally:
        course_completed.disconnect(listener)


def test_viewed_rule_completes_without_answers_but_a_final_assessment_must_be_passed(vp, competencies):
    course = make_course("Kennismaken", completion_rule=CompletionRule.VIEWED, modules=[
        ("Inleiding", [question("q1", "Vraag", [option("a", True), option("b")])], {}),
        ("Eindtoets", [question("e1", "Toetsvraag", [option("a"), option("b", True)])], {"is_final_assessment": True}),
        ("Verdieping", [], {"required": False}),
    ])
    progress.enrol(vp, course)
    intro, final, extra = [m.specific for m in course.modules()]
    progress.complete_module(vp, intro)
    with pytest.raises(progress.ProgressError, match="Beantwoord eerst"):
        progress.complete_module(vp, final)
    answer(vp, final, "e1", ["1"])
    progress.complete_module(vp, final)
    assert Enrolment.objects.get().completed_at is not None  # the optional module is not needed
    assert ModuleProgress.objects.filter(module=extra).count() == 0


def test_view_module_remembers_where_the_learner_was(enrolled_vp, course):
    second = course.modules().last().specific
    progress.view_module(enrolled_vp, second)
    progress.view_module(enrolled_vp, second)
    assert Enrolment.objects.get().last_module_id == second.pk
    assert ModuleProgress.objects.count() == 1


def test_a_trainer_is_not_a_learner(trainer, course):
    assert not trainer.has_role(Role.VP)
    with pytest.raises(progress.ProgressError):
        progress.view_module(trainer, first_module(course))


def test_inactive_user_cannot_enrol(course):
    user = make_vp("weg@example.test")
    user.is_active = False
    user.save()
    with pytest.raises(progress.ProgressError):
        progress.enrol(user, course)
