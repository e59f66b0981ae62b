"""Certificate speed figures (printed, never asserted): PDF generation, signing, verifying, the verify page.

Run: .venv/bin/python benchmarks/certificates.py [--batch 1000]
Uses a throw-away SQLite database and key folder. Targets (issue 5): PDF < 100 ms median, 1,000 PDFs < 60 s,
signing and verifying < 10 ms, verify page <= 5 queries.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    workdir = tempfile.mkdtemp(prefix="vpa-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["CERTIFICATE_KEY_DIR"] = f"{workdir}/keys"
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from certificates import credentials, issuing, keys, pdf, verification
    from lms.accounts.models import User

    keys.create_key()
    holder = User.objects.create_user("bench@example.test", "x" * 12, first_name="Bench", last_name="Mark")
    certificate, _ = issuing.issue_certificate(
        holder, course_ref="bench", course_title="Basisopleiding vertrouwenspersoon", hours=24,
        competencies=["Het eerste gesprek voeren", "Doorverwijzen"], evidence=[{"name": "Eindtoets", "description": "86%"}],
    )
    unsigned = credentials.build_credential(certificate)
    pdf.render(certificate)  # warm up fonts and templates
    print(f"sign credential:        {timed(lambda: credentials.sign(unsigned), args.repeat):7.1f} ms median")
    print(f"verify credential:      {timed(lambda: verification.verify(certificate.credential), args.repeat):7.1f} ms median")
    print(f"certificate PDF:        {timed(lambda: pdf.render(certificate), args.repeat):7.1f} ms median")
    start = time.perf_counter()
    for _ in range(args.batch):
        pdf.render(certificate)
    print(f"{args.batch} PDFs in a batch:   {time.perf_counter() - start:7.1f} s")
    client = Client()
    url = f"/certificaten/v/{certificate.code}/"
    client.get(url)
    settings.CERTIFICATE_VERIFY_RATE = 10**9
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        status = client.get(url).status_code
    median = timed(lambda: client.get(url), args.repeat)
    print(f"verify page (HTTP {status}):  {median:7.1f} ms median, {len(queries)} SQL queries")


if __name__ == "__main__":
    main()
