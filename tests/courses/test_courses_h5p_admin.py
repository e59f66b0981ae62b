import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.h5p.models import GradingMethod, H5PActivity, H5PLibrary

from h5p_fixtures import FIXTURES, fixture_path, rebuild, require

pytestmark = pytest.mark.django_db
ADD_URL = "wagtailsnippets_courses_h5pactivity:add"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, data, name="activiteit.h5p", **fields):
    payload = {"package": SimpleUploadedFile(name, data), "title": "", "grading_method": "last", "pass_percentage": "80", **fields}
    return client.post(reverse(ADD_URL), payload)


def test_platform_admin_uploads_a_package_in_the_admin(client, platform_admin):
    client.force_login(platform_admin)
    form = client.get(reverse(ADD_URL)).content.decode()
    assert 'name="package"' in form and 'accept=".h5p"' in form
    response = upload(client, fixture_path("H5P.TrueFalse").read_bytes(), title="Stelling over rolvastheid")
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = H5PActivity.objects.get()
    assert activity.title == "Stelling over rolvastheid"
    assert activity.grading_method == GradingMethod.LAST and activity.pass_percentage == 80
    assert activity.uploaded_by == platform_admin


def test_a_refused_upload_shows_its_reason_and_stores_nothing(client, platform_admin, settings):
    client.force_login(platform_admin)
    response = upload(client, rebuild("H5P.TrueFalse", drop=["Tether-1.0/"]).getvalue())
    assert response.status_code == 200
    assert "Bibliotheek Tether 1.0 ontbreekt in het pakket." in response.content.decode()
    assert not H5PActivity.objects.exists() and not H5PLibrary.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else True


def test_a_trainer_may_not_bring_new_libraries_but_may_reuse_known_ones(client, trainer):
    from courses.h5p import store

    client.force_login(trainer)
    response = upload(client, fixture_path("H5P.TrueFalse").read_bytes())
    assert response.status_code == 200
    assert "Alleen een platformbeheerder kan die toevoegen." in response.content.decode()
    assert not H5PActivity.objects.exists() and not H5PLibrary.objects.exists()
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        store.import_package(fileobj)  # the operator brings the libraries in
    response = upload(client, fixture_path("H5P.TrueFalse").read_bytes(), title="Van de trainer")
    assert response.status_code == 302
    assert H5PActivity.objects.filter(title="Van de trainer", uploaded_by=trainer).exists()
