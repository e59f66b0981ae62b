import re

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Answer, Enrolment, Reflection

from course_builders import (  # noqa: F401  (fixtures)
    competencies, course, enrolled_vp, make_course, make_vp, option, question
)

pytestmark = pytest.mark.django_db


def first_module(course):
    return course.modules().first().specific


def submission_id(html, block_id):
    form = html.split(f'id="blok-{block_id}"', 1)[1]
    return re.search(r'name="submission_id" value="([0-9a-f-]+)"', form).group(1)


def test_vp_enrols_from_the_course_page_and_lands_on_the_first_module(client, vp, course):
    client.force_login(vp)
    html = client.get(course.url).content.decode()
    assert "Inschrijven voor deze cursus" in html
    response = client.post(reverse("courses:enrol", args=[course.pk]))
    assert response.status_code == 302 and response["Location"] == first_module(course).url
    assert Enrolment.objects.filter(user=vp, course=course).exists()


def test_module_is_for_enrolled_learners(client, vp, other_vp, course):
    module = first_module(course)
    assert client.get(module.url).status_code == 302  # anonymous: to the login page
    client.force_login(other_vp)
    response = client.get(module.url)
    assert response.status_code == 403
    assert "Schrijf u eerst in" in response.content.decode()
    assert "Mag een VP bemiddelen" not in response.content.decode()


def assert_blocks_as_a_learner_sees_them_without_recording(html):
    assert "antwoorden worden niet opgeslagen" in html
    assert '<legend id="vraag-q1">Mag een VP bemiddelen tussen melder en beklaagde?' in html
    assert 'for="keuze-q1-1">Nee, een VP is geen mediator</label>' in html
    assert 'id="casus-c1"' in html and 'id="tekst-r1"' in html
    # Not Wagtail's dump of the blocks' values, which shows the answer key; no button that would record anything.
    assert "<dl>" not in html and "StructValue" not in html and "correct" not in html
    assert 'type="submit">Controleer mijn antwoord' not in html and "Reflectie opslaan" not in html
    assert "Module afronden" not in html


def test_trainer_previews_a_module_without_recording(client, trainer, course):
    client.force_login(trainer)
    assert_blocks_as_a_learner_sees_them_without_recording(client.get(first_module(course).url).content.decode())
    assert not Enrolment.objects.exists()


def test_the_admin_preview_of_a_module_shows_its_blocks_as_a_learner_sees_them(rf, trainer, course):
    request = rf.get("/beheer/")
    request.user = trainer
    response = first_module(course).make_preview_request(original_request=request)
    assert response.status_code == 200
    assert_blocks_as_a_learner_sees_them_without_recording(response.render().content.decode())
    assert not Enrolment.objects.exists()


def test_answering_in_the_page_shows_feedback_per_option(client, enrolled_vp, course):
    client.force_login(enrolled_vp)
    module = first_module(course)
    html = client.get(module.url).content.decode()
    assert '<legend id="vraag-q1">' in html and 'for="keuze-q1-1"' in html
    response = client.post(reverse("courses:answer", args=[module.pk, "q1"]),
                           {"keuze": "0", "submission_id": submission_id(html, "q1")})
    assert response.status_code == 302 and response["Location"].endswith("#blok-q1")
    html = client.get(module.url).content.decode()
    assert "Nog niet goed." in html
    assert "Bemiddelen is het werk van een mediator." in html
    assert "Juist: u blijft naast de melder staan." not in html  # feedback of the option not chosen stays hidden


def test_a_double_submission_stores_one_answer(client, enrolled_vp, course):
    client.force_login(enrolled_vp)
    module = first_module(course)
    sid = submission_id(client.get(module.url).content.decode(), "q1")
    url = reverse("courses:answer", args=[module.pk, "q1"])
    client.post(url, {"keuze": "1", "submission_id": sid})
    client.post(url, {"keuze": "1", "submission_id": sid})
    assert Answer.objects.count() == 1


def test_bad_answer_gets_a_dutch_message(client, enrolled_vp, course):
    client.force_login(enrolled_vp)
    module = first_module(course)
    sid = submission_id(client.get(module.url).content.decode(), "q1")
    response = client.post(reverse("courses:answer", args=[module.pk, "q1"]), {"submission_id": sid}, follow=True)
    assert "Kies eerst een antwoord." in response.content.decode()
    assert not Answer.objects.exists()


