"""Demo certificates: one valid, one revoked, so that the verification page shows both states."""

from django.conf import settings

from lms.accounts.models import User

from . import issuing, keys

BASIC_COURSE = {
    "course_ref": "demo-basisopleiding-vertrouwenspersoon",
    "course_title": "Basisopleiding vertrouwenspersoon ongewenste omgangsvormen",
    "description": "Rol en positie van de vertrouwenspersoon, het eerste gesprek, registratie en doorverwijzen.",
    "hours": 24,
    "competencies": [
        {"name": "Het eerste gesprek voeren", "description": "Luistert, vat samen en verkent met de melder de mogelijkheden, zonder te oordelen."},
        {"name": "Vertrouwelijkheid en grenzen bewaken", "description": "Weet wat wel en niet gedeeld mag worden en wanneer doorverwijzen nodig is."},
        {"name": "Onafhankelijk adviseren", "description": "Adviseert de organisatie gevraagd en ongevraagd over preventie, zonder namen te noemen."},
    ],
    "evidence": [
        {"name": "Module 1: Rol en positie van de vertrouwenspersoon", "description": "Afgerond"},
        {"name": "Module 2: Het eerste gesprek", "description": "Afgerond, met oefengesprek"},
        {"name": "Module 3: Registratie en jaarverslag", "description": "Afgerond"},
        {"name": "Eindtoets", "description": "Behaald met 86%"},
    ],
    "valid_years": 4,
}


def seed(stdout):
    if not keys.all_keys():
        if not settings.DEBUG:
            stdout.write("  certificaten overgeslagen: geen ondertekeningssleutel (maak er een met create_signing_key)")
            return
        key = keys.create_key()
        stdout.write(f"  ondertekeningssleutel {key.key_id} in {keys.key_dir()}")
    joost = User.objects.filter(email="joost@vp-academie.test").first()
    fatma = User.objects.filter(email="fatma@vp-academie.test").first()
    trainer = User.objects.filter(email="trainer@vp-academie.test").first()
    if not (joost and fatma and trainer):
        return
    certificate, created = issuing.issue_certificate(joost, **BASIC_COURSE)
    if created:
        stdout.write(f"  certificaat {certificate.display_code} voor {certificate.holder_name}")
    revoked, created = issuing.issue_manually(
        trainer, fatma, reason="Klassikale opleiding gevolgd in Utrecht (demo).", **BASIC_COURSE
    )
    if created:
        issuing.revoke_certificate(revoked, trainer, "Uitgegeven aan de verkeerde deelnemer (demo).")
        stdout.write(f"  ingetrokken certificaat {revoked.display_code} voor {revoked.holder_name}")
