import pytest

from certificates import issuing, keys


@pytest.fixture(autouse=True)
def key_dir(settings, tmp_path):
    """Every certificates test signs with its own key in a temporary folder."""
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return settings.CERTIFICATE_KEY_DIR


@pytest.fixture
def signing_key(key_dir):
    return keys.create_key()


COURSE = {
    "course_ref": "basisopleiding-vp",
    "course_title": "Basisopleiding vertrouwenspersoon",
    "hours": 16,
    "competencies": [
        {"name": "Het eerste gesprek voeren", "description": "Luistert, vat samen en verkent opties zonder te oordelen."},
        "Doorverwijzen en grenzen bewaken",
    ],
    "evidence": [
        {"name": "Module 1: De rol van de vertrouwenspersoon", "description": "Afgerond"},
        {"name": "Eindtoets", "description": "Behaald met 85%"},
    ],
    "valid_years": 4,
}


@pytest.fixture
def certificate(vp, signing_key):
    cert, _created = issuing.issue_certificate(vp, **COURSE)
    return cert
