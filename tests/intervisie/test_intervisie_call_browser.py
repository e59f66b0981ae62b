"""A call in the room between two headless Chromium instances against a live daphne server, on loopback
without STUN or TURN: both connect, receive each other's video frames and audio, see each other's camera and
microphone state, leave, join again, and are cut off when removed from the group; beyond four participants
everyone sends low resolution; a browser that refuses the camera gets a Dutch message and audio only."""

import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from asgiref.sync import SyncToAsync
from channels.layers import channel_layers
from channels.testing import ChannelsLiveServerTestCase
from django.apps import apps
from django.test import Client
from django.utils import timezone

from intervisie import groups, schedule
from intervisie.models import Method
from lms.accounts.models import Role
from tests.conftest import make_user, record_refusals, require

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "test-results"
# A fake camera at 8 frames a second (Chromium's default is 20): five pages in one browser encode and decode 20
# video streams on this machine's two cores, and at full rate a connection could starve past the test's timeout.
FAKE_MEDIA = ["--use-fake-device-for-media-stream=fps=8", "--allow-loopback-in-peer-connection", "--no-sandbox",
              "--disable-background-networking"]
# Keep a list of the page's peer connections, to read their statistics (the page itself exposes none).
RECORD_CONNECTIONS = """
window.__connections = [];
window.RTCPeerConnection = class extends window.RTCPeerConnection {
  constructor(...args) { super(...args); window.__connections.push(this); }
};
"""
MEDIA_STATS = """async () => {
  const pc = window.__connections.find((c) => c.connectionState === "connected");
  const video = document.querySelector(".vpa-call__tile:not(.vpa-call__tile--own) video");
  const result = {videoWidth: video.videoWidth, framesDecoded: 0, packetsReceived: 0, totalSamplesReceived: 0};
  (await pc.getStats()).forEach((r) => {
    if (r.type === "inbound-rtp" && r.kind === "video") result.framesDecoded = r.framesDecoded;
    if (r.type === "inbound-rtp" && r.kind === "audio") {
      result.packetsReceived = r.packetsReceived;
      result.totalSamplesReceived = r.totalSamplesReceived;
    }
  });
  return result;
}"""


CALL_STATE = """() => ({
  status: document.getElementById("gesprek-status").textContent,
  notice: document.getElementById("gesprek-melding").textContent,
  tiles: [...document.querySelectorAll(".vpa-call__tile")].map((t) => t.dataset.connection || "own"),
  connections: window.__connections.map((c) => [c.connectionState, c.iceConnectionState, c.signalingState]),
})"""


def expect_connected(pages, count):
    """Wait until every page shows `count` connected tiles; on a timeout, say what each page's calls look like."""
    from playwright.sync_api import expect

    for page in pages:
        try:
            expect(page.locator(".vpa-call__tile[data-connection='connected']")).to_have_count(count, timeout=30_000)
        except AssertionError as error:
            states = "\n".join(f"page {i}: {other.evaluate(CALL_STATE)}" for i, other in enumerate(pages))
            raise AssertionError(f"page {pages.index(page)}: {error}\n{states}") from None


# As if Chromium never fired negotiationneeded: the page's handler is dropped.
NO_NEGOTIATIONNEEDED = """
Object.defineProperty(window.RTCPeerConnection.prototype, "onnegotiationneeded", {set() {}, get() { return null; }});
"""


def media_flowing(page, video=True, timeout=10):
    """The page's media statistics once audio samples (and video frames) have arrived from the other side."""
    deadline = time.monotonic() + timeout
    while True:
        stats = page.evaluate(MEDIA_STATS)
        if stats["totalSamplesReceived"] > 0 and (not video or stats["videoWidth"] > 0 and stats["framesDecoded"] > 0):
            return stats
        if time.monotonic() > deadline:
            raise AssertionError(f"no media after {timeout} s: {stats}")
        time.sleep(0.2)


def press(button):
    """Activate a toggle with the keyboard: the video grid may still be growing, which moves a mouse target."""
    button.focus()
    button.press("Enter")


