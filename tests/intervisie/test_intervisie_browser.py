"""The group journey in headless Chromium against a live daphne server: two members and their facilitator
join one room and see each other, the inbrenger's case is scanned, corrected and shared, phases advance on a
shared timer, and the closed session shows as attended hours for both members."""

import os
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from asgiref.sync import SyncToAsync
from channels.layers import channel_layers
from channels.testing import ChannelsLiveServerTestCase
from django.apps import apps
from django.test import Client
from django.utils import timezone

from intervisie import groups, schedule
from intervisie.models import Attendance, Method, Session
from lms.accounts.models import Role
from tests.conftest import make_user, record_refusals, require

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "test-results"
CASE = ("Piotr Kowalski (34) werkt als orderpicker bij Vion in Boxtel. Zijn teamleider Jeroen van der Linden "
        "scheldt hem uit. Piotr belde mij op 06-12345678.")


@pytest.mark.browser
class RoomJourney(ChannelsLiveServerTestCase):
    serialized_rollback = True  # restore the migrated data (seeded methods) that the flush removes

    @classmethod
    def setUpClass(cls):
        # The server process is forked from this one. It must not inherit what earlier async tests started
        # here: channel layers bound to another event loop, and asgiref's single-thread executor, whose thread
        # does not survive the fork (database_sync_to_async would wait for it forever).
        channel_layers.backends.clear()
        SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
        super().setUpClass()

    def setUp(self):
        require(CHROMIUM, "Chromium")
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
        self.refused = []  # by a Content-Security-Policy, in any page of the test
        self.addCleanup(lambda: self.assertEqual(self.refused, []))
        self.chair = make_user("leider@example.test", Role.FACILITATOR, Role.VP, first_name="Ahmed", last_name="El Amrani")
        self.marieke = make_user("marieke@example.test", Role.VP, first_name="Marieke", last_name="van den Berg")
        self.joost = make_user("joost@example.test", Role.VP, first_name="Joost", last_name="Jansen")
        fatma = make_user("fatma@example.test", Role.VP, first_name="Fatma", last_name="Yılmaz")
        # An earlier transactional test may have flushed the seeded methods: seed them again.
        import_module("intervisie.migrations.0002_seed_methods").seed(apps, None)
        method = Method.objects.get(name="Incidentmethode", created_by=None)
        group = groups.create_group(self.chair, "Intervisiegroep Midden", default_method=method)
        for member in (self.marieke, self.joost, fatma):
            groups.add_member(group, self.chair, member)
        (self.session,) = schedule.plan_session(group, self.chair, timezone.now() + timedelta(minutes=5), 60, method)

    def page_for(self, browser, user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport={"width": 420, "height": 900}, locale="nl-NL")
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": self.live_server_url}])
        page = context.new_page()
        record_refusals(page, self.refused)
        page.goto(f"{self.live_server_url}/intervisie/bijeenkomsten/{self.session.pk}/ruimte/")
        page.wait_for_selector("#room[data-connected='true']")
        return page

    def test_group_journey(self):
        from playwright.sync_api import expect, sync_playwright

        SHOTS.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            chair, marieke, joost = (self.page_for(browser, u) for u in (self.chair, self.marieke, self.joost))

            # They see each other.
            for page in (chair, marieke, joost):
                for name in ("Marieke van den Berg – deelnemer", "Joost Jansen – deelnemer", "Ahmed El Amrani – gespreksleider"):
                    expect(page.locator("#aanwezigen li", has_text=name)).not_to_contain_text("niet in de ruimte")
            expect(joost.locator("#aanwezigen")).to_contain_text("Fatma Yılmaz – deelnemer (niet in de ruimte)")

            # The facilitator makes Marieke the inbrenger; only she gets the case form.
            chair.get_by_label("Rol van Marieke van den Berg").select_option("inbrenger")
            expect(marieke.locator("#casus-form")).to_be_visible()
            expect(joost.locator("#casus-form")).to_be_hidden()

            # Marieke writes the case; the scanner marks it; she replaces all but the place, which she keeps,
            # and edits one suggestion.
            marieke.get_by_label("Uw casus").fill(CASE)
            marieke.get_by_role("button", name="Controleren").click()
            findings = marieke.locator(".vpa-finding")
            expect(findings).to_have_count(7)
            share = marieke.get_by_role("button", name="Casus delen met de groep")
            expect(share).to_be_disabled()
            for index in range(7):
                item = findings.nth(index)
                text = item.locator("mark").inner_text()
                if text == "Boxtel":
                    item.get_by_role("button", name="Laten staan").click()
                else:
                    if text == "34":
                        item.get_by_label("Vervangen door").fill("midden dertig")
                    item.get_by_role("button", name="Vervangen").click()
            marieke.screenshot(path=SHOTS / "intervisie-case-review.png", full_page=True)
            expect(share).to_be_enabled()
            share.click()
            shared = joost.locator("#casus-gedeeld")
            expect(shared).to_contain_text("collega A (midden dertig) werkt als orderpicker bij [organisatie] in Boxtel")
            expect(shared).to_contain_text("Zijn teamleider collega B scheldt hem uit. collega A belde mij op [telefoonnummer].")
            expect(shared).not_to_contain_text("Kowalski")

            # Phases advance on one timer for everyone.
            chair.get_by_role("button", name="Start / hervat").click()
            for page in (marieke, joost):
                expect(page.locator("#fase-naam")).to_have_text("Incident vertellen")
            expect(joost.locator("#timer")).to_have_text(re.compile(r"0[45]:\d\d"))
            timers = [page.locator("#timer").inner_text() for page in (chair, marieke, joost)]
            seconds = [int(t[:2]) * 60 + int(t[3:]) for t in timers]
            assert max(seconds) - min(seconds) <= 1, timers
            chair.get_by_role("button", name="Volgende fase").click()
            for page in (marieke, joost):
                expect(page.locator("#fase-naam")).to_have_text("Informatieve vragen")
                expect(page.locator("#timer")).to_have_text(re.compile(r"(09|10):\d\d"))

            # Chat reaches the others.
            joost.get_by_label("Bericht").fill("Was dit zijn eerste melding?")
            joost.get_by_role("button", name="Versturen").click()
            expect(marieke.locator("#chat")).to_contain_text("Joost Jansen: Was dit zijn eerste melding?")
            joost.screenshot(path=SHOTS / "intervisie-room.png", full_page=True)

            # The session ends; the facilitator confirms attendance.
            Session.objects.filter(pk=self.session.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
            chair.goto(f"{self.live_server_url}/intervisie/bijeenkomsten/{self.session.pk}/afronden/")
            chair.get_by_label("Thema in één neutrale regel").fill("Uitschelden door een leidinggevende")
            chair.get_by_label("Marieke van den Berg").first.check()
            chair.get_by_label("Joost Jansen").check()
            chair.get_by_label("Inbrenger").select_option(label="Marieke van den Berg")
            chair.get_by_role("button", name="Afronden").click()
            expect(chair.locator("body")).to_contain_text("De bijeenkomst is afgerond")
            expect(joost.locator("#verbinding")).to_have_text("De bijeenkomst is afgerond.")

            for page in (marieke, joost):
                page.goto(f"{self.live_server_url}/intervisie/uren/")
                expect(page.locator("table")).to_contain_text("Uitschelden door een leidinggevende")
                expect(page.locator("body")).to_contain_text("Totaal vastgelegd: 60 minuten.")
            joost.screenshot(path=SHOTS / "intervisie-hours.png", full_page=True)
            browser.close()
        assert set(Attendance.objects.values_list("user__email", flat=True)) == {self.marieke.email, self.joost.email}
