import json

from django.core.management.base import BaseCommand, CommandError

from certificates import codes, credentials
from certificates.models import Certificate


class Command(BaseCommand):
    help = "Druk het ondertekende Open Badge-credential van een certificaat af (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="De verificatiecode, bijvoorbeeld ABCD-EFGH-JKMN.")
        parser.add_argument(
            "--bundle", action="store_true",
            help="Voeg de gepubliceerde documenten toe (uitgever, sleutels, statuslijst) voor controle zonder netwerk.",
        )

    def handle(self, *args, code, bundle=False, **options):
        certificate = Certificate.objects.filter(code=codes.normalise(code) or "").first()
        if certificate is None:
            raise CommandError(f"Geen certificaat met verificatiecode {code}.")
        document = credentials.offline_bundle(certificate) if bundle else certificate.credential
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