@pytest.mark.browser
class CallInTheRoom(ChannelsLiveServerTestCase):
    @classmethod
    def setUpClass(cls):
        # As in test_intervisie_browser.py: the forked server must not inherit this process's channel layers or
        # asgiref's single-thread executor.
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
        self.fatma = make_user("fatma@example.test", Role.VP, first_name="Fatma", last_name="Yılmaz")
        self.sanne = make_user("sanne@example.test", Role.VP, first_name="Sanne", last_name="de Vries")
        import_module("intervisie.migrations.0002_seed_methods").seed(apps, None)
        method = Method.objects.get(name="Incidentmethode", created_by=None)
        group = groups.create_group(self.chair, "Intervisiegroep Midden", default_method=method)
        for member in (self.marieke, self.joost, self.fatma, self.sanne):
            groups.add_member(group, self.chair, member)
        (self.session,) = schedule.plan_session(group, self.chair, timezone.now() + timedelta(minutes=5), 60, method)

    def page_for(self, browser, user, *scripts):
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport={"width": 420, "height": 900}, locale="nl-NL")
        for script in (RECORD_CONNECTIONS, *scripts):
            context.add_init_script(script)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": self.live_server_url}])
        page = context.new_page()
        record_refusals(page, self.refused)
        page.goto(f"{self.live_server_url}/intervisie/bijeenkomsten/{self.session.pk}/ruimte/")
        page.wait_for_selector("#room[data-connected='true']")
        return page

    def test_two_browsers_hear_and_see_each_other(self):
        from playwright.sync_api import expect, sync_playwright

        SHOTS.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            # Two separate browser processes, as two people on two computers.
            browsers = [playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=FAKE_MEDIA + ["--use-fake-ui-for-media-stream"])
                        for _ in range(2)]
            marieke, joost = self.page_for(browsers[0], self.marieke), self.page_for(browsers[1], self.joost)
            for page in (marieke, joost):
                page.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            for page, other in ((marieke, "Joost Jansen"), (joost, "Marieke van den Berg")):
                page.wait_for_function("() => window.__connections.some((c) => c.connectionState === 'connected')",
                                       timeout=20_000)
                tile = page.locator(".vpa-call__tile[data-connection='connected']")
                expect(tile).to_have_count(1)
                expect(tile).to_contain_text(other)
                expect(page.get_by_role("button", name="Microfoon", exact=True)).to_have_attribute("aria-pressed", "true")

            # Frames and audio samples keep arriving on both sides.
            for page in (marieke, joost):
                before = media_flowing(page)
                time.sleep(1.5)
                after = page.evaluate(MEDIA_STATS)
                assert after["videoWidth"] > 0, after
                assert after["framesDecoded"] > before["framesDecoded"] > 0, (before, after)
                assert after["packetsReceived"] > before["packetsReceived"] > 0, (before, after)
                assert after["totalSamplesReceived"] > before["totalSamplesReceived"] > 0, (before, after)
            joost.screenshot(path=SHOTS / "intervisie-call.png", full_page=True)

            # Microphone and camera off: the button says so, and the other side sees it.
            press(joost.get_by_role("button", name="Microfoon", exact=True))
            expect(joost.get_by_role("button", name="Microfoon", exact=True)).to_have_attribute("aria-pressed", "false")
            expect(marieke.locator(".vpa-call__tile[data-connection='connected']")).to_contain_text("Joost Jansen – microfoon uit")
            press(joost.get_by_role("button", name="Camera", exact=True))
            expect(joost.get_by_role("button", name="Camera", exact=True)).to_have_attribute("aria-pressed", "false")
            expect(marieke.locator(".vpa-call__tile[data-connection='connected']")).to_contain_text("camera uit")
            assert joost.evaluate("document.querySelector('.vpa-call__tile--own video').srcObject"
                                  ".getVideoTracks().length") == 0  # the camera itself is off, not just hidden
            press(joost.get_by_role("button", name="Camera", exact=True))
            expect(marieke.locator(".vpa-call__tile[data-connection='connected']")).not_to_contain_text("camera uit")

            # Joost leaves: Marieke's tile for him goes.
            joost.get_by_role("button", name="Gesprek verlaten").click()
            expect(marieke.locator(".vpa-call__tile:not(.vpa-call__tile--own)")).to_have_count(0)

            # He joins again; then the facilitator removes him from the group on the group page. His socket is
            # closed at once (4403): his browser hangs up and stops the camera, and Marieke's tile for him goes.
            joost.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect(marieke.locator(".vpa-call__tile[data-connection='connected']")).to_have_count(1, timeout=20_000)
            chair = self.page_for(browsers[0], self.chair)
            chair.goto(f"{self.live_server_url}/intervisie/groepen/{self.session.group_id}/")
            chair.get_by_role("button", name="Uit de groep halen (Joost Jansen)").click()
            expect(chair.get_by_text("Joost Jansen is geen lid meer van de groep.")).to_be_visible()
            expect(joost.locator("#gesprek-status")).to_have_text("Het gesprek is beëindigd.")
            expect(joost.locator(".vpa-call__tile")).to_have_count(0)
            expect(marieke.locator(".vpa-call__tile:not(.vpa-call__tile--own)")).to_have_count(0)
            for browser in browsers:
                browser.close()

    def test_beyond_four_participants_everyone_sends_low_resolution_video(self):
        from playwright.sync_api import expect, sync_playwright

        scales = """() => window.__connections.filter((c) => c.connectionState !== "closed").flatMap((c) =>
            c.getSenders().filter((s) => s.track && s.track.kind === "video")
             .map((s) => s.getParameters().encodings[0].scaleResolutionDownBy || 1))"""
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=FAKE_MEDIA + ["--use-fake-ui-for-media-stream"])
            pages = [self.page_for(browser, user) for user in (self.chair, self.marieke, self.joost, self.fatma)]
            for page in pages:
                page.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect_connected(pages, 3)
            for page in pages:
                page.wait_for_function(f"() => ({scales})().length === 3")
                assert page.evaluate(scales) == [1, 1, 1]
            fifth = self.page_for(browser, self.sanne)
            fifth.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect_connected(pages + [fifth], 4)
            for page in pages + [fifth]:
                page.wait_for_function(f"() => (({scales})()).join() === '2,2,2,2'")
                expect(page.locator("#gesprek")).to_have_attribute("data-quality", "laag")
            fifth.get_by_role("button", name="Gesprek verlaten").click()
            for page in pages:
                page.wait_for_function(f"() => (({scales})()).join() === '1,1,1'")
                expect(page.locator("#gesprek")).to_have_attribute("data-quality", "normaal")
            browser.close()

    def test_a_connection_that_no_one_negotiates_offers_by_itself(self):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=FAKE_MEDIA + ["--use-fake-ui-for-media-stream"])
            pages = [self.page_for(browser, user, NO_NEGOTIATIONNEEDED) for user in (self.marieke, self.joost)]
            for page in pages:
                page.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect_connected(pages, 1)
            browser.close()

    def test_a_refused_camera_and_microphone_get_a_dutch_message(self):
        from playwright.sync_api import expect, sync_playwright

        with sync_playwright() as playwright:
            # Without --use-fake-ui-for-media-stream, headless Chromium refuses the permission.
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FAKE_MEDIA)
            page = self.page_for(browser, self.marieke)
            page.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect(page.get_by_role("alert").filter(has_text="camera")).to_contain_text(
                "Uw browser geeft deze pagina geen toegang tot camera en microfoon")
            expect(page.get_by_role("button", name="Deelnemen met camera en microfoon")).to_be_visible()
            browser.close()

    def test_a_refused_camera_falls_back_to_audio_only(self):
        from playwright.sync_api import expect, sync_playwright

        with sync_playwright() as playwright:
            # Marieke's browser allows the microphone but refuses the camera; Joost's allows both.
            refusing = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FAKE_MEDIA)
            allowing = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                  args=FAKE_MEDIA + ["--use-fake-ui-for-media-stream"])
            marieke = self.page_for(refusing, self.marieke)
            marieke.context.grant_permissions(["microphone"], origin=self.live_server_url)
            joost = self.page_for(allowing, self.joost)
            marieke.get_by_role("button", name="Deelnemen met camera en microfoon").click()
            expect(marieke.locator("#gesprek-melding")).to_have_text(
                "Uw browser geeft deze pagina geen toegang tot uw camera. Sta toegang toe via het slotje of het "
                "camera-icoon naast het webadres en probeer het opnieuw. U doet nu alleen met geluid mee.")
            expect(marieke.get_by_role("button", name="Camera", exact=True)).to_have_attribute("aria-pressed", "false")
            joost.get_by_role("button", name="Deelnemen met camera en microfoon").click()

            for page in (marieke, joost):
                expect(page.locator(".vpa-call__tile[data-connection='connected']")).to_have_count(1, timeout=20_000)
            expect(joost.locator(".vpa-call__tile[data-connection='connected']")).to_contain_text(
                "Marieke van den Berg – camera uit")
            # Marieke still sees Joost, and each hears the other.
            for page, video in ((marieke, True), (joost, False)):
                before = media_flowing(page, video)
                time.sleep(1.5)
                after = page.evaluate(MEDIA_STATS)
                assert after["totalSamplesReceived"] > before["totalSamplesReceived"] > 0, (before, after)
            assert joost.evaluate(MEDIA_STATS)["framesDecoded"] == 0  # no video from Marieke

            # Trying the camera again is refused again, with the same clear message; the call goes on.
            press(marieke.get_by_role("button", name="Camera", exact=True))
            expect(marieke.locator("#gesprek-melding")).to_contain_text("geen toegang tot uw camera")
            expect(marieke.locator(".vpa-call__tile[data-connection='connected']")).to_have_count(1)
            refusing.close()
            allowing.close()
