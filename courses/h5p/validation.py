"""Check an uploaded .h5p package completely before anything of it is stored.

A package is a zip with `h5p.json`, `content/content.json` and one folder per library (`Machine.Name-1.2/`).
Every refusal raises `PackageError` with a one-line Dutch reason.
"""

import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

# H5P's default allow-lists (h5p-php-library), without Flash. Libraries may also carry scripts and styles.
CONTENT_EXTENSIONS = frozenset(
    "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx "
    "xls xlsx ppt pptx odt ods odp xml csv diff patch md textile vtt webvtt".split()
)
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {"js", "css"}

LIMITS = {
    "max_package_bytes": 100 * 1024 * 1024,  # the .h5p file itself
    "max_total_bytes": 300 * 1024 * 1024,  # everything unpacked
    "max_files": 5000,
    "max_ratio": 50,  # unpacked size / packed size, for the whole package and for any file over 1 MB
}
LIBRARY_FOLDER = re.compile(r"^(?P<name>[A-Za-z0-9_.]+)-(?P<major>\d+)\.(?P<minor>\d+)$")
SAFE_PART = re.compile(r"^[^\x00-\x1f\\:*?\"<>|]+$")


class PackageError(Exception):
    """The package is refused; str(error) is a one-line reason for the uploader."""


def limits():
    return {**LIMITS, **getattr(settings, "H5P_LIMITS", {})}


@dataclass
class PackageLibrary:
    key: tuple  # (machine name, major, minor)
    library_json: dict
    files: dict = field(default_factory=dict)  # path inside the library folder -> name in the zip


@dataclass
class Package:
    h5p_json: dict
    content_json: dict
    libraries: dict  # key -> PackageLibrary, for the libraries the package carries
    content_files: dict  # path inside content/ -> name in the zip
    dependencies: set  # keys of every library the content needs, main library included

    @property
    def main_library(self):
        main = self.h5p_json["mainLibrary"]
        return next(key for key in self.dependencies if key[0] == main and key in self.direct)

    @property
    def direct(self):
        return {dependency_key(d) for d in self.h5p_json["preloadedDependencies"]}


def dependency_key(dependency):
    try:
        return (str(dependency["machineName"]), int(dependency["majorVersion"]), int(dependency["minorVersion"]))
    except (KeyError, TypeError, ValueError):
        raise PackageError(_("Een afhankelijkheid in het pakket mist een machinenaam of versie."))


def _extension(name):
    suffix = PurePosixPath(name).suffix
    return suffix[1:].lower() if suffix else ""


def _check_name(info, seen):
    name = info.filename
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise PackageError(_("Het pakket bevat een absoluut pad: %(name)s") % {"name": name})
    if "\\" in name:
        raise PackageError(_("Het pakket bevat een ongeldige bestandsnaam: %(name)s") % {"name": name})
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise PackageError(_("Het pakket bevat een pad met '..' of lege delen: %(name)s") % {"name": name})
    if any(not SAFE_PART.match(part) for part in parts):
        raise PackageError(_("Het pakket bevat een ongeldige bestandsnaam: %(name)s") % {"name": name})
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageError(_("Het pakket bevat een symbolische koppeling: %(name)s") % {"name": name})
    key = name.rstrip("/").casefold()
    if key in seen:
        raise PackageError(_("Het pakket bevat een bestandsnaam twee keer: %(name)s") % {"name": name})
    seen.add(key)
    return parts


