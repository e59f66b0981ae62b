import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses.h5p import store
from courses.h5p.models import H5PActivity, H5PLibrary
from courses.h5p.validation import PackageError

from h5p_fixtures import FIXTURES, PACKAGES, fixture_path, rebuild, require

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def library_folders(name):
    with zipfile.ZipFile(fixture_path(name)) as archive:
        return {n.split("/")[0] for n in archive.namelist() if "/" in n and n.split("/")[0] != "content"}


@pytest.mark.parametrize("name", PACKAGES)
def test_every_shared_package_imports(name, media):
    with fixture_path(name).open("rb") as fileobj:
        activity = store.import_package(fileobj)
    assert activity.main_library.machine_name == name
    assert activity.content_json and activity.h5p_json["mainLibrary"] == name
    folders = library_folders(name)
    # Only run-time dependencies are stored: editor libraries (H5PEditor.*) are not needed to play.
    assert {lib.folder for lib in activity.libraries.all()} <= folders
    assert (media / "h5p" / "libraries" / activity.main_library.folder / "library.json").is_file()


def test_libraries_are_stored_once_and_shared(media):
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        true_false = store.import_package(fileobj)
    libraries_after_first = H5PLibrary.objects.count()
    files_after_first = len(stored_files(media))
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        again = store.import_package(fileobj, title="Nog eens")
    assert H5PLibrary.objects.count() == libraries_after_first
    assert again.title == "Nog eens"
    assert set(again.libraries.all()) == set(true_false.libraries.all())
    # the second import stores only its own content files
    assert len(stored_files(media)) - files_after_first == len([f for f in stored_files(media) if f.startswith(f"h5p/content/{again.pk}/")])
    with fixture_path("H5P.MultiChoice").open("rb") as fileobj:
        multi = store.import_package(fileobj)
    shared = set(true_false.libraries.all()) & set(multi.libraries.all())
    assert {lib.machine_name for lib in shared} >= {"FontAwesome", "H5P.Question", "H5P.JoubelUI"}
    assert H5PLibrary.objects.filter(machine_name="H5P.Question").count() == 1


def test_a_trainer_may_reuse_known_libraries_but_not_bring_new_ones(trainer, platform_admin, media):
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj, pytest.raises(PackageError, match="Alleen een platformbeheerder"):
        store.import_package(fileobj, user=trainer)
    assert not H5PLibrary.objects.exists() and not H5PActivity.objects.exists()
    assert stored_files(media) == []
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        store.import_package(fileobj, user=platform_admin)
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        activity = store.import_package(fileobj, user=trainer)
    assert activity.uploaded_by == trainer


def test_a_vp_may_not_upload(vp):
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj, pytest.raises(PackageError, match="Alleen trainers"):
        store.validate_for(fileobj, user=vp)


def h5p_json_of(name):
    with zipfile.ZipFile(fixture_path(name)) as archive:
        return json.loads(archive.read("h5p.json"))


def bad_main_library():
    data = h5p_json_of("H5P.TrueFalse")
    data["mainLibrary"] = "H5P.Blanks"
    return rebuild("H5P.TrueFalse", replace={"h5p.json": json.dumps(data).encode()})


def missing_js():
    return rebuild("H5P.TrueFalse", drop=["H5P.TrueFalse-1.6/scripts/h5p-true-false.js"])


def zip_bomb():
    return rebuild("H5P.TrueFalse", add={"content/images/leeg.txt": b"\0" * (8 * 1024 * 1024)})


def duplicate_names():
    out = io.BytesIO(rebuild("H5P.TrueFalse").getvalue())
    with pytest.warns(UserWarning), zipfile.ZipFile(out, "a") as archive:
        archive.writestr("content/content.json", b"{}")
    out.seek(0)
    return out


