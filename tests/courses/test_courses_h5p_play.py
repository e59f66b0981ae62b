import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses import progress
from courses.h5p import store
from courses.h5p.models import GradingMethod, H5PResult
from courses.models import Enrolment, ModulePage
from lms.accounts.models import Role
from lms.accounts.roles import revoke_role

from course_builders import competencies, make_course, make_vp  # noqa: F401  (fixtures)
from h5p_fixtures import FIXTURES, fixture_path, require, require_player

pytestmark = pytest.mark.django_db
SCS_IDS = ["51445ea9-9c98-437a-8981-72d46d6e86c4", "95b60491-e203-4bc5-956c-89e966b1005d", "aa694288-df4d-4ed3-8f81-f47fa3d27fe4"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def activities(db):
    result = {}
    for name in ("H5P.TrueFalse", "H5P.MultiChoice", "H5P.SingleChoiceSet", "H5P.Essay", "H5P.Accordion"):
        with fixture_path(name).open("rb") as fileobj:
            result[name.split(".")[1]] = store.import_package(fileobj)
    return result


def h5p_block(block_id, activity):
    return {"type": "h5p", "id": block_id, "value": {"activity": activity.pk, "competencies": []}}


@pytest.fixture
def module(activities, competencies):  # noqa: F811
    course = make_course("Met H5P", modules=[("Oefenen", [h5p_block(key.lower(), a) for key, a in activities.items()], {})])
    return course.modules().first().specific


@pytest.fixture
def learner(module):
    vp = make_vp("speler@example.test")
    progress.enrol(vp, module.get_parent().specific)
    return vp


def statement(response=None, raw=None, maximum=1, verb="answered", statement_id=None, sub_content=None, parent=False, completion=True):
    result = {"completion": completion}
    if response is not None:
        result["response"] = response
    if raw is not None:
        result["score"] = {"raw": raw, "max": maximum, "scaled": raw / maximum}
    data = {
        "id": str(statement_id or uuid.uuid4()),
        "actor": {"account": {"name": "willekeurig"}},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": "http://speler/h5p" + (f"?subContentId={sub_content}" if sub_content else "")},
        "result": result,
    }
    if parent:
        data["context"] = {"contextActivities": {"parent": [{"id": "http://speler/h5p"}]}}
    return data


def send(client, module, block_id, data):
    return client.post(reverse("courses:h5p_statement", args=[module.pk, block_id]),
                       json.dumps({"statement": data}), content_type="application/json")


def player_url(client, module, block_id):
    html = client.get(module.url).content.decode()
    marker = f'data-h5p-block="{block_id}"'
    tag = html[html.rindex("<iframe", 0, html.index(marker)):html.index(marker)]
    assert 'sandbox="allow-scripts"' in tag
    return tag.split('src="')[1].split('"')[0]


def test_module_page_frames_the_player_in_a_sandbox(client, module, learner):
    client.force_login(learner)
    url = player_url(client, module, "truefalse")
    assert url.startswith("/leren/h5p/")


def test_player_page_is_isolated_and_needs_no_cookie(client, module, learner):
    client.force_login(learner)
    url = player_url(client, module, "truefalse")
    anonymous = Client()  # a sandboxed frame sends no cookies: the signed URL is the key
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox allow-scripts;")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Access-Control-Allow-Origin"] == "*"
    html = response.content.decode()
    assert "speler/main.bundle.js" in html and "<script>" not in html  # no inline scripts


