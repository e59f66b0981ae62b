"""A trainer builds a course with every block type in the Wagtail admin; a second trainer approves; it goes live."""

import io

import pytest
from django.core.files.images import ImageFile
from django.utils import translation
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.users.models import UserProfile

from tests.conftest import make_user
from courses.h5p import store
from courses.models import CourseIndexPage, CoursePage, ModulePage
from lms.accounts.models import Role

from h5p_fixtures import FIXTURES, fixture_path, require
from live_server import chromium_page, live_daphne, log_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
VIDEO_URL = "https://www.youtube.com/watch?v=vp-academie-demo"


def png():
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (31, 95, 139)).save(out, "PNG")
    out.seek(0)
    return ImageFile(out, name="gesprek.png")


def english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def prepare():
    require(FIXTURES.is_dir(), f"H5P fixtures in {FIXTURES}")
    with fixture_path("H5P.TrueFalse").open("rb") as fileobj:
        store.import_package(fileobj, title="Stelling over rolvastheid")
    Image.objects.create(title="Gesprek met een melder", file=png())
    # No network in tests: the embed finder's answer is cached the way Wagtail caches it.
    Embed.objects.create(url=VIDEO_URL, max_width=None, hash=get_embed_hash(VIDEO_URL, None),
                         type="video", html='<iframe title="Video" src="about:blank"></iframe>', title="Video", provider_name="YouTube")
    author = english_admin(make_user("auteur@example.test", Role.TRAINER))
    reviewer = english_admin(make_user("beoordelaar@example.test", Role.TRAINER))
    return author, reviewer