MALFORMED = {
    "not a zip": (lambda: io.BytesIO(b"Dit is geen zip-bestand" * 100), "geen zip-archief"),
    "empty file": (lambda: io.BytesIO(b""), "geen zip-archief"),
    "no h5p.json": (lambda: rebuild("H5P.TrueFalse", drop=["h5p.json"]), "h5p.json ontbreekt"),
    "h5p.json not json": (lambda: rebuild("H5P.TrueFalse", replace={"h5p.json": b"{niet: json"}), "h5p.json is geen geldige JSON"),
    "h5p.json without main library": (lambda: rebuild("H5P.TrueFalse", replace={"h5p.json": b'{"title": "x"}'}), "hoofdbibliotheek"),
    "main library not among dependencies": (bad_main_library, "H5P.Blanks staat niet bij de bibliotheken"),
    "no content.json": (lambda: rebuild("H5P.TrueFalse", drop=["content/content.json"]), "content/content.json ontbreekt"),
    "content.json not json": (lambda: rebuild("H5P.TrueFalse", replace={"content/content.json": b"[1, 2"}), "content/content.json is geen geldige JSON"),
    "main library missing": (lambda: rebuild("H5P.TrueFalse", drop=["H5P.TrueFalse-1.6/"]), "H5P.TrueFalse 1.6 ontbreekt"),
    "preloaded dependency missing": (lambda: rebuild("H5P.TrueFalse", drop=["Tether-1.0/"]), "Tether 1.0 ontbreekt"),
    "dependency of a library missing": (lambda: rebuild("H5P.MultiChoice", drop=["H5P.Transition-1.0/"]), "H5P.Transition 1.0 ontbreekt"),
    "library.json missing": (lambda: rebuild("H5P.TrueFalse", drop=["Drop-1.0/library.json"]), "library.json ontbreekt in de map Drop-1.0"),
    "library script missing": (missing_js, "verwijst naar een bestand dat ontbreekt"),
    "php file": (lambda: rebuild("H5P.TrueFalse", add={"content/shell.php": b"<?php ?>"}), "Bestandstype niet toegestaan"),
    "script in content": (lambda: rebuild("H5P.TrueFalse", add={"content/evil.js": b"alert(1)"}), "Bestandstype niet toegestaan"),
    "executable in a library": (lambda: rebuild("H5P.TrueFalse", add={"Drop-1.0/run.exe": b"MZ"}), "Bestandstype niet toegestaan"),
    "unknown top folder": (lambda: rebuild("H5P.TrueFalse", add={"extra/readme.txt": b"x"}), "Onbekende map"),
    "absolute path": (lambda: rebuild("H5P.TrueFalse", add={"/etc/cron.d/x.txt": b"x"}), "absoluut pad"),
    "windows drive": (lambda: rebuild("H5P.TrueFalse", add={"C:/x.txt": b"x"}), "absoluut pad"),
    "parent directory": (lambda: rebuild("H5P.TrueFalse", add={"content/../../x.json": b"{}"}), "'..'"),
    "backslash": (lambda: rebuild("H5P.TrueFalse", add={"content\\..\\x.json": b"{}"}), "ongeldige bestandsnaam"),
    "symlink": (lambda: rebuild("H5P.TrueFalse", symlinks=[("content/link.json", "/etc/passwd")]), "symbolische koppeling"),
    "duplicate name": (duplicate_names, "twee keer"),
    "case-duplicate name": (lambda: rebuild("H5P.TrueFalse", add={"CONTENT/content.json": b"{}"}), "twee keer"),
    "compression ratio": (zip_bomb, "verdacht sterk gecomprimeerd"),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_malformed_packages_are_refused_with_their_reason_and_leave_nothing(kind, media):
    make, reason = MALFORMED[kind]
    with pytest.raises(PackageError, match=reason.replace(".", r"\.").replace("(", r"\(")):
        store.import_package(make())
    assert not H5PLibrary.objects.exists() and not H5PActivity.objects.exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("limit, value, reason", [
    ("max_package_bytes", 100_000, "Het pakket is te groot"),
    ("max_files", 50, "te veel bestanden"),
    ("max_total_bytes", 500_000, "uitgepakt te groot"),
])
def test_size_and_count_bounds(settings, media, limit, value, reason):
    settings.H5P_LIMITS = {limit: value}
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj, pytest.raises(PackageError, match=reason):
        store.import_package(fileobj)
    assert stored_files(media) == [] and not H5PLibrary.objects.exists()


def test_a_failure_while_storing_removes_the_files_already_written(media, monkeypatch):
    from django.core.files.storage import default_storage

    real_save, calls = default_storage.save, []

    def failing_save(name, content, **kwargs):
        calls.append(name)
        if len(calls) == 40:
            raise OSError("schijf vol")
        return real_save(name, content, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj, pytest.raises(OSError):
        store.import_package(fileobj)
    assert len(calls) == 40
    assert stored_files(media) == []
    assert not H5PLibrary.objects.exists() and not H5PActivity.objects.exists()


def test_import_command_prints_the_new_id(capsys):
    call_command("import_h5p", str(fixture_path("H5P.SingleChoiceSet")), "--title", "Keuzes")
    activity = H5PActivity.objects.get()
    assert capsys.readouterr().out.strip() == str(activity.pk)
    assert activity.title == "Keuzes"


def test_import_command_refuses_with_a_one_line_reason(tmp_path):
    broken = tmp_path / "kapot.h5p"
    broken.write_bytes(rebuild("H5P.TrueFalse", drop=["Tether-1.0/"]).getvalue())
    with pytest.raises(CommandError) as error:
        call_command("import_h5p", str(broken))
    assert str(error.value) == "Pakket geweigerd: Bibliotheek Tether 1.0 ontbreekt in het pakket."
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_h5p", str(tmp_path / "bestaat-niet.h5p"))
    assert not H5PActivity.objects.exists()


def test_import_command_exits_non_zero_in_a_shell(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    broken = tmp_path / "kapot.h5p"
    broken.write_bytes(b"geen zip")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_h5p", str(broken)], cwd=settings.BASE_DIR,
        capture_output=True, text=True,
        # A database that cannot be opened: refusing a file needs none (and must not touch a real one).
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test",
             "DATABASE_URL": f"sqlite:///{tmp_path / 'geen-map' / 'db.sqlite3'}"},
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["CommandError: Pakket geweigerd: Dit is geen geldig H5P-bestand: het is geen zip-archief."]


def test_deleting_an_activity_removes_its_content_files_but_keeps_shared_libraries(media, django_capture_on_commit_callbacks):
    with fixture_path("H5P.MultiChoice").open("rb") as fileobj:
        activity = store.import_package(fileobj)
    content = media / "h5p" / "content" / str(activity.pk)
    assert any(p.is_file() for p in content.rglob("*"))
    with django_capture_on_commit_callbacks(execute=True):
        activity.delete()
    assert not any(p.is_file() for p in content.rglob("*"))
    assert (media / "h5p" / "libraries" / "H5P.MultiChoice-1.14" / "library.json").is_file()
    assert H5PLibrary.objects.filter(machine_name="H5P.MultiChoice").exists()
