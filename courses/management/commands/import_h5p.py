from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.h5p.store import import_package
from courses.h5p.validation import PackageError


class Command(BaseCommand):
    help = "Importeert een .h5p-pakket als H5P-activiteit en drukt het nummer van de nieuwe activiteit af."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Pad naar het .h5p-bestand")
        parser.add_argument("--title", default="", help="Titel van de activiteit (standaard: de titel uit h5p.json)")

    def handle(self, *args, path, title, **options):
        file_path = Path(path)
        if not file_path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            with file_path.open("rb") as fileobj:
                activity = import_package(fileobj, title=title)
        except PackageError as error:
            raise CommandError("Pakket geweigerd: " + " ".join(str(error).split()))
        self.stdout.write(str(activity.pk))
