import pytest


@pytest.mark.django_db
def test_home_page_is_dutch(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Welkom bij VP-Academie" in response.content.decode()


def test_pages_have_an_icon(client, db):
    from django.contrib.staticfiles import finders

    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("img/favicon.svg")


def test_dashboard_needs_login(client, db):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_vp_sees_dashboard(client, vp):
    client.force_login(vp)
    response = client.get("/account/")
    assert response.status_code == 200
    assert "Als vertrouwenspersoon" in response.content.decode()


@pytest.mark.django_db
def test_dutch_even_for_an_english_browser_until_english_is_chosen(client):
    response = client.get("/account/inloggen/", headers={"accept-language": "en-US,en;q=0.9"})
    assert 'lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"
    client.post("/taal/", {"language": "en", "next": "/account/inloggen/"})
    response = client.get("/account/inloggen/")
    assert 'lang="en"' in response.content.decode()
    assert "Forgot your password?" in response.content.decode()


@pytest.mark.django_db
def test_the_cached_site_follows_changes_to_sites(client):
    from wagtail.models import Site

    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.save()
    assert client.get("/").status_code == 404  # no site for this host any more
    site.is_default_site = True
    site.save()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_cached_sites_and_framework_are_dropped_again_when_a_change_commits(django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from wagtail.models import Site

    from courses import framework
    from courses.models import Competency
    from home import sites

    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.get(is_default_site=True).save()
        Competency.objects.create(name="Nieuwe competentie", kind=Competency.objects.first().kind)
        # Another process reads the old data before the commit and caches it.
        cache.set(sites.CACHE_KEY, {"old": "site"})
        cache.set(framework.CACHE_KEY, {"old": "framework"})
    assert cache.get(sites.CACHE_KEY) is None
    assert cache.get(framework.CACHE_KEY) is None


@pytest.mark.django_db
def test_the_cached_home_page_follows_changes_to_it_and_to_its_children(client):
    from courses.models import CourseIndexPage
    from home.models import HomePage

    home = HomePage.objects.get()
    for child in home.get_children():
        child.delete()
    home.refresh_from_db()
    assert client.get("/").status_code == 200  # the site is cached with its home page, which has no children now
    home.add_child(instance=CourseIndexPage(title="Cursussen", slug="cursussen"))  # no signal reaches the cache
    assert client.get("/cursussen/").status_code == 200
    home.introduction = "Een nieuwe inleiding voor vertrouwenspersonen."
    home.save()
    assert "Een nieuwe inleiding voor vertrouwenspersonen." in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_cached_children_of_the_home_page_follow_changes_in_code(client):
    """The catalogue on the way to a course comes from the site's cache (home/sites.py); a page saved, moved or
    deleted in code drops it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.models import CourseIndexPage, CoursePage

    catalogue = CourseIndexPage.objects.get()
    course = CoursePage(title="Rolhelderheid", slug="rolhelderheid", summary="Over de rol van de VP.")
    catalogue.add_child(instance=course)
    assert client.get("/cursussen/rolhelderheid/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cursussen/rolhelderheid/").status_code == 200
    assert not [query for query in captured.captured_queries if "'cursussen'" in query["sql"]]  # no catalogue query
    catalogue.slug = "opleidingen"
    catalogue.save()  # in code, without publishing
    assert client.get("/cursussen/rolhelderheid/").status_code == 404
    assert client.get("/opleidingen/rolhelderheid/").status_code == 200
    catalogue.delete()
    assert client.get("/opleidingen/rolhelderheid/").status_code == 404