def _check_sizes(infos, package_bytes):
    bounds = limits()
    if package_bytes > bounds["max_package_bytes"]:
        raise PackageError(_("Het pakket is te groot (meer dan %(mb)s MB).") % {"mb": bounds["max_package_bytes"] // 2**20})
    if len(infos) > bounds["max_files"]:
        raise PackageError(_("Het pakket bevat te veel bestanden (meer dan %(n)s).") % {"n": bounds["max_files"]})
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > bounds["max_total_bytes"]:
        raise PackageError(_("Het pakket is uitgepakt te groot (meer dan %(mb)s MB).") % {"mb": bounds["max_total_bytes"] // 2**20})
    big_and_dense = any(
        info.file_size > 2**20 and info.file_size > bounds["max_ratio"] * max(info.compress_size, 1) for info in infos
    )
    if big_and_dense or (total > 2**20 and total > bounds["max_ratio"] * max(packed, 1)):
        raise PackageError(_("Het pakket is verdacht sterk gecomprimeerd en wordt niet uitgepakt."))


def _read_json(archive, name, what):
    try:
        data = json.loads(archive.read(name).decode("utf-8-sig"))
    except KeyError:
        raise PackageError(_("%(what)s ontbreekt in het pakket.") % {"what": what})
    except (UnicodeDecodeError, ValueError):
        raise PackageError(_("%(what)s is geen geldige JSON.") % {"what": what})
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise PackageError(_("%(what)s kan niet worden uitgepakt.") % {"what": what})
    if not isinstance(data, dict):
        raise PackageError(_("%(what)s is geen geldige JSON.") % {"what": what})
    return data


def _check_h5p_json(h5p_json):
    if not isinstance(h5p_json.get("title"), str) or not isinstance(h5p_json.get("mainLibrary"), str):
        raise PackageError(_("h5p.json mist de titel of de hoofdbibliotheek."))
    dependencies = h5p_json.get("preloadedDependencies")
    if not isinstance(dependencies, list) or not dependencies:
        raise PackageError(_("h5p.json noemt geen bibliotheken (preloadedDependencies)."))
    keys = {dependency_key(d) for d in dependencies}
    if not any(key[0] == h5p_json["mainLibrary"] for key in keys):
        raise PackageError(_("De hoofdbibliotheek %(name)s staat niet bij de bibliotheken in h5p.json.") % {"name": h5p_json["mainLibrary"]})


def _check_library(archive, library):
    name, major, minor = library.key
    data = library.library_json
    try:
        declared = (str(data["machineName"]), int(data["majorVersion"]), int(data["minorVersion"]))
        int(data.get("patchVersion", 0))
    except (KeyError, TypeError, ValueError):
        raise PackageError(_("library.json van %(folder)s mist een machinenaam of versie.") % {"folder": f"{name}-{major}.{minor}"})
    if declared != library.key:
        raise PackageError(_("De map %(folder)s bevat een andere bibliotheek dan de naam zegt.") % {"folder": f"{name}-{major}.{minor}"})
    for kind in ("preloadedJs", "preloadedCss"):
        for entry in data.get(kind) or []:
            path = entry.get("path") if isinstance(entry, dict) else None
            if not isinstance(path, str) or path not in library.files:
                raise PackageError(
                    _("Bibliotheek %(folder)s verwijst naar een bestand dat ontbreekt: %(path)s") % {"folder": f"{name}-{major}.{minor}", "path": path}
                )


def validate_package(fileobj, known_libraries=frozenset):
    """Read and check the package; `known_libraries()` gives the keys the platform already stores. Returns a Package.

    The platform's libraries are asked for only once the package itself is sound.
    """
    fileobj.seek(0, 2)
    package_bytes = fileobj.tell()
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise PackageError(_("Dit is geen geldig H5P-bestand: het is geen zip-archief."))
    with archive:
        infos = archive.infolist()
        _check_sizes(infos, package_bytes)
        seen, libraries, content_files = set(), {}, {}
        has_h5p_json = False
        for info in infos:
            parts = _check_name(info, seen)
            if info.is_dir():
                continue
            top, rest = parts[0], "/".join(parts[1:])
            extension = _extension(info.filename)
            if not rest:
                if top == "h5p.json":
                    has_h5p_json = True
                elif extension not in CONTENT_EXTENSIONS:
                    raise PackageError(_("Bestandstype niet toegestaan: %(name)s") % {"name": info.filename})
                continue  # other loose files at the top (a readme) are not stored
            if top == "content":
                if extension not in CONTENT_EXTENSIONS:
                    raise PackageError(_("Bestandstype niet toegestaan: %(name)s") % {"name": info.filename})
                content_files[rest] = info.filename
                continue
            match = LIBRARY_FOLDER.match(top)
            if not match:
                raise PackageError(_("Onbekende map in het pakket: %(name)s") % {"name": top})
            if extension not in LIBRARY_EXTENSIONS:
                raise PackageError(_("Bestandstype niet toegestaan: %(name)s") % {"name": info.filename})
            key = (match["name"], int(match["major"]), int(match["minor"]))
            libraries.setdefault(key, PackageLibrary(key, {})).files[rest] = info.filename
        if not has_h5p_json:
            raise PackageError(_("h5p.json ontbreekt in het pakket."))
        h5p_json = _read_json(archive, "h5p.json", "h5p.json")
        _check_h5p_json(h5p_json)
        if "content.json" not in content_files:
            raise PackageError(_("content/content.json ontbreekt in het pakket."))
        content_json = _read_json(archive, "content/content.json", "content/content.json")
        del content_files["content.json"]
        for key, library in libraries.items():
            if "library.json" not in library.files:
                raise PackageError(_("library.json ontbreekt in de map %(folder)s.") % {"folder": f"{key[0]}-{key[1]}.{key[2]}"})
            library.library_json = _read_json(archive, library.files["library.json"], f"{key[0]}-{key[1]}.{key[2]}/library.json")
            _check_library(archive, library)
        dependencies = _resolve(h5p_json, libraries, known_libraries)
        _check_readable(archive)
    return Package(h5p_json, content_json, libraries, content_files, dependencies)


def _resolve(h5p_json, libraries, known_libraries):
    """Every library the content needs at run time, each present in the package or on the platform."""
    needed, queue = set(), [dependency_key(d) for d in h5p_json["preloadedDependencies"]]
    while queue:
        key = queue.pop()
        if key in needed:
            continue
        if key not in libraries and key not in known_libraries():
            raise PackageError(_("Bibliotheek %(name)s %(major)s.%(minor)s ontbreekt in het pakket.") % {"name": key[0], "major": key[1], "minor": key[2]})
        needed.add(key)
        if key in libraries:
            queue.extend(dependency_key(d) for d in libraries[key].library_json.get("preloadedDependencies") or [])
    return needed


def _check_readable(archive):
    """Unpack every file once (bounded by the sizes checked above) so that a corrupt member is caught now."""
    try:
        bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        raise PackageError(_("Het pakket is beschadigd en kan niet worden uitgepakt."))
    if bad is not None:
        raise PackageError(_("Het pakket is beschadigd: %(name)s") % {"name": bad})
