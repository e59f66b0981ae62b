"""Module bodies kept per process (courses/bodies.py): used again only while the stored body and what its blocks refer
to are unchanged, in this process or another."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import bodies, progress
from courses.h5p.models import H5PActivity
from lms.accounts.models import User

from course_builders import competencies, make_course, make_vp, question, option, text  # noqa: F401
from test_courses_queries import activity  # noqa: F401

pytestmark = pytest.mark.django_db


def page(client, module):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(module.url)
    assert response.status_code == 200
    return response.content.decode(), len(captured.captured_queries)


def without_tokens(content):
    """The page without what differs on every request: CSRF tokens, submission ids and the player's signed URL."""
    content = re.sub(r'name="(csrfmiddlewaretoken|submission_id)" value="[^"]+"', r'name="\1"', content)
    return re.sub(r'<iframe src="[^"]+"', "<iframe", content)


@pytest.fixture
def learner_module(client, activity, competencies):  # noqa: F811
    blocks = [
        text("t0", "<p>Een vertrouwenspersoon luistert.</p>"),
        {"type": "h5p", "id": "h0", "value": {"activity": activity.pk, "competencies": []}},
        question("q0", "Bemiddelt de vertrouwenspersoon?", [option("Ja"), option("Nee", True)],
                 competencies=[competencies["Rolvastheid"]]),
    ]
    course = make_course("Bewaard", modules=[("M", blocks, {})])
    vp = make_vp("bewaard@example.test")
    progress.enrol(vp, course)
    client.force_login(vp)
    return course.modules().first().specific


def test_the_second_request_uses_the_kept_values(client, learner_module):
    page(client, learner_module)
    kept, kept_queries = page(client, learner_module)
    cache.set(bodies.TOKEN_KEY, "a-new-token", None)
    fresh, fresh_queries = page(client, learner_module)
    assert without_tokens(kept) == without_tokens(fresh)
    assert "Bemiddelt de vertrouwenspersoon?" in kept
    assert kept_queries == fresh_queries - 1  # the H5P activities


def test_a_body_saved_in_code_without_a_revision_is_seen(client, learner_module):
    page(client, learner_module)
    raw = list(learner_module.body.raw_data)
    raw[0] = text("t0", "<p>Een vertrouwenspersoon is geen mediator.</p>")
    learner_module.body = raw
    learner_module.save()
    content, _ = page(client, learner_module)
    assert "geen mediator" in content
    assert "luistert" not in content


def test_an_edited_activity_is_seen(client, learner_module, activity):  # noqa: F811
    page(client, learner_module)
    activity.title = "Waar of niet waar: de rol van de VP"
    activity.save()
    content, _ = page(client, learner_module)
    assert "Waar of niet waar: de rol van de VP" in content


def test_a_change_made_by_another_process_is_seen(client, learner_module, activity):  # noqa: F811
    page(client, learner_module)
    # Another process renames the activity: its signals replace the shared token; this process's signals do not run.
    H5PActivity.objects.filter(pk=activity.pk).update(title="Hernoemd in een ander proces")
    content, _ = page(client, learner_module)
    assert "Hernoemd in een ander proces" not in content  # this process keeps its values while the token stands
    cache.set(bodies.TOKEN_KEY, "token-of-the-other-process", None)
    content, _ = page(client, learner_module)
    assert "Hernoemd in een ander proces" in content


def test_a_lost_token_drops_the_kept_values(client, learner_module, activity):  # noqa: F811
    page(client, learner_module)
    H5PActivity.objects.filter(pk=activity.pk).update(title="Na een lege cache")
    cache.delete(bodies.TOKEN_KEY)  # evicted, or the cache restarted
    content, _ = page(client, learner_module)
    assert "Na een lege cache" in content


def test_the_kept_values_are_bounded(client, learner_module, monkeypatch):
    monkeypatch.setattr(bodies, "MAX_MODULES", 1)
    page(client, learner_module)
    other = make_course("Ander", modules=[("N", [text("t0")], {})])
    progress.enrol(User.objects.get(email="bewaard@example.test"), other)
    page(client, other.modules().first().specific)
    assert list(bodies._kept) == [other.modules().first().pk]
