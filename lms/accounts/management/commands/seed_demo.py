"""Demo data for a local machine. Idempotent: running it again changes nothing that is already there.

Each app adds its own part in a module `<app>/demo.py` with a function `seed(stdout)`; they run in the order of
INSTALLED_APPS, so that organisations find the demo users, courses find the trainer, and so on.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Maakt demogegevens aan voor lokaal gebruik (gebruikers, een werkgever). Veilig om vaker te draaien."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug", action="store_true",
            help="Ook draaien als DEBUG uit staat (voor tests). Nooit op productie gebruiken.",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo maakt accounts met bekende wachtwoorden en draait daarom alleen met DEBUG aan."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens staan klaar. Wachtwoorden: zie README.md."))
