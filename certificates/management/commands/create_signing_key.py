from django.core.management.base import BaseCommand, CommandError

from certificates import keys


class Command(BaseCommand):
    help = "Maak een Ed25519-sleutel voor het ondertekenen van certificaten (met --rotate: vervang de actieve sleutel)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rotate", action="store_true", help="Maak een nieuwe actieve sleutel; oude sleutels blijven gepubliceerd."
        )

    def handle(self, *args, rotate=False, **options):
        existing = keys.all_keys()
        if existing and not rotate:
            raise CommandError(
                f"Er is al een sleutel in {keys.key_dir()}. Gebruik --rotate om een nieuwe actieve sleutel te maken."
            )
        key = keys.create_key()
        self.stdout.write(f"Nieuwe actieve sleutel {key.key_id} ({key.public_key_multibase}) in {keys.key_dir()}.")
