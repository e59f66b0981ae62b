"""`manage.py scan_case`: JSON on stdout, one-line Dutch errors and a non-zero exit on bad input."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from intervisie.scanner.limits import MAX_CASE_CHARS

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=b""):
    return subprocess.run([sys.executable, "manage.py", "scan_case", *args], cwd=ROOT, input=stdin,
                          capture_output=True, env={"DJANGO_SETTINGS_MODULE": "lms.settings.test", "PATH": "/usr/bin"})


def test_json_with_offsets_from_a_file(tmp_path):
    case = tmp_path / "casus.txt"
    text = "Mevrouw Yılmaz (52) belde vanaf 06-12345678."
    case.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("scan_case", "--json", str(case), stdout=out)
    findings = json.loads(out.getvalue())["findings"]
    assert [(f["kind"], f["text"], f["suggestion"]) for f in findings] == [
        ("person", "Yılmaz", "collega A"), ("age", "52", "[leeftijd]"), ("phone", "06-12345678", "[telefoonnummer]")]
    assert all(text[f["start"]:f["end"]] == f["text"] for f in findings)
    assert set(findings[0]) == {"start", "end", "kind", "text", "suggestion"}


def test_stdin_in_a_real_process():
    result = run("--json", "-", stdin="Piotr Kowalski woont in Zwolle.".encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"][1] == {
        "start": 24, "end": 30, "kind": "place", "text": "Zwolle", "suggestion": "[plaats]"}


@pytest.mark.parametrize("content, message", [
    (None, "Bestand niet gevonden"),
    (b"Caf\xe9 de Kroon", "geen geldige UTF-8"),
    (b"a" * (MAX_CASE_CHARS + 1), "te lang"),
])
def test_bad_input_gives_one_line_and_non_zero_exit(tmp_path, content, message):
    path = tmp_path / "casus.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("--json", str(path))
    assert result.returncode != 0
    assert result.stdout == b""
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_command_error_in_process(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("scan_case", "--json", str(tmp_path / "nope.txt"))
