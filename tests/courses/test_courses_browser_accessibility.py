"""WCAG 2.1 AA checks by axe-core on the course and intervisie pages, with the demo data, on a desktop and a phone."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses import demo as course_demo
from courses.models import CoursePage
from intervisie import demo as intervisie_demo
from intervisie import schedule
from intervisie.models import Group
from lms.accounts.models import User
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible

from live_server import chromium_page, live_daphne, log_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(live_daphne):  # noqa: F811
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    return live_daphne


def check(page, base, axe_violations, *paths):
    """Each path on a desktop and on a phone."""
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for path in paths:
            if path is not None:
                page.goto(base + path)
            assert_accessible(page, axe_violations, f"{path or page.url} ({viewport})")


def submit_first(page, selector, button):
    form = page.locator(selector).first
    form.locator("input[name=keuze]").first.check()
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()


def test_course_pages(demo_site, chromium_page, axe_violations):  # noqa: F811
    page = chromium_page
    course = CoursePage.objects.get(slug=course_demo.SLUG)
    module = course.modules().first()
    log_in(page, demo_site, User.objects.get(email="marieke@vp-academie.test"))
    check(page, demo_site, axe_violations, "/cursussen/", course.url, module.url, "/account/")

    # The module with the learner's state: a question answered wrong, with its feedback; a case's consequences.
    page.goto(demo_site + module.url)
    submit_first(page, ".vpa-question form", "Controleer mijn antwoord")
    submit_first(page, ".vpa-case form", "Kies en bekijk het gevolg")
    assert page.locator(".vpa-feedback").count() >= 2
    check(page, demo_site, axe_violations, None)

    # The trainer's preview of the module, and the course report.
    page.context.clear_cookies()
    log_in(page, demo_site, User.objects.get(email="trainer@vp-academie.test"))
    check(page, demo_site, axe_violations, module.url, "/leren/rapporten/", f"/leren/rapporten/{course.pk}/",
          f"/leren/cursus/{course.pk}/uitnodigen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Uitnodigen").click()  # empty: the error state
    check(page, demo_site, axe_violations, None)


def test_intervisie_pages(demo_site, chromium_page, axe_violations):  # noqa: F811
    page = chromium_page
    group = Group.objects.get(name=intervisie_demo.GROUP_NAME)
    planned = group.sessions.get()
    (soon,) = schedule.plan_session(group, group.facilitator, timezone.now() + timedelta(minutes=5), 60, planned.method)
    log_in(page, demo_site, group.facilitator)
    check(page, demo_site, axe_violations, "/intervisie/", f"/intervisie/groepen/{group.pk}/",
          f"/intervisie/bijeenkomsten/{planned.pk}/", "/intervisie/uren/", "/intervisie/methoden/", "/intervisie/agenda/")
    page.goto(f"{demo_site}/intervisie/bijeenkomsten/{soon.pk}/ruimte/")
    page.wait_for_selector("#room[data-connected='true']")
    check(page, demo_site, axe_violations, None)