def test_posting_needs_a_csrf_token(enrolled_vp, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(enrolled_vp)
    module = first_module(course)
    response = client.post(reverse("courses:answer", args=[module.pk, "q1"]), {"keuze": "1", "submission_id": "x"})
    assert response.status_code == 403
    assert 'name="csrfmiddlewaretoken"' in client.get(module.url).content.decode()


def test_unenrolled_post_is_refused(client, other_vp, course):
    client.force_login(other_vp)
    module = first_module(course)
    response = client.post(reverse("courses:answer", args=[module.pk, "q1"]), {"keuze": "1", "submission_id": "x"})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_reflection_is_private_to_its_writer(client, enrolled_vp, course):
    other = make_vp("collega@example.test")
    from courses import progress

    progress.enrol(other, course)
    module = first_module(course)
    client.force_login(enrolled_vp)
    client.post(reverse("courses:reflection", args=[module.pk, "r1"]), {"tekst": "Ik twijfel over mijn rol."})
    assert Reflection.objects.get().text == "Ik twijfel over mijn rol."
    assert "Ik twijfel over mijn rol." in client.get(module.url).content.decode()
    client.force_login(other)
    assert "Ik twijfel over mijn rol." not in client.get(module.url).content.decode()


def test_completing_modules_and_the_course_through_the_pages(client, enrolled_vp, course):
    client.force_login(enrolled_vp)
    first, second = [m.specific for m in course.modules()]
    html = client.get(first.url).content.decode()
    response = client.post(reverse("courses:complete", args=[first.pk]), follow=True)
    assert "Beantwoord eerst alle vragen" in response.content.decode()
    for block_id, keuze in (("q1", ["1"]), ("q2", ["0", "2"])):
        client.post(reverse("courses:answer", args=[first.pk, block_id]), {"keuze": keuze, "submission_id": submission_id(html, block_id)})
    response = client.post(reverse("courses:complete", args=[first.pk]))
    assert response["Location"] == second.url
    response = client.post(reverse("courses:complete", args=[second.pk]), follow=True)
    assert "u heeft de cursus Rolzuiverheid afgerond" in response.content.decode()
    assert Enrolment.objects.get().completed_at is not None


def test_dashboard_shows_my_courses_with_progress(client, enrolled_vp, course):
    client.force_login(enrolled_vp)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mijn cursussen" in html
    assert "0 van 2 modules afgerond" in html
    assert course.title in html


def test_dashboard_queries_do_not_grow_with_courses(client, vp, django_assert_num_queries, competencies):
    from courses import progress

    client.force_login(vp)
    module_body = [question("q1", "Vraag", [option("a", True), option("b")])]

    def add_course(n):
        course = make_course(f"Cursus {n}", modules=[(f"M{i}", module_body, {}) for i in range(3)])
        enrolment = progress.enrol(vp, course)
        progress.view_module(vp, course.modules().first().specific)
        return enrolment

    add_course(1)
    client.get(reverse("accounts:dashboard"))  # warm caches (site root paths, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("accounts:dashboard"))
    one_course = len(one.captured_queries)  # now: the next request clears the connection's query log
    for n in range(2, 7):
        add_course(n)
    client.get(reverse("accounts:dashboard"))  # a saved page drops the cached site: the first request caches it again
    # user with roles, links, organisation invitations, enrolments with their progress, course invitations (the
    # site for the links to the courses comes from the cache)
    assert one_course == 5
    with django_assert_num_queries(one_course):
        html = client.get(reverse("accounts:dashboard")).content.decode()
    assert html.count("vpa-progress") == 6


def test_invitation_only_course_by_invitation_from_a_trainer(client, vp, trainer, course):
    course.open_enrolment = False
    course.save()
    client.force_login(vp)
    html = client.get(course.url).content.decode()
    assert "heeft u een uitnodiging nodig" in html and "Inschrijven voor deze cursus" not in html
    client.force_login(trainer)
    url = reverse("courses:invite", args=[course.pk])
    refused = client.post(url, {"email": "onbekend@example.test"})
    assert "Er is geen vertrouwenspersoon met dit e-mailadres." in refused.content.decode()
    assert client.post(url, {"email": vp.email.upper()}).status_code == 302
    client.force_login(vp)
    assert course.title in client.get(reverse("accounts:dashboard")).content.decode()
    assert "Inschrijven voor deze cursus" in client.get(course.url).content.decode()
    client.post(reverse("courses:enrol", args=[course.pk]))
    assert Enrolment.objects.get(user=vp, course=course).invited_by == trainer


def test_an_employer_invites_only_linked_vps(client, linked_vp, other_vp, employer_admin, course):
    client.force_login(employer_admin)
    url = reverse("courses:invite", args=[course.pk])
    assert client.post(url, {"email": linked_vp.email}).status_code == 302
    refused = client.post(url, {"email": other_vp.email})
    assert "U mag deze vertrouwenspersoon niet" in refused.content.decode()


def test_a_vp_cannot_invite(client, vp, course):
    client.force_login(vp)
    assert client.get(reverse("courses:invite", args=[course.pk])).status_code == 403


def test_a_closed_course_says_so_on_its_modules(client, enrolled_vp, course):
    from datetime import timedelta

    from django.utils import timezone

    course.closes_at = timezone.now() - timedelta(days=1)
    course.save()
    client.force_login(enrolled_vp)
    assert "Deze cursus is gesloten" in client.get(first_module(course).url).content.decode()


def test_trainers_find_reports_in_the_admin_menu(client, trainer, vp):
    client.force_login(trainer)
    assert reverse("courses:reports") in client.get(reverse("wagtailadmin_home")).content.decode()
