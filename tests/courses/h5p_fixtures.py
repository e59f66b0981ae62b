"""The real H5P packages in ../shared/fixtures/h5p/ and helpers to make broken variants of them."""

import io
import zipfile
from pathlib import Path

from django.conf import settings

from tests.conftest import require  # noqa: F401  (re-exported for the tests)

FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "h5p"
PACKAGES = ["H5P.Accordion", "H5P.Essay", "H5P.MultiChoice", "H5P.QuestionSet", "H5P.SingleChoiceSet", "H5P.TrueFalse"]


def require_player():
    """h5p-standalone from npm (`make` runs `npm ci`): needed wherever the player bundle itself is served."""
    bundle = settings.NODE_MODULES / "h5p-standalone" / "dist" / "main.bundle.js"
    require(bundle.is_file(), f"h5p-standalone in {settings.NODE_MODULES} (npm ci --ignore-scripts)")


def fixture_path(name):
    return FIXTURES / f"{name}.h5p"


def rebuild(name, drop=(), add=None, replace=None, symlinks=()):
    """A copy of a fixture package without the members under `drop`, with `add`/`replace` members, as BytesIO."""
    add, replace = add or {}, replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(fixture_path(name)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if any(info.filename.startswith(prefix) for prefix in drop):
                continue
            data = replace.get(info.filename, source.read(info.filename))
            target.writestr(info, data)
        for member, data in add.items():
            target.writestr(member, data)
        for member, link_target in symlinks:
            info = zipfile.ZipInfo(member)
            info.external_attr = (0o120777 << 16)
            target.writestr(info, link_target)
    out.seek(0)
    return out
