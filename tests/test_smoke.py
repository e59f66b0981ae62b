import pytest


@pytest.mark.django_db
def test_home_page_is_dutch(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Welkom bij VP-Academie" in response.content.decode()


def test_dashboard_needs_login(client, db):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_vp_sees_dashboard(client, vp):
    client.force_login(vp)
    response = client.get("/account/")
    assert response.status_code == 200
    assert "Als vertrouwenspersoon" in response.content.decode()