def test_player_files_through_the_signed_url(client, module, learner, activities):
    client.force_login(learner)
    url = player_url(client, module, "truefalse")
    anonymous = Client()
    h5p_json = anonymous.get(url + "h5p.json")
    assert h5p_json.json()["mainLibrary"] == "H5P.TrueFalse"
    assert anonymous.get(url + "content/content.json").json()["correct"] == "false"
    script = anonymous.get(url + "libraries/H5P.TrueFalse-1.6/scripts/h5p-true-false.js")
    assert script.status_code == 200 and script["Content-Type"] == "text/javascript"
    assert script["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(script.streaming_content).startswith(b"")
    # a library of another activity, traversal and unknown places are not served
    assert anonymous.get(url + "libraries/H5P.MultiChoice-1.14/library.json").status_code == 404
    assert anonymous.get(url + "libraries/../content/content.json").status_code == 404
    assert anonymous.get(url + "libraries/H5P.TrueFalse-1.6/../../../settings.py").status_code == 404
    assert anonymous.options(url + "h5p.json")["Access-Control-Allow-Origin"] == "*"
    require_player()
    bundle = anonymous.get(url + "speler/main.bundle.js")
    assert bundle.status_code == 200


def test_player_urls_expire_and_cannot_be_forged(client, module, learner, settings):
    client.force_login(learner)
    url = player_url(client, module, "truefalse")
    assert Client().get(url[:-3] + "xx/").status_code == 404
    settings.H5P_URL_MAX_AGE = -1
    assert Client().get(url).status_code == 404
    settings.H5P_URL_MAX_AGE = 1800
    Enrolment.objects.filter(user=learner).delete()  # no longer enrolled: the link dies with it
    assert Client().get(url + "h5p.json").status_code == 404


def test_a_trainer_plays_an_activity_in_a_preview_and_nothing_is_recorded(client, module, trainer):
    client.force_login(trainer)
    html = client.get(module.url).content.decode()
    assert "antwoorden worden niet opgeslagen" in html
    assert "data-xapi-url" not in html  # the module page sends no statements from a preview
    url = player_url(client, module, "truefalse")
    anonymous = Client()
    assert anonymous.get(url).status_code == 200
    assert anonymous.get(url + "content/content.json").json()["correct"] == "false"
    revoke_role(trainer, Role.TRAINER)  # the preview link dies with the role
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(url + "h5p.json").status_code == 404
    assert not Enrolment.objects.exists() and not H5PResult.objects.exists()


def test_true_false_is_rescored_on_the_server(client, module, learner):
    client.force_login(learner)
    # content.json says the right answer is "false": "true" is wrong, whatever score the player claims
    forged = send(client, module, "truefalse", statement(response="true", raw=1))
    assert forged.status_code == 201 and forged.json()["score"] == 0.0
    right = send(client, module, "truefalse", statement(response="false", raw=0))
    assert right.json()["score"] == 1.0
    stored = H5PResult.objects.order_by("pk")
    assert [(r.score, r.reported_score, r.self_reported) for r in stored] == [(0.0, 1.0, False), (1.0, 0.0, False)]


def test_a_forged_score_under_a_known_id_changes_nothing(client, module, learner):
    client.force_login(learner)
    statement_id = uuid.uuid4()
    first = send(client, module, "truefalse", statement(response="true", raw=0, statement_id=statement_id))
    assert first.status_code == 201 and first.json()["score"] == 0.0
    forged = send(client, module, "truefalse", statement(response="false", raw=1, statement_id=statement_id))
    assert forged.status_code == 200 and forged.json()["score"] == 0.0
    assert H5PResult.objects.get().score == 0.0 and H5PResult.objects.count() == 1


def test_multi_choice_is_rescored_with_its_own_rule(client, module, learner):
    client.force_login(learner)
    scores = [send(client, module, "multichoice", statement(response=r, raw=1)).json()["score"] for r in ("0", "0[,]1", "2")]
    assert scores == [1.0, 0.0, 0.0]
    assert send(client, module, "multichoice", statement(response="9", raw=1)).json()["score"] is None


def test_single_choice_set_is_scored_from_its_questions(client, module, learner):
    client.force_login(learner)
    for sub_id, response in zip(SCS_IDS, ["0", "2", "0"]):
        child = send(client, module, "singlechoiceset", statement(response=response, raw=1, sub_content=sub_id, parent=True))
        assert child.status_code == 201
    whole = send(client, module, "singlechoiceset", statement(verb="completed", raw=3, maximum=3))
    assert whole.json()["score"] == pytest.approx(2 / 3)
    # a new attempt counts only its own answers
    send(client, module, "singlechoiceset", statement(response="0", sub_content=SCS_IDS[0], parent=True))
    again = send(client, module, "singlechoiceset", statement(verb="completed", raw=3, maximum=3))
    assert again.json()["score"] == pytest.approx(1 / 3)


def test_other_types_are_stored_as_self_reported(client, module, learner):
    client.force_login(learner)
    essay = send(client, module, "essay", statement(response="Mijn antwoord", raw=3, maximum=4))
    assert essay.json() == {"score": 0.75, "self_reported": True, "message": "Uw resultaat is opgeslagen: 75%."}
    html = client.get(module.url).content.decode()
    assert "door de activiteit zelf gemeld" in html


def test_statements_without_a_result_are_not_stored(client, module, learner):
    client.force_login(learner)
    data = statement(verb="interacted", completion=None)
    data.pop("result")
    assert send(client, module, "truefalse", data).status_code == 204
    assert not H5PResult.objects.exists()


@pytest.mark.parametrize("data, reason", [
    ({"verb": {"id": "x"}}, "geen geldig id"),
    ({"id": "geen-uuid", "verb": {"id": "x"}}, "geen geldig id"),
    ({"id": str(uuid.uuid4())}, "geen werkwoord"),
    ("tekst", "onleesbaar"),
])
def test_malformed_statements_are_refused(client, module, learner, data, reason):
    client.force_login(learner)
    response = send(client, module, "truefalse", data)
    assert response.status_code == 400 and reason in response.json()["error"]


def test_only_enrolled_learners_and_this_courses_activities(client, module, learner):
    outsider = make_vp("buiten@example.test")
    client.force_login(outsider)
    assert send(client, module, "truefalse", statement(response="false")).status_code == 403
    client.force_login(learner)
    assert send(client, module, "bestaat-niet", statement(response="false")).status_code == 400
    assert not H5PResult.objects.exists()
    anonymous = Client()
    assert anonymous.post(reverse("courses:h5p_statement", args=[module.pk, "truefalse"]), "{}", content_type="application/json").status_code == 403


def test_csrf_is_required_for_statements(module, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert send(client, module, "truefalse", statement(response="false")).status_code == 403


def test_statements_after_the_course_closed_are_refused(client, module, learner):
    course = module.get_parent().specific
    course.closes_at = timezone.now() - timedelta(minutes=1)
    course.save()
    client.force_login(learner)
    response = send(client, ModulePage.objects.get(pk=module.pk), "truefalse", statement(response="false"))
    assert response.status_code == 409 and "gesloten" in response.json()["error"]


@pytest.mark.parametrize("method, expected", [(GradingMethod.BEST, 1.0), (GradingMethod.LAST, 0.0), (GradingMethod.AVERAGE, 0.5)])
def test_grading_method_per_activity(client, module, learner, activities, method, expected):
    from courses.scoring import module_result

    activities["TrueFalse"].grading_method = method
    activities["TrueFalse"].save()
    client.force_login(learner)
    send(client, module, "truefalse", statement(response="false"))
    send(client, module, "truefalse", statement(response="true"))
    enrolment = Enrolment.objects.get(user=learner)
    assert module_result(enrolment, ModulePage.objects.get(pk=module.pk)).scores["truefalse"] == expected


def test_an_unscored_activity_counts_once_completed(client, module, learner):
    from courses.scoring import module_result

    client.force_login(learner)
    send(client, module, "accordion", statement(verb="completed"))
    result = module_result(Enrolment.objects.get(user=learner), ModulePage.objects.get(pk=module.pk))
    assert result.scores["accordion"] == 1.0 and "accordion" in result.self_reported


def test_an_h5p_activity_must_be_passed_by_its_own_standard(client, activities, competencies):  # noqa: F811
    activities["TrueFalse"].pass_percentage = 100
    activities["TrueFalse"].save()
    course = make_course("Alleen H5P", pass_percentage=0, modules=[("Stelling", [h5p_block("tf", activities["TrueFalse"])], {})])
    module = course.modules().first().specific
    vp = make_vp("stelling@example.test")
    progress.enrol(vp, course)
    client.force_login(vp)
    with pytest.raises(progress.ProgressError, match="Beantwoord eerst"):
        progress.complete_module(vp, module)
    send(client, module, "tf", statement(response="true", raw=1))  # wrong, whatever the player claims
    with pytest.raises(progress.ProgressError, match="nog niet gehaald"):
        progress.complete_module(vp, module)
    send(client, module, "tf", statement(response="false"))
    assert progress.complete_module(vp, module).completed_at is not None
