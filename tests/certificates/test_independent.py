"""The Done-when check: Digital Bazaar's eddsa-rdfc-2022 implementation (Node.js) verifies our credential,
and one changed character makes it fail there too."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from certificates import credentials
from tests.conftest import require

SCRIPT = Path(settings.BASE_DIR) / "certificates" / "js" / "verify-independent.mjs"
PACKAGES = ("@digitalbazaar/vc", "@digitalbazaar/data-integrity", "@digitalbazaar/eddsa-rdfc-2022-cryptosuite")


def script_and_modules():
    """The script beside the node_modules that hold Digital Bazaar's packages (the project's, or VERIFY_JS_DIR)."""
    other = os.environ.get("VERIFY_JS_DIR")
    if other:
        return Path(other) / "js" / SCRIPT.name, Path(other) / "node_modules"
    return SCRIPT, Path(settings.BASE_DIR) / "node_modules"


def node_verify(tmp_path, certificate, credential):
    script, modules = script_and_modules()
    listed = json.loads((Path(settings.BASE_DIR) / "package.json").read_text()).get("devDependencies", {})
    if not all(name in listed for name in PACKAGES) and not os.environ.get("VERIFY_JS_DIR"):
        pytest.skip("Digital Bazaar's verifier is not in package.json")
    require(shutil.which("node") and all((modules / name).is_dir() for name in PACKAGES), "npm packages of " + ", ".join(PACKAGES))
    bundle = credentials.offline_bundle(certificate)
    bundle["credential"] = credential
    path = tmp_path / "input.json"
    path.write_text(json.dumps(bundle))
    return subprocess.run(["node", str(script), str(path)], capture_output=True, text=True, timeout=60)


def test_digital_bazaar_verifies_and_detects_one_changed_character(certificate, tmp_path):
    result = node_verify(tmp_path, certificate, certificate.credential)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "verified"
    changed = json.loads(json.dumps(certificate.credential).replace("Marieke", "Marieka", 1))
    result = node_verify(tmp_path, certificate, changed)
    assert result.returncode == 1


def test_digital_bazaar_sees_revocation(certificate, trainer, tmp_path):
    from certificates import issuing

    issuing.revoke_certificate(certificate, trainer, "Test")
    result = node_verify(tmp_path, certificate, certificate.credential)
    assert result.returncode == 1 and "revoked" in result.stdout
