"""STUN/TURN settings and coturn's REST secret credentials; no recording in the call's client."""

import base64
import hashlib
import hmac
import time

from django.contrib.staticfiles import finders
from django.test import override_settings

from intervisie import turn


def test_turn_credentials_follow_coturns_rest_secret_scheme():
    username, credential = turn.credentials("geheim", 42, 1764345600.7)
    assert username == "1764345600:42"
    expected = base64.b64encode(hmac.new(b"geheim", b"1764345600:42", hashlib.sha1).digest()).decode()
    assert credential == expected
    # A known vector, computed independently: printf '1764345600:42' | openssl dgst -sha1 -hmac geheim -binary | base64
    assert credential == "TNT+xjiQiUWHXwjLsPiviM75fRE="
    assert turn.credentials("ander-geheim", 42, 1764345600)[1] != credential
    assert turn.credentials("geheim", 43, 1764345600)[1] != credential


@override_settings(WEBRTC_STUN_URLS=[], WEBRTC_TURN_URLS=[], WEBRTC_TURN_SECRET="")
def test_without_settings_there_are_no_ice_servers():
    assert turn.ice_servers(1, time.time() + 60) == []


@override_settings(WEBRTC_STUN_URLS=["stun:turn.example.test:3478"], WEBRTC_TURN_URLS=["turns:turn.example.test:5349"],
                   WEBRTC_TURN_SECRET="")
def test_turn_needs_its_secret():
    assert turn.ice_servers(1, time.time() + 60) == [{"urls": ["stun:turn.example.test:3478"]}]


def test_no_recording_in_the_call_client():
    source = open(finders.find("intervisie/call.js"), encoding="utf-8").read()
    assert "getUserMedia" in source
    for recorder in ("MediaRecorder", "captureStream", "indexedDB", "localStorage"):
        assert recorder not in source
