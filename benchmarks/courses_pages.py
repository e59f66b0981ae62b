"""Benchmark: a module page (20 blocks, one H5P activity) and the learner dashboard (10 courses), and importing
the shared QuestionSet package. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/courses_pages.py [--runs 50] [--instrumented]

Runs in-process with Django's test client, DEBUG off, on a fresh SQLite test database and a temporary MEDIA_ROOT.
Without the test runner's instrumentation (setup_test_environment), which makes the client copy the context of
every template rendered, for assertions: a cost of the test harness, not of serving the page (`--instrumented`
measures with it).
Targets from issue 3: median <= 11 ms and <= 15 queries per page; the 1.6 MB QuestionSet import under 300 ms.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="vpa-bench-media-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from page_timing import measure  # noqa: E402

FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "fixtures" / "h5p"


@contextlib.contextmanager
def override(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def module_body(activity, tag):
    blocks = [{"type": "h5p", "id": "h5p", "value": {"activity": activity.pk, "competencies": [tag.pk]}}]
    for i in range(6):
        blocks.append({"type": "text", "id": f"t{i}", "value": f"<p>Alinea {i} over de rol van de vertrouwenspersoon.</p>"})
    blocks.append({"type": "callout", "id": "k", "value": {"title": "Wat doet een VP niet?", "text": "<p>Geen onderzoek.</p>"}})
    for i in range(10):
        blocks.append({"type": "question", "id": f"q{i}", "value": {
            "question": f"Vraag {i}", "kind": "single", "explanation": "Uitleg", "competencies": [tag.pk],
            "options": [{"text": "Ja", "correct": True, "feedback": "Goed"}, {"text": "Nee", "correct": False, "feedback": "Fout"}],
        }})
    blocks.append({"type": "case", "id": "c", "value": {
        "title": "Casus", "situation": "<p>Een melder belt.</p>", "question": "Wat doet u?", "competencies": [],
        "choices": [{"text": "Luisteren", "consequence": "Goed", "recommended": True}, {"text": "Oplossen", "consequence": "Niet", "recommended": False}],
    }})
    blocks.append({"type": "reflection", "id": "r", "value": {"prompt": "Wat neemt u mee?", "guidance": ""}})
    assert len(blocks) == 20
    return blocks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--instrumented", action="store_true", help="with the test runner's template instrumentation")
    args = parser.parse_args()
    runs = args.runs
    if args.instrumented:
        setup_test_environment()
    else:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from courses import bodies, progress
        from courses.h5p import store
        from courses.h5p.models import H5PLibrary
        from courses.models import Competency, CourseIndexPage, CoursePage, ModulePage
        from lms.accounts.models import Role, User
        from lms.accounts.roles import grant_role

        with (FIXTURES / "H5P.TrueFalse.h5p").open("rb") as fileobj:
            activity = store.import_package(fileobj)
        tag = Competency.objects.get(name="Rolvastheid")
        vp = User.objects.create_user("bench@example.test", "een-lang-wachtwoord-1")
        grant_role(vp, Role.VP)
        catalogue = CourseIndexPage.objects.get()
        courses = []
        for n in range(10):
            course = CoursePage(title=f"Cursus {n}", slug=f"cursus-{n}", summary="Benchmark")
            catalogue.add_child(instance=course)
            for m in range(3):
                course.add_child(instance=ModulePage(title=f"Module {m}", slug=f"module-{m}", body=module_body(activity, tag)))
            progress.enrol(vp, course)
            courses.append(course)
        module = courses[0].modules().first().specific
        progress.view_module(vp, module)
        for i in range(10):
            progress.record_answer(vp, module, f"q{i}", ["0"], uuid.uuid4())
        client = Client()
        client.force_login(vp)

        median, queries = measure(client, module.url, runs)
        print(f"module page, 20 blocks incl. H5P, enrolled learner: median {median:.1f} ms, {queries} queries")
        # A module's block values are kept per process (courses/bodies.py); its first request in a process, or the
        # first after a change, turns them into values again: measured here by keeping nothing.
        with override(bodies, "MAX_MODULES", 0):
            bodies._kept.clear()
            median, queries = measure(client, module.url, runs)
        print(f"  the same, block values not kept (a module's first request in a process): "
              f"median {median:.1f} ms, {queries} queries")
        median, queries = measure(client, "/account/", runs)
        print(f"learner dashboard, 10 enrolled courses:           median {median:.1f} ms, {queries} queries")

        # Each run imports the package as new, its libraries included: the run is rolled back and its files are
        # written to a directory of their own. (A re-import writes only the content: libraries are stored once.)
        package = FIXTURES / "H5P.QuestionSet.h5p"
        size = package.stat().st_size / 2**20
        times, libraries = [], 0
        for _ in range(5):
            with package.open("rb") as fileobj, tempfile.TemporaryDirectory() as media, \
                    override_settings(MEDIA_ROOT=media), transaction.atomic():
                before = H5PLibrary.objects.count()
                start = time.perf_counter()
                store.import_package(fileobj)
                times.append((time.perf_counter() - start) * 1000)
                libraries = H5PLibrary.objects.count() - before
                transaction.set_rollback(True)
        print(f"import {package.name} ({size:.1f} MB), validation included, {libraries} new libraries: "
              f"median {statistics.median(times):.0f} ms over 5 runs")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
