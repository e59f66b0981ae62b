"""The one write path for H5P: import a validated package, storing each library version once.

A refused package leaves nothing behind: rows are written in one transaction, and files written before a
failure are removed again.
"""

import zipfile
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import Role

from .models import H5PActivity, H5PLibrary
from .validation import PackageError, validate_package

LIBRARY_ROOT = "h5p/libraries"


def library_path(folder, path=""):
    return str(PurePosixPath(LIBRARY_ROOT, folder, path)) if path else f"{LIBRARY_ROOT}/{folder}"


def content_path(activity, path=""):
    return f"{activity.content_folder}/{path}" if path else activity.content_folder


def known_libraries():
    return {
        (name, major, minor): pk
        for pk, name, major, minor in H5PLibrary.objects.values_list("pk", "machine_name", "major_version", "minor_version")
    }


def may_add_libraries(user):
    """None is the operator running `import_h5p` on the server."""
    return user is None or user.has_role(Role.PLATFORM_ADMIN)


def check_uploader(package, user, known):
    if user is not None and not (user.has_role(Role.TRAINER) or user.has_role(Role.PLATFORM_ADMIN)):
        raise PackageError(_("Alleen trainers en platformbeheerders kunnen H5P-pakketten toevoegen."))
    new = sorted(package.dependencies - set(known))
    if new and not may_add_libraries(user):
        names = ", ".join(f"{name} {major}.{minor}" for name, major, minor in new)
        raise PackageError(
            _("Dit pakket gebruikt bibliotheken die het platform nog niet kent (%(names)s). Alleen een platformbeheerder kan die toevoegen.")
            % {"names": names}
        )
    return new


class KnownLibraries:
    """The platform's libraries, read from the database once and only when needed."""

    def __init__(self):
        self.by_key = None

    def __call__(self):
        if self.by_key is None:
            self.by_key = known_libraries()
        return self.by_key


def validate_for(fileobj, user=None):
    """Validate a package for this uploader without storing anything (the admin form uses it in clean())."""
    known = KnownLibraries()
    package = validate_package(fileobj, known_libraries=known)
    check_uploader(package, user, known())
    return package


def _write(archive, member, path, written):
    if default_storage.exists(path):  # a leftover of an interrupted import; the database does not know it
        default_storage.delete(path)
    written.append(default_storage.save(path, ContentFile(archive.read(member))))


def import_package(fileobj, title="", user=None):
    """Validate and store a package; returns the new H5PActivity. Raises PackageError when refused."""
    # Validated before the transaction: a file that is not a well-formed package is refused before the database is
    # even opened, and no refusal writes anything.
    lookup = KnownLibraries()
    package = validate_package(fileobj, known_libraries=lookup)
    written = []
    try:
        with transaction.atomic():
            known = lookup()
            new = check_uploader(package, user, known)
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                for key in new:
                    library = package.libraries[key]
                    folder = f"{key[0]}-{key[1]}.{key[2]}"
                    for path, member in library.files.items():
                        _write(archive, member, library_path(folder, path), written)
                    record = H5PLibrary.objects.create(
                        machine_name=key[0], major_version=key[1], minor_version=key[2],
                        patch_version=int(library.library_json.get("patchVersion", 0)),
                        title=str(library.library_json.get("title", key[0]))[:255],
                        library_json=library.library_json, added_by=user,
                    )
                    known[key] = record.pk
                main = package.main_library
                activity = H5PActivity.objects.create(
                    title=(title or package.h5p_json["title"]).strip()[:255] or package.h5p_json["mainLibrary"],
                    main_library_id=known[main], h5p_json=package.h5p_json, content_json=package.content_json,
                    uploaded_by=user,
                )
                activity.libraries.set([known[key] for key in package.dependencies])
                for path, member in package.content_files.items():
                    _write(archive, member, content_path(activity, path), written)
    except BaseException:
        for path in written:
            default_storage.delete(path)
        raise
    return activity


def _delete_tree(path):
    directories, files = default_storage.listdir(path)
    for name in files:
        default_storage.delete(f"{path}/{name}")
    for name in directories:
        _delete_tree(f"{path}/{name}")


def delete_content_files(sender, instance, **kwargs):
    """post_delete of an activity: its content files go too (shared libraries stay)."""
    folder = content_path(instance)
    if default_storage.exists(folder):
        transaction.on_commit(lambda: _delete_tree(folder))
