from django.core.management.base import BaseCommand, CommandError

from certificates import keys
from certificates.completion import issue_missing


class Command(BaseCommand):
    help = "Geeft certificaten uit voor afgeronde cursussen die er nog geen hebben (bijvoorbeeld na een ontbrekende sleutel)."

    def handle(self, *args, **options):
        try:
            issued = issue_missing()
        except keys.SigningKeyMissing:
            raise CommandError("Geen ondertekeningssleutel: maak er eerst een met create_signing_key.") from None
        self.stdout.write(f"{issued} certificaat/certificaten uitgegeven.")
