"""The Wagtail admin: platform admins manage organisations and users; trainers reach the admin but nothing else yet."""

import pytest
from wagtail.models import Page

from home.models import HomePage
from lms.organisations.models import Organisation


def test_platform_admin_creates_organisation_with_valid_kvk(client, platform_admin, employer_admin):
    client.force_login(platform_admin)
    response = client.post("/beheer/organisaties/new/", {
        "name": "Thuiszorg De Brug", "slug": "thuiszorg-de-brug", "kvk_number": "87654321", "admins": [employer_admin.pk],
    })
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="thuiszorg-de-brug")
    assert organisation.kvk_number == "87654321"
    assert list(organisation.admins.all()) == [employer_admin]


@pytest.mark.parametrize("kvk", ["1234567", "1234567A", "00000000", "123456789"])
def test_invalid_kvk_in_admin_is_refused_in_dutch(client, platform_admin, kvk):
    client.force_login(platform_admin)
    response = client.post("/beheer/organisaties/new/", {"name": "Fout BV", "slug": "fout-bv", "kvk_number": kvk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "precies 8 cijfers" in content or "8 tekens" in content
    assert not Organisation.objects.filter(slug="fout-bv").exists()


def test_reserved_slug_is_refused(client, platform_admin):
    client.force_login(platform_admin)
    response = client.post("/beheer/organisaties/new/", {"name": "Mijn BV", "slug": "mijn", "kvk_number": ""})
    assert response.status_code == 200
    assert "gereserveerd" in response.content.decode()
    assert not Organisation.objects.filter(slug="mijn").exists()


@pytest.mark.parametrize("url", ["/beheer/organisaties/", "/beheer/organisaties/new/", "/beheer/users/", "/beheer/groups/"])
def test_trainer_cannot_manage_organisations_or_users(client, trainer, url):
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != url


def test_trainer_cannot_edit_the_home_page(client, trainer):
    client.force_login(trainer)
    home = HomePage.objects.get()
    response = client.get(f"/beheer/pages/{home.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/beheer/pages/{home.pk}/edit/", {"title": "Gekaapt", "slug": "home"})
    assert Page.objects.get(pk=home.pk).title == "Welkom bij VP-Academie"