def insert_block(page, label):
    """Add a block by its label as the (English) admin shows it: the Dutch label's English translation, if any."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with translation.override("en"):
        label = translation.gettext(label)

    count = page.locator("input[name='body-count']")
    before = int(count.input_value())
    # The block is there once the stream counts it. On a busy machine a click on the menu may come before the menu
    # is ready and add nothing; a later step would then find the blocks before it (CI saw this once).
    for _attempt in range(3):
        page.locator("[data-contentpath=body] > * button.c-sf-add-button, [data-contentpath=body] button.c-sf-add-button").last.click()
        page.locator("[role=option]", has_text=label).first.click()
        try:
            page.wait_for_function(f"document.querySelector(\"input[name='body-count']\").value == '{before + 1}'",
                                   timeout=5000)
            return
        except PlaywrightTimeout:
            if int(count.input_value()) > before:  # added after all, just late
                return
            page.keyboard.press("Escape")
    raise AssertionError(f"the {label} block was not added")


def fill_draftail(page, container_selector, text):
    editor = page.locator(f"{container_selector} .public-DraftEditor-content").first
    editor.click()
    page.keyboard.type(text)


def add_list_item(page, prefix):
    count = page.locator(f"input[name='{prefix}-count']")
    before = int(count.input_value())
    count.locator("xpath=..").locator("button[data-streamfield-list-add]").last.click()
    page.wait_for_function(f"document.querySelector(\"input[name='{prefix}-count']\").value == '{before + 1}'")


def choose_in_modal(page, button_selector, link_text):
    page.locator(button_selector).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name=link_text).first.click()
    modal.wait_for(state="hidden")


def open_actions(page):
    """Open the editor's "more actions" menu; on a busy machine the first click may come before the menu's script."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    toggle = page.locator("footer .w-dropdown-button [data-w-dropdown-target=toggle]")
    for _attempt in range(5):
        toggle.click()
        try:
            page.locator("footer .w-dropdown-button [data-w-dropdown-target=content]").wait_for(state="visible", timeout=3000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError("the actions menu did not open")


def submit_for_review(page):
    open_actions(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit to Cursusreview").click()


def test_trainer_builds_a_course_with_every_block_and_a_second_trainer_publishes_it(live_daphne, chromium_page):  # noqa: F811
    author, reviewer = prepare()
    catalogue = CourseIndexPage.objects.get()
    page = chromium_page
    log_in(page, live_daphne, author)

    page.goto(f"{live_daphne}/beheer/pages/{catalogue.pk}/add_subpage/")
    page.fill("#id_title", "Signaleren en adviseren")
    page.fill("#id_summary", "Hoe u patronen ziet en de organisatie adviseert, zonder namen te noemen.")
    submit_for_review(page)
    course = CoursePage.objects.get(title="Signaleren en adviseren")
    assert not course.live

    page.goto(f"{live_daphne}/beheer/pages/{course.pk}/add_subpage/")
    page.fill("#id_title", "Van signaal naar advies")
    insert_block(page, "tekst")
    fill_draftail(page, "[data-contentpath=body]", "Een vertrouwenspersoon ziet patronen die anderen niet zien.")
    insert_block(page, "afbeelding")
    choose_in_modal(page, "[data-contentpath=body] [data-chooser-action-choose]", "Gesprek met een melder")
    page.locator("input[name$='-value-image-alt_text'], input[name$='-value-image-alt']").last.fill("Twee mensen in gesprek")
    insert_block(page, "video")
    page.locator("input[name$='-value-video']").fill(VIDEO_URL)
    insert_block(page, "kader")
    fill_draftail(page, "[data-contentpath=body] [data-contentpath=text]", "U noemt nooit namen in een advies.")
    insert_block(page, "vraag")
    question = "body-4-value"
    page.fill(f"#{question}-question", "Mag u in uw jaarverslag een afdeling van drie mensen apart noemen?")
    page.select_option(f"#{question}-kind", "true_false")
    page.fill(f"#{question}-options-0-value-text", "Ja")
    add_list_item(page, f"{question}-options")
    page.fill(f"#{question}-options-1-value-text", "Nee")
    page.check(f"#{question}-options-1-value-correct")
    insert_block(page, "casus")
    case = "body-5-value"
    page.fill(f"#{case}-title", "Een patroon op de afdeling")
    fill_draftail(page, f"[data-contentpath=body] [data-contentpath=situation]", "Drie melders noemen dezelfde leidinggevende.")
    page.fill(f"#{case}-choices-0-value-text", "U adviseert de directie over het patroon, zonder namen.")
    page.fill(f"#{case}-choices-0-value-consequence", "De organisatie kan handelen zonder dat melders herkenbaar zijn.")
    page.check(f"#{case}-choices-0-value-recommended")
    add_list_item(page, f"{case}-choices")
    page.fill(f"#{case}-choices-1-value-text", "U noemt de leidinggevende bij naam.")
    page.fill(f"#{case}-choices-1-value-consequence", "De melders zijn herleidbaar en het vertrouwen is weg.")
    insert_block(page, "reflectie")
    page.fill("#body-6-value-prompt", "Welke signalen ziet u in uw organisatie?")
    insert_block(page, "H5P-activiteit")
    choose_in_modal(page, "#body-7-value-activity-chooser [data-chooser-action-choose], [data-contentpath=body] [data-chooser-action-choose] >> nth=-1",
                    "Stelling over rolvastheid")
    page.get_by_label("Signaleren").check()
    submit_for_review(page)
    assert "error" not in page.url
    module = ModulePage.objects.get(title="Van signaal naar advies")
    assert not module.live
    page.goto(f"{live_daphne}/beheer/pages/{module.pk}/edit/")
    open_actions(page)
    assert page.get_by_role("button", name="Approve and Publish").count() == 0  # not for the author
    assert page.get_by_role("button", name="Publish").count() == 0

    log_in(page, live_daphne, reviewer)
    # The reviewer looks at the draft as learners will see it: real questions, no dump of the blocks' values.
    page.goto(f"{live_daphne}/beheer/pages/{module.pk}/revisions/{module.latest_revision_id}/view/")
    assert page.get_by_role("group", name="Mag u in uw jaarverslag een afdeling van drie mensen apart noemen?").is_visible()
    assert page.get_by_role("radio", name="Nee").count() == 1
    assert page.get_by_role("heading", name="Casus: Een patroon op de afdeling").is_visible()
    assert page.get_by_label("Welke signalen ziet u in uw organisatie?").is_visible()
    assert "StructValue" not in page.content()
    for target in (course, module):
        page.goto(f"{live_daphne}/beheer/pages/{target.pk}/edit/")
        open_actions(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Approve and Publish", exact=True).click()

    course.refresh_from_db()
    module = ModulePage.objects.get(pk=module.pk)
    assert course.live and module.live
    assert [block.block_type for block in module.body] == ["text", "image", "video", "callout", "question", "case", "reflection", "h5p"]
    assert module.competencies.filter(name="Signaleren").exists()
    assert [o["correct"] for o in module.body[4].value["options"]] == [False, True]
