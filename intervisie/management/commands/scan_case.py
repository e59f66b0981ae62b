"""Scan a case text for identifying details: `python manage.py scan_case --json FILE` (`-` reads stdin)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from intervisie.scanner import scan
from intervisie.scanner.limits import MAX_CASE_CHARS


class Command(BaseCommand):
    help = "Zoekt naar herleidbare gegevens in een casus (namen, adressen, nummers) en stelt vervangingen voor."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tekstbestand in UTF-8, of - voor standaardinvoer.")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Uitvoer als JSON: {\"findings\": [...]}.")
        parser.add_argument("--term", action="append", default=[], help="Eigen term om weg te laten (herhaalbaar).")

    def handle(self, *args, file, as_json, term, **options):
        text = self._read(file)
        findings = scan(text, extra_terms=term)
        if as_json:
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, ensure_ascii=False))
        else:
            for f in findings:
                self.stdout.write(f"{f.start}-{f.end}\t{f.kind}\t{f.text}\t→ {f.suggestion}")

    def _read(self, file):
        limit = MAX_CASE_CHARS * 4  # bytes: at most four per character in UTF-8
        try:
            if file == "-":
                data = sys.stdin.buffer.read(limit + 1)
            else:
                with open(file, "rb") as handle:
                    data = handle.read(limit + 1)
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {file}") from None
        except IsADirectoryError:
            raise CommandError(f"Dit is een map, geen bestand: {file}") from None
        except OSError as error:
            raise CommandError(f"Bestand niet te lezen: {file} ({error.strerror})") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(f"De tekst is geen geldige UTF-8 (byte {error.start}).") from None
        if len(data) > limit or len(text) > MAX_CASE_CHARS:
            raise CommandError(f"De tekst is te lang: hoogstens {MAX_CASE_CHARS} tekens.")
        return text

