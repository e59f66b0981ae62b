"""Yardstick for issue 3: wagtail-lms 0.11.0 serving a 20-block lesson page, measured the way
benchmarks/courses_pages.py measures our module page, so that the two can be run side by side on one machine.

    .venv/bin/python benchmarks/wagtail_lms_yardstick.py [--runs 50]      # SHOW_SQL=1 prints the queries

Installs wagtail-lms 0.11.0 from PyPI into var/wagtail-lms-0.11.0 on the first run (pip --no-deps --target; its code
is never committed here) and runs it with this project's Django and Wagtail, in a minimal project set up below:
the apps of wagtail-lms's example project, Wagtail's usual middleware, Django's default (database) sessions, a
four-line base.html, SQLite in a temporary file, a temporary MEDIA_ROOT, DEBUG off, no test-runner instrumentation.

wagtail-lms's lesson page (H5PLessonPage) has two block types, rich text and an H5P activity, and no progress or
competencies; a lesson is served only to a learner enrolled in its parent course. Two lessons of 20 blocks each:
- our module page's H5P activity as one H5P block, its 19 other blocks as rich text;
- H5P blocks also for the 10 questions (wagtail-lms has no question block of its own), so 11 H5P and 9 text.
Each H5P block is an activity made from the shared H5P.TrueFalse.h5p fixture, as ours is (the block needs a saved,
extracted activity). Then the import of the shared H5P.QuestionSet.h5p: wagtail-lms's H5PActivity.save() stores
the upload and extracts every file on every import, checking nothing of the package's H5P structure (its admin
form's clean() only tests the zip's checksums first; that is not timed here).
Prints figures; asserts nothing.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from page_timing import measure

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures" / "h5p"
VERSION = "0.11.0"
PACKAGE_DIR = ROOT / "var" / f"wagtail-lms-{VERSION}"

BASE_HTML = """{% load static %}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="{% static 'wagtail_lms/css/course.css' %}"></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
"""


def install_wagtail_lms():
    if not (PACKAGE_DIR / f"wagtail_lms-{VERSION}.dist-info").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(PACKAGE_DIR),
             f"wagtail-lms=={VERSION}"],
            check=True,
        )
    sys.path.insert(0, str(PACKAGE_DIR))


def configure(workdir):
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="wagtail-lms-yardstick-not-secret",
        ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=[
            "wagtail_lms",
            "wagtail.contrib.forms",
            "wagtail.contrib.redirects",
            "wagtail.embeds",
            "wagtail.sites",
            "wagtail.users",
            "wagtail.snippets",
            "wagtail.documents",
            "wagtail.images",
            "wagtail.search",
            "wagtail.admin",
            "wagtail",
            "modelcluster",
            "taggit",
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "wagtail.contrib.redirects.middleware.RedirectMiddleware",
        ],
        ROOT_URLCONF="yardstick_urls",
        TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "django.contrib.auth.context_processors.auth",
                    "django.contrib.messages.context_processors.messages",
                ],
                # Cached, as Django's default loaders are: base.html from memory, the rest from the apps.
                "loaders": [("django.template.loaders.cached.Loader", [
                    ("django.template.loaders.locmem.Loader", {"base.html": BASE_HTML}),
                    "django.template.loaders.app_directories.Loader",
                ])],
            },
        }],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "db.sqlite3")}},
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        USE_TZ=True,
        STATIC_URL="/static/",
        MEDIA_ROOT=str(workdir / "media"),
        MEDIA_URL="/media/",
        WAGTAIL_SITE_NAME="wagtail-lms yardstick",
        WAGTAILADMIN_BASE_URL="http://testserver",
    )


def install_urls():
    from django.urls import include, path
    from wagtail import urls as wagtail_urls

    urls = types.ModuleType("yardstick_urls")
    urls.urlpatterns = [path("lms/", include("wagtail_lms.urls")), path("", include(wagtail_urls))]
    sys.modules[urls.__name__] = urls


def import_activity(fileobj):
    """wagtail-lms's import: the activity's save() stores the file and extracts it (its admin form ends in this)."""
    from django.core.files import File
    from wagtail_lms.models import H5PActivity

    activity = H5PActivity(title="", package_file=File(fileobj, name=Path(fileobj.name).name))
    activity.save()
    return activity


def lesson_body(activities):
    """20 blocks: our module page's order, with an H5P block for each activity given and rich text elsewhere."""
    activities = iter(activities)
    blocks = []
    for kind in ["h5p"] + ["text"] * 6 + ["callout"] + ["question"] * 10 + ["case", "reflection"]:
        activity = next(activities, None) if kind in ("h5p", "question") else None
        if activity:
            blocks.append({"type": "h5p_activity", "value": {"activity": activity.pk}})
        else:
            n = len(blocks)
            blocks.append({"type": "paragraph", "value": f"<p>Alinea {n} over de rol van de vertrouwenspersoon.</p>"})
    return blocks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs

    install_wagtail_lms()
    with tempfile.TemporaryDirectory(prefix="wagtail-lms-yardstick-") as tmp:
        configure(Path(tmp))
        import django

        django.setup()
        install_urls()

        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from wagtail.models import Page
        from wagtail_lms import __version__
        from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage

        assert __version__ == VERSION, __version__
        call_command("migrate", verbosity=0)

        home = Page.objects.get(depth=2)  # the site's root page, made by Wagtail's migrations
        course = home.add_child(instance=CoursePage(title="Cursus", slug="cursus"))
        lessons = {}
        for h5p_blocks in (1, 11):
            activities = []
            for _ in range(h5p_blocks):
                with (FIXTURES / "H5P.TrueFalse.h5p").open("rb") as fileobj:
                    activities.append(import_activity(fileobj))
            lessons[h5p_blocks] = course.add_child(instance=H5PLessonPage(
                title=f"Les {h5p_blocks}", slug=f"les-{h5p_blocks}", body=lesson_body(activities)))
        learner = get_user_model().objects.create_user("learner", "learner@example.test", "een-lang-wachtwoord-1")
        CourseEnrollment.objects.create(user=learner, course=course)
        client = Client()
        client.force_login(learner)

        where = {1: "our H5P block", 11: "our H5P block and 10 questions"}
        for h5p_blocks, lesson in lessons.items():
            median, queries = measure(client, lesson.url, runs)
            label = f"wagtail-lms {VERSION} lesson page, 20 blocks incl. {h5p_blocks} H5P, enrolled learner:"
            print(f"{label:<73} median {median:.1f} ms, {queries} queries")
            print(f"    the 20 blocks: {h5p_blocks} H5P (H5P.TrueFalse) where {where[h5p_blocks]}, {20 - h5p_blocks} rich text")

        package = FIXTURES / "H5P.QuestionSet.h5p"
        times = []
        for _ in range(5):
            with package.open("rb") as fileobj:
                start = time.perf_counter()
                import_activity(fileobj)
                times.append((time.perf_counter() - start) * 1000)
        size = package.stat().st_size / 2**20
        print(f"import {package.name} ({size:.1f} MB), unvalidated (wagtail-lms): median {statistics.median(times):.0f} ms over 5 runs")


if __name__ == "__main__":
    main()
