import io

import pytest
import zxingcpp
from django.core.management import call_command
from pypdf import PdfReader

from certificates import keys
from certificates.models import Certificate
from courses import demo
from courses.h5p import store
from courses.models import CoursePage, Enrolment, ModulePage
from lms.accounts.models import User

from h5p_fixtures import FIXTURES, fixture_path, require, require_player
from live_server import chromium_page, live_daphne, log_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def add_true_false(module):
    """The demo has no H5P (the shared packages are fixtures only): this test adds the shared TrueFalse."""
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        activity = store.import_package(fileobj, title="Stelling")
    module.body.append(("h5p", {"activity": activity, "competencies": []}))
    module.save_revision().publish()
    return ModulePage.objects.get(pk=module.pk).blocks_of("h5p")[0].id


def submit(page, selector):
    """Submit with the keyboard: the H5P frame above may still change height, which would move a mouse target."""
    with page.expect_navigation():
        page.locator(selector).focus()
        page.keyboard.press("Enter")


def qr_codes_in(pdf):
    """The texts of the QR codes drawn on the PDF's first page, decoded from its images (zxing-cpp)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [result.text for image in page.images for result in zxingcpp.read_barcodes(image.image)]


def test_a_vp_completes_the_demo_course_in_the_browser(live_daphne, chromium_page):  # noqa: F811
    """The VP journey: dashboard → course → modules (native questions and H5P) → completion → certificate → PDF
    with QR code → public verification page → the employer sees it."""
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    require_player()
    keys.create_key()
    call_command("seed_demo", "--allow-without-debug", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=demo.SLUG)
    modules = [m.specific for m in course.modules()]
    h5p_block = add_true_false(modules[0])
    modules[0] = ModulePage.objects.get(pk=modules[0].pk)
    vp = User.objects.get(email="marieke@vp-academie.test")
    page = chromium_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_daphne, vp)

    page.goto(live_daphne + "/account/")
    page.get_by_role("link", name=course.title).click()
    page.get_by_role("link", name="Verder waar u was").click()
    for index, module in enumerate(modules):
        assert page.get_by_role("heading", level=1).inner_text() == module.title
        for block in module.body:
            if block.block_type == "question":
                for i, option in enumerate(block.value["options"]):
                    if option["correct"]:
                        page.locator(f"label[for=keuze-{block.id}-{i}]").click()
                submit(page, f"#blok-{block.id} button[type=submit]")
                assert page.locator(f"#blok-{block.id} .vpa-feedback").inner_text().startswith("Goed.")
            elif block.block_type == "case":
                page.locator(f"label[for=keuze-{block.id}-0]").click()
                submit(page, f"#blok-{block.id} button[type=submit]")
                assert "Uw keuze" in page.locator(f"#blok-{block.id} .vpa-feedback").inner_text()
            elif block.block_type == "reflection":
                page.locator(f"#tekst-{block.id}").fill("Ik wil vaker eerst vragen wat de melder zelf wil.")
                submit(page, f"#blok-{block.id} button[type=submit]")
            elif block.block_type == "h5p":
                page.wait_for_selector(f'iframe[data-h5p-block="{block.id}"][data-h5p-ready="true"]')
                player = page.frame_locator(f'iframe[data-h5p-block="{block.id}"]')
                player.get_by_text("False", exact=True).click()
                player.get_by_role("button", name="Check").click()
                page.wait_for_function(f"() => document.getElementById('h5p-status-{block.id}').textContent.includes('opgeslagen')")
        if module.blocks_of("h5p"):
            page.reload()
            assert "Uw resultaat: 100%" in page.locator(".vpa-h5p").inner_text()
        submit(page, "#blok-afronden button[type=submit]")
        if index < len(modules) - 1:
            assert "Module afgerond." in page.locator("[role=status]").first.inner_text()

    assert "u heeft de cursus" in page.locator("[role=status]").first.inner_text()
    assert "Afgerond op" in page.locator("#voortgang").locator("..").inner_text()
    assert page.locator("#cursusvoortgang").get_attribute("value") == "100"
    page.goto(live_daphne + "/account/")
    card = page.locator(".vpa-my-courses")
    assert "5 van 5 modules afgerond" in card.inner_text() and "afgerond" in card.inner_text()
    enrolment = Enrolment.objects.get(user=vp, course=course)
    assert enrolment.completed_at is not None
    assert enrolment.h5p_results.get(block_id=h5p_block).score == 1.0

    # The certificate was issued on completion, once; the VP finds it, and its PDF's QR code leads to its page.
    certificate = Certificate.objects.get(holder=vp, course=course)
    page.goto(live_daphne + "/certificaten/mijn/")
    card = page.locator("section", has=page.get_by_role("heading", name=course.title))
    assert "Geldig" in card.inner_text()
    card.get_by_role("link", name="Openbare verificatiepagina").click()
    assert "Geldig" in page.locator("main").inner_text()
    pdf = page.request.get(f"{live_daphne}/certificaten/v/{certificate.code}/certificaat.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    (qr_url,) = qr_codes_in(pdf.body())
    assert qr_url.startswith(live_daphne + "/certificaten/v/")
    page.goto(qr_url)
    main = page.locator("main").inner_text()
    assert "Geldig" in main and course.title in main and "Marieke van den Berg" in main

    # The employer she accepted (Woonzorg Het Baken in the demo) sees the certificate.
    log_in(page, live_daphne, User.objects.get(email="werkgever@vp-academie.test"))
    page.goto(live_daphne + "/certificaten/werkgever/")
    employer_view = page.locator("main").inner_text()
    assert "Marieke van den Berg" in employer_view and course.title in employer_view
    assert errors == []
