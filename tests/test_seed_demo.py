"""seed_demo: the demo accounts and employer, idempotent, and never without DEBUG unless asked for."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from lms.accounts.demo import DEMO_PASSWORD
from lms.accounts.models import Role, User
from lms.organisations.models import Invitation, Organisation, VPLink


def seed(**options):
    out = StringIO()
    call_command("seed_demo", allow_without_debug=True, stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "organisations": Organisation.objects.count(),
        "invitations": Invitation.objects.count(),
        "links": VPLink.objects.count(),
        "active_links": VPLink.objects.active().count(),
    }


def snapshot():
    return {
        "users": sorted(
            (u.email, u.first_name, u.last_name, u.is_superuser, tuple(sorted(g.name for g in u.groups.all())))
            for u in User.objects.prefetch_related("groups")
        ),
        "organisations": sorted(Organisation.objects.values_list("name", "slug", "kvk_number")),
        "links": sorted(VPLink.objects.active().values_list("organisation__name", "vp__email")),
    }


def test_seed_demo_is_idempotent(db):
    first_output = seed()
    assert "Demogegevens staan klaar." in first_output
    after_first = counts(), snapshot()
    assert after_first[0]["users"] >= 7
    seed()
    assert (counts(), snapshot()) == after_first


def test_seed_demo_creates_the_documented_people(db):
    seed()
    expected_roles = {
        "beheer@vp-academie.test": {Role.PLATFORM_ADMIN},
        "trainer@vp-academie.test": {Role.TRAINER},
        "gespreksleider@vp-academie.test": {Role.FACILITATOR, Role.VP},
        "marieke@vp-academie.test": {Role.VP},
        "joost@vp-academie.test": {Role.VP},
        "fatma@vp-academie.test": {Role.VP},
        "werkgever@vp-academie.test": {Role.EMPLOYER_ADMIN},
    }
    for email, roles in expected_roles.items():
        user = User.objects.get(email=email)
        assert roles <= user.roles, email
        assert user.check_password(DEMO_PASSWORD), email
    assert not User.objects.get(email="werkgever@vp-academie.test").has_role(Role.VP)
    assert not User.objects.get(email="marieke@vp-academie.test").has_role(Role.PLATFORM_ADMIN)


def test_demo_links_marieke_but_not_fatma_to_the_demo_employer(db):
    seed()
    organisation = Organisation.objects.get(name="Woonzorg Het Baken")
    assert organisation.kvk_number == "99000001"
    assert list(organisation.admins.values_list("email", flat=True)) == ["werkgever@vp-academie.test"]
    linked = set(VPLink.objects.active().filter(organisation=organisation).values_list("vp__email", flat=True))
    assert "marieke@vp-academie.test" in linked
    assert "fatma@vp-academie.test" not in linked
    assert not VPLink.objects.filter(vp__email="fatma@vp-academie.test").exists()


def test_seed_demo_restores_a_withdrawn_demo_link_without_duplicating(db):
    seed()
    link = VPLink.objects.active().get(vp__email="marieke@vp-academie.test")
    link.withdrawn_at = link.accepted_at
    link.save()
    seed()
    assert VPLink.objects.active().filter(vp__email="marieke@vp-academie.test").count() == 1


def test_demo_logins_work(client, db):
    seed()
    response = client.post("/account/inloggen/", {"username": "marieke@vp-academie.test", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    html = client.get("/account/").content.decode()
    assert "Welkom, Marieke" in html
    assert "Woonzorg Het Baken" in html


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen met DEBUG aan"):
        call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_seed_demo_runs_with_debug_on(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.filter(email="beheer@vp-academie.test").exists()
