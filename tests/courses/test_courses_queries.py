"""Query counts that must not grow with the number of blocks, attempts, modules or courses (no N+1)."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses import progress
from courses.models import ModulePage
from courses.h5p import store

from course_builders import callout, case, competencies, make_course, make_vp, option, question, reflection, text  # noqa: F401
from h5p_fixtures import FIXTURES, fixture_path, require

pytestmark = pytest.mark.django_db


def body(n_questions, activity, tagged):
    blocks = [text("t0"), callout("k0"), case("c0"), reflection("r0"),
              {"type": "h5p", "id": "h0", "value": {"activity": activity.pk, "competencies": [tagged.pk]}}]
    for i in range(n_questions):
        blocks.append(question(f"q{i}", f"Vraag {i}", [option("a", True), option("b")], competencies=[tagged]))
    return blocks


def queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def activity(settings, tmp_path):
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    settings.MEDIA_ROOT = tmp_path
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        return store.import_package(fileobj)


def test_module_page_queries_stay_constant(client, activity, competencies):  # noqa: F811
    vp = make_vp("lerende@example.test")
    client.force_login(vp)
    tagged = competencies["Rolvastheid"]
    small = make_course("Klein", modules=[("M", body(5, activity, tagged), {})])
    big = make_course("Groot", modules=[(f"M{i}", body(15, activity, tagged), {}) for i in range(4)])
    progress.enrol(vp, small)
    progress.enrol(vp, big)
    small_module = small.modules().first().specific
    big_module = big.modules().first().specific
    progress.record_answer(vp, small_module, "q0", ["0"], uuid.uuid4())
    for i in range(15):
        for _ in range(3):
            progress.record_answer(vp, big_module, f"q{i}", ["1"], uuid.uuid4())
    # Page restrictions, module (routing), user with roles, enrolment, answers, reflections, H5P results (from caches:
    # the site with its home page and the catalogue, the session, the competency framework, the module's blocks).
    assert queries(client, big_module.url) == queries(client, small_module.url) == 7


def test_course_page_queries_stay_constant(client, activity, competencies):  # noqa: F811
    vp = make_vp("lerende@example.test")
    client.force_login(vp)
    tagged = competencies["Rolvastheid"]
    small = make_course("Klein", modules=[("M", body(2, activity, tagged), {})])
    big = make_course("Groot", modules=[(f"M{i}", body(6, activity, tagged), {}) for i in range(6)])
    progress.enrol(vp, small)
    progress.enrol(vp, big)
    assert queries(client, big.url) == queries(client, small.url)


def test_module_page_follows_an_edited_competency_framework(activity, competencies):  # noqa: F811
    tagged = competencies["Rolvastheid"]
    course = make_course("Kader", modules=[("M", body(1, activity, tagged), {})])
    module = course.modules().first().specific
    assert ModulePage.objects.get(pk=module.pk).find_block("q0").value["competencies"][0].name == "Rolvastheid"
    tagged.name = "Rolvastheid en onafhankelijkheid"
    tagged.save()
    assert ModulePage.objects.get(pk=module.pk).find_block("q0").value["competencies"][0].name == tagged.name
    tagged.delete()
    assert ModulePage.objects.get(pk=module.pk).find_block("q0").value["competencies"][0] is None


def test_routing_below_the_catalogue(client, activity, competencies):  # noqa: F811
    course = make_course("Route", modules=[("Eerste", body(1, activity, competencies["Rolvastheid"]), {})])
    module = course.modules().first().specific
    vp = make_vp("route@example.test")
    progress.enrol(vp, course)
    client.force_login(vp)
    assert client.get(course.url).status_code == 200
    assert client.get(module.url).status_code == 200
    assert client.get(f"{module.url}verder/").status_code == 404
    assert client.get(f"{course.url}bestaat-niet/").status_code == 404
    module.unpublish()
    assert client.get(module.url).status_code == 404


def test_course_and_module_pages_keep_wagtails_view_restrictions(client, competencies):  # noqa: F811
    """Restrictions are looked up in one query (courses.models.ViewRestrictionsInOneQuery): on the page, its
    ancestors, and for aliases the pages they are aliases of."""
    group = Group.objects.create(name="Alleen voor deze groep")
    course = make_course("Besloten", modules=[("Eerste", [text("t0")], {})])
    module = course.modules().first().specific
    alias = course.create_alias(recursive=True, update_slug="besloten-kopie")  # before the restriction: not copied
    alias_module = ModulePage.objects.get(alias_of=module)
    vp = make_vp("besloten@example.test")
    progress.enrol(vp, course)
    client.force_login(vp)
    assert client.get(module.url).status_code == 200
    assert client.get(alias.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    assert not alias.view_restrictions.exists()
    for url in (course.url, module.url, alias.url, alias_module.url):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], (url, response.status_code)
    vp.groups.add(group)
    assert client.get(module.url).status_code == 200
    assert client.get(alias.url).status_code == 200
