import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses.models import CourseIndexPage, CoursePage
from courses.setup import WORKFLOW_NAME

from tests.conftest import make_user
from course_builders import competencies  # noqa: F401  (fixture)
from lms.accounts.models import Role

pytestmark = pytest.mark.django_db


def catalogue():
    return CourseIndexPage.objects.get()


def test_the_catalogue_and_its_review_workflow_exist_after_migrate():
    page = catalogue()
    assert page.get_parent().depth == 2
    assert page.get_workflow().name == WORKFLOW_NAME


def test_trainers_may_write_courses_but_not_publish_or_edit_other_pages(trainer):
    home = Page.objects.get(depth=2)
    on_catalogue = catalogue().permissions_for_user(trainer)
    assert on_catalogue.can_add_subpage() and on_catalogue.can_edit()
    assert not on_catalogue.can_publish()
    assert not home.permissions_for_user(trainer).can_edit()
    assert not home.permissions_for_user(trainer).can_add_subpage()


def test_trainer_in_the_admin(client, trainer):
    client.force_login(trainer)
    home = Page.objects.get(depth=2)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    add = client.get(reverse("wagtailadmin_pages:add_subpage", args=[catalogue().pk]), follow=True)
    assert add.status_code == 200 and add.redirect_chain[-1][0] == reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", catalogue().pk])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_courses_h5pactivity:add")).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_courses_competency:add")).status_code in (302, 403)


def test_a_vp_has_no_admin(client, vp):
    client.force_login(vp)
    assert client.get(reverse("wagtailadmin_home")).status_code in (302, 403)


def submit_for_review(page, user):
    revision = page.save_revision(user=user)
    return page.get_workflow().start(page, user=user), revision


def test_a_second_trainer_approves_and_the_course_goes_live(client, trainer, competencies):  # noqa: F811
    reviewer = make_user("tweede-trainer@example.test", Role.TRAINER)
    draft = CoursePage(title="Nieuwe cursus", slug="nieuwe-cursus", summary="Over melders.", live=False)
    catalogue().add_child(instance=draft)
    state, _revision = submit_for_review(draft, trainer)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk])
    client.force_login(trainer)
    assert task_state.task.specific.get_actions(draft, trainer) == []
    client.post(url, {"comment": ""})
    draft.refresh_from_db()
    assert not draft.live  # the author cannot approve their own course
    client.force_login(reviewer)
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302), response.status_code
    draft.refresh_from_db()
    assert draft.live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
