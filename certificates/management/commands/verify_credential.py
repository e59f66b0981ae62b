import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from certificates import verification


class Command(BaseCommand):
    help = "Controleer een credential (JSON, PNG-badge of certificaat-PDF); exitcode 0 alleen als het geldig is."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar het bestand.")

    def handle(self, *args, file, **options):
        try:
            document = verification.parse(Path(file).read_bytes())
        except (OSError, ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
            self.stderr.write(f"Ongeldig: bestand niet te lezen als credential ({error}).")
            sys.exit(1)
        result = verification.verify(document)
        if not result.valid:
            self.stderr.write(f"Ongeldig: {result.reason}")
            sys.exit(1)
        self.stdout.write(result.reason)
