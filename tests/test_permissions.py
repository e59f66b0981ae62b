"""Who sees what: every role against every page of accounts and organisations, and the queries those pages make.

The scene: "Woonzorg Het Baken" (admin Petra) has one linked VP (Marieke) and one invited VP who has not answered
(Joost). "Gemeentelijke Dienst Noord" has its own admin. Before Joost accepts, Petra sees nothing of him.
"""

from types import SimpleNamespace

import pytest

from lms.accounts.models import Role
from lms.organisations import actions
from lms.organisations.models import Invitation, VPLink

from .conftest import make_user

ROLES = ["anonymous", "vp", "other_vp", "trainer", "facilitator", "employer_admin", "other_admin", "platform_admin"]

LOGIN = "/account/inloggen/"
WAGTAIL_LOGIN = "/beheer/login/"


@pytest.fixture
def scene(linked_vp, other_vp, organisation, other_organisation, employer_admin, trainer, facilitator, platform_admin):
    pending = actions.invite_vp(organisation, employer_admin, other_vp.email)
    link = VPLink.objects.active().get(vp=linked_vp)
    users = {
        "anonymous": None, "vp": linked_vp, "other_vp": other_vp, "trainer": trainer, "facilitator": facilitator,
        "employer_admin": employer_admin, "other_admin": other_organisation.admins.get(),
        "platform_admin": platform_admin,
    }
    slug = organisation.slug
    urls = {
        "dashboard": "/account/",
        "organisation_list": "/organisaties/",
        "organisation_detail": f"/organisaties/{slug}/",
        "linked_vp": f"/organisaties/{slug}/vertrouwenspersonen/{linked_vp.pk}/",
        "unlinked_vp": f"/organisaties/{slug}/vertrouwenspersonen/{other_vp.pk}/",
        "cancel_invitation": f"/organisaties/{slug}/uitnodigingen/{pending.pk}/intrekken/",
        "end_link": f"/organisaties/koppeling/{link.pk}/beeindigen/",
        "wagtail_admin": "/beheer/",
    }
    return SimpleNamespace(users=users, urls=urls, pending=pending, link=link, organisation=organisation,
                           other_organisation=other_organisation)


def as_role(client, scene, role):
    user = scene.users[role]
    if user is not None:
        client.force_login(user)
    return user


# Expected status per role, in the order of ROLES. A 302 to the login page is written "login";
# "wagtail_login" is Wagtail's refusal (a redirect to its own login page).
MATRIX = {
    "dashboard":           ["login", 200, 200, 200, 200, 200, 200, 200],
    "organisation_list":   ["login", 403, 403, 403, 403, 302, 302, 200],
    "organisation_detail": ["login", 404, 404, 404, 404, 200, 404, 200],
    "linked_vp":           ["login", 404, 404, 404, 404, 200, 404, 200],
    "unlinked_vp":         ["login", 404, 404, 404, 404, 404, 404, 404],
    "wagtail_admin":       ["wagtail_login", "wagtail_login", "wagtail_login", 200, "wagtail_login", "wagtail_login",
                            "wagtail_login", 200],
}
POST_MATRIX = {
    # page: expected status per role; the tests also check that only a 302 changed the database
    "cancel_invitation": ["login", 404, 404, 404, 404, 302, 404, 302],
    "end_link":          ["login", 302, 404, 404, 404, 302, 404, 302],
}


def check_status(response, expected, url):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(f"{LOGIN}?next=")
    elif expected == "wagtail_login":
        assert response.status_code == 302
        assert response["Location"].startswith(WAGTAIL_LOGIN)
    else:
        assert response.status_code == expected, f"{url}: {response.status_code} != {expected}"


