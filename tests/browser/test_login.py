"""A VP logs in through the real login page and sees the dashboard; the layout holds on a phone."""

import re

from playwright.sync_api import expect


def log_in(page, base_url, email, password="een-lang-wachtwoord-1"):
    page.goto(base_url + "/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_vp_logs_in_and_sees_dashboard(page, asgi_server, linked_vp):
    log_in(page, asgi_server, linked_vp.email)
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Marieke")
    expect(page.get_by_role("heading", name="Als vertrouwenspersoon")).to_be_visible()
    expect(page.get_by_text("Woonzorg Het Baken")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()


def test_wrong_password_shows_dutch_error(page, asgi_server, vp):
    log_in(page, asgi_server, vp.email, password="fout-wachtwoord")
    expect(page.get_by_text("Dit e-mailadres en wachtwoord horen niet bij elkaar")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/account/inloggen/$"))


def test_dashboard_fits_a_phone_and_switches_to_english(browser, asgi_server, vp):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    log_in(page, asgi_server, vp.email)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on a 360px phone"
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="As a confidential adviser")).to_be_visible()
    context.close()
