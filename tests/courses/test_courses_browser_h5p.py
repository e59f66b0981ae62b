import pytest

from courses import progress
from courses.h5p import store
from courses.h5p.models import H5PResult

from course_builders import make_course, make_vp
from lms.accounts.models import Role
from tests.conftest import make_user
from h5p_fixtures import FIXTURES, fixture_path, require, require_player
from live_server import chromium_page, live_daphne, log_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def course_with_true_false():
    """A course whose one module holds the shared TrueFalse as block "tf"."""
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    require_player()
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        activity = store.import_package(fileobj, title="Is dit onwaar?")
    return make_course("Spelen", modules=[("Oefenen", [
        {"type": "h5p", "id": "tf", "value": {"activity": activity.pk, "competencies": []}},
    ], {})])


def test_a_vp_answers_an_h5p_true_false_in_the_real_player(live_daphne, chromium_page):  # noqa: F811
    course = course_with_true_false()
    vp = make_vp("speler@example.test")
    progress.enrol(vp, course)
    module = course.modules().first().specific
    page = chromium_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_daphne, vp)
    page.goto(live_daphne + module.url)
    page.wait_for_selector('iframe[data-h5p-ready="true"]')
    player = page.frame_locator("iframe[data-h5p-block=tf]")
    player.get_by_text("False", exact=True).click()
    player.get_by_role("button", name="Check").click()
    page.wait_for_function("() => document.getElementById('h5p-status-tf').textContent.includes('opgeslagen')")
    result = H5PResult.objects.get()
    assert (result.score, result.self_reported, result.response) == (1.0, False, "false")
    page.reload()
    assert "Uw resultaat: 100%" in page.locator(".vpa-h5p").inner_text()
    assert errors == []


def test_a_trainer_plays_the_activity_in_the_preview_and_nothing_is_recorded(live_daphne, chromium_page):  # noqa: F811
    module = course_with_true_false().modules().first().specific
    page = chromium_page
    errors, posted = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: request.method == "POST" and posted.append(request.url))
    log_in(page, live_daphne, make_user("schrijver@example.test", Role.TRAINER))
    page.goto(live_daphne + module.url)
    page.wait_for_selector('iframe[data-h5p-ready="true"]')
    player = page.frame_locator("iframe[data-h5p-block=tf]")
    player.get_by_text("False", exact=True).click()
    player.get_by_role("button", name="Check").click()
    player.get_by_text("You got 1 of 1 points", exact=True).wait_for()  # the player scored the answer itself
    page.wait_for_timeout(500)  # time for a statement to reach the server, if one were sent
    assert posted == [] and not H5PResult.objects.exists()
    assert errors == []


def test_migrated_data_is_back_after_a_browser_test(db):
    """The browser test flushes the database; serialized rollback restores the home page and competencies."""
    from wagtail.models import Page

    from courses.models import Competency

    assert Page.objects.filter(depth=2).exists()
    assert Competency.objects.count() == 17
