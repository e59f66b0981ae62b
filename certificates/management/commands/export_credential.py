import json

from django.core.management.base import BaseCommand, CommandError

from certificates import codes
from certificates.models import Certificate


class Command(BaseCommand):
    help = "Druk het ondertekende Open Badge-credential van een certificaat af (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="De verificatiecode, bijvoorbeeld ABCD-EFGH-JKMN.")

    def handle(self, *args, code, **options):
        certificate = Certificate.objects.filter(code=codes.normalise(code) or "").first()
        if certificate is None:
            raise CommandError(f"Geen certificaat met verificatiecode {code}.")
        self.stdout.write(json.dumps(certificate.credential, ensure_ascii=False, indent=2))
