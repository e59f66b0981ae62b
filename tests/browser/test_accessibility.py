"""WCAG 2.1 AA checks by axe-core on the pages of the foundation, on a desktop and on a phone."""

import pytest

from lms.organisations import actions
from tests.browser.test_login import log_in
from tests.conftest import nothing_refused

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


@pytest.fixture(params=list(VIEWPORTS))
def page_at(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="nl-NL")
    with nothing_refused(context.new_page()) as page:
        yield page
    context.close()


def assert_accessible(page, axe_violations, what):
    violations = axe_violations(page)
    assert not violations, f"{what}: " + "; ".join(violations)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"


def test_public_pages(page_at, asgi_server, axe_violations):
    for path in ["/", "/account/inloggen/", "/account/wachtwoord-vergeten/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)


def test_login_error_state(page_at, asgi_server, axe_violations, vp):
    log_in(page_at, asgi_server, vp.email, password="fout")
    assert_accessible(page_at, axe_violations, "login with error")


def test_vp_pages(page_at, asgi_server, axe_violations, linked_vp):
    log_in(page_at, asgi_server, linked_vp.email)
    for path in ["/account/", "/organisaties/mijn/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)


def test_employer_pages(page_at, asgi_server, axe_violations, organisation, employer_admin, linked_vp):
    actions.invite_vp(organisation, employer_admin, "nieuwe-vp@example.test")
    log_in(page_at, asgi_server, employer_admin.email)
    for path in ["/account/", f"/organisaties/{organisation.slug}/",
                 f"/organisaties/{organisation.slug}/vertrouwenspersonen/{linked_vp.pk}/"]:
        page_at.goto(asgi_server + path)
        assert_accessible(page_at, axe_violations, path)
    page_at.goto(asgi_server + f"/organisaties/{organisation.slug}/")
    page_at.get_by_role("button", name="Uitnodiging versturen").click()  # empty: the error state
    assert_accessible(page_at, axe_violations, "invite form with error")


def test_invitation_pages(page_at, asgi_server, axe_violations, organisation, employer_admin):
    invitation = actions.invite_vp(organisation, employer_admin, "zonder-account@example.test")
    page_at.goto(asgi_server + f"/organisaties/uitnodiging/{invitation.token}/")
    assert_accessible(page_at, axe_violations, "registration from invitation")
    page_at.goto(asgi_server + "/organisaties/uitnodiging/onzin/")
    assert_accessible(page_at, axe_violations, "refused invitation")


def test_the_checker_catches_an_unlabelled_field(page, axe_violations):
    page.set_content('<html lang="nl"><head><title>t</title></head><body><main><input type="text"></main></body></html>')
    assert any(line.startswith("label") for line in axe_violations(page))