@pytest.mark.parametrize("page", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_get_pages_per_role(client, scene, role, page):
    expected = MATRIX[page][ROLES.index(role)]
    as_role(client, scene, role)
    check_status(client.get(scene.urls[page]), expected, scene.urls[page])


@pytest.mark.parametrize("role", ROLES)
def test_cancel_invitation_per_role(client, scene, role):
    expected = POST_MATRIX["cancel_invitation"][ROLES.index(role)]
    as_role(client, scene, role)
    response = client.post(scene.urls["cancel_invitation"])
    check_status(response, expected, scene.urls["cancel_invitation"])
    cancelled = Invitation.objects.get(pk=scene.pending.pk).cancelled_at is not None
    assert cancelled == (expected == 302)
    if expected == 302:
        assert response["Location"] == scene.urls["organisation_detail"]


@pytest.mark.parametrize("role", ROLES)
def test_end_link_per_role(client, scene, role):
    expected = POST_MATRIX["end_link"][ROLES.index(role)]
    user = as_role(client, scene, role)
    response = client.post(scene.urls["end_link"])
    check_status(response, expected, scene.urls["end_link"])
    link = VPLink.objects.get(pk=scene.link.pk)
    if expected == 302:
        assert link.withdrawn_at is not None
        assert link.withdrawn_by == user
        assert response["Location"] == ("/organisaties/mijn/" if role == "vp" else scene.urls["organisation_detail"])
    else:
        assert link.withdrawn_at is None


@pytest.mark.parametrize("role, lands_on", [
    ("employer_admin", "organisation_detail"),
    ("other_admin", None),
])
def test_organisation_list_sends_a_single_organisations_admin_to_it(client, scene, role, lands_on):
    as_role(client, scene, role)
    response = client.get(scene.urls["organisation_list"])
    expected = scene.urls[lands_on] if lands_on else f"/organisaties/{scene.other_organisation.slug}/"
    assert response["Location"] == expected


def test_the_platform_admin_sees_every_organisation_in_the_list(client, scene):
    as_role(client, scene, "platform_admin")
    html = client.get(scene.urls["organisation_list"]).content.decode()
    assert "Woonzorg Het Baken" in html and "Gemeentelijke Dienst Noord" in html


def test_non_admins_get_a_dutch_explanation_on_the_organisation_list(client, scene):
    as_role(client, scene, "vp")
    response = client.get(scene.urls["organisation_list"])
    assert "U beheert geen organisatie." in response.content.decode()


@pytest.mark.parametrize("page", ["dashboard", "organisation_list", "organisation_detail", "linked_vp"])
def test_the_employer_never_sees_the_name_of_a_vp_who_has_not_accepted(client, scene, page):
    as_role(client, scene, "employer_admin")
    html = client.get(scene.urls[page], follow=True).content.decode()
    assert "Joost" not in html
    assert "Jansen" not in html


def test_the_employer_does_see_the_linked_vp_by_name(client, scene):
    as_role(client, scene, "employer_admin")
    assert "Marieke van den Berg" in client.get(scene.urls["organisation_detail"]).content.decode()
    assert "Marieke van den Berg" in client.get(scene.urls["linked_vp"]).content.decode()


def test_a_declined_invitation_reveals_nothing_either(client, scene):
    actions.decline_invitation(scene.pending.token, scene.users["other_vp"])
    as_role(client, scene, "employer_admin")
    for page in ("dashboard", "organisation_detail"):
        html = client.get(scene.urls[page]).content.decode()
        assert "Joost" not in html and "Jansen" not in html
    assert client.get(scene.urls["unlinked_vp"]).status_code == 404


@pytest.mark.parametrize("role, sees_employer_link, sees_admin_link", [
    ("vp", False, False),
    ("trainer", False, True),
    ("facilitator", False, False),
    ("employer_admin", True, False),
    ("platform_admin", True, True),
])
def test_navigation_per_role(client, scene, role, sees_employer_link, sees_admin_link):
    as_role(client, scene, role)
    html = client.get("/account/").content.decode()
    assert ('href="/organisaties/"' in html) == sees_employer_link
    assert ('href="/beheer/"' in html) == sees_admin_link


# Query counts: stable per page, not growing with the number of linked VPs.


def link_vps(organisation, admin, count, start=0):
    for n in range(start, start + count):
        vp = make_user(f"vp{n}@example.test", Role.VP, first_name=f"Vp{n}", last_name="Achternaam")
        actions.accept_invitation(actions.invite_vp(organisation, admin, vp.email).token, vp)


def test_queries_of_the_vp_dashboard(client, linked_vp, django_assert_num_queries):
    client.force_login(linked_vp)
    # user with roles (groups and organisations administered, one query; the session is in the cache), links,
    # open invitations, courses section (enrolments with their progress, invited courses)
    with django_assert_num_queries(5):
        assert client.get("/account/").status_code == 200


def test_queries_of_the_employer_dashboard(client, linked_vp, employer_admin, django_assert_num_queries):
    client.force_login(employer_admin)
    # user with roles (one query; the session is in the cache), open invitations, administered organisations
    with django_assert_num_queries(3):
        assert client.get("/account/").status_code == 200


@pytest.mark.parametrize("linked", [3, 6])
def test_queries_of_the_organisation_page_do_not_grow_with_its_vps(
    client, organisation, employer_admin, django_assert_num_queries, linked
):
    link_vps(organisation, employer_admin, linked)
    actions.invite_vp(organisation, employer_admin, "open-1@example.test")
    actions.invite_vp(organisation, employer_admin, "open-2@example.test")
    client.force_login(employer_admin)
    url = f"/organisaties/{organisation.slug}/"
    # user with roles (the session is in the cache), the organisation, links with their VPs, open invitations
    with django_assert_num_queries(4):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("/vertrouwenspersonen/") == linked
    assert html.count("open-") >= 2
