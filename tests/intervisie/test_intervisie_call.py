"""Signalling for the room's calls (channels' WebsocketCommunicator against the real ASGI stack): offers, answers
and ICE candidates reach only the named member's connection in the same room, are validated and size-limited,
outsiders and removed members get nothing through, TURN credentials go to members only, and no signalling
payload is logged or stored. The browser side is in test_intervisie_call_browser.py."""

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
import time
import uuid
from datetime import timedelta

import pytest
import redis
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from intervisie import groups, room, schedule, signalling, turn
from intervisie.consumers import RATE_WINDOW
from intervisie.store import store
from lms.accounts.models import Role
from lms.asgi import application
from tests.conftest import make_user, require

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
CANDIDATE = {"candidate": "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "sdpMid": "0",
             "sdpMLineIndex": 0, "usernameFragment": "abcd"}


@pytest.fixture(autouse=True)
def fresh_layer_and_rate_counts(facilitator, vp, other_vp, third_vp, outsider):
    channel_layers.backends.clear()  # every test has its own event loop, and so its own channel layer
    yield
    window = int(time.time()) // RATE_WINDOW
    store().sync_delete(*[f"{bucket}:{user.pk}:{w}" for bucket in ("rate", "callrate")
                          for user in (facilitator, vp, other_vp, third_vp, outsider)
                          for w in (window - 1, window, window + 1)])


@pytest.fixture
def live_session(group, facilitator, incident_method):
    (session,) = schedule.plan_session(group, facilitator, timezone.now() + timedelta(minutes=5), 60, incident_method)
    return session


@pytest.fixture
def cookies(facilitator, vp, other_vp, third_vp, outsider):
    result = {}
    for name, user in {"facilitator": facilitator, "vp": vp, "other_vp": other_vp, "third_vp": third_vp,
                       "outsider": outsider}.items():
        client = Client()
        client.force_login(user)
        result[name] = client.cookies["sessionid"].value
    return result


def communicator(session_id, cookie):
    headers = [(b"origin", b"http://localhost"), (b"cookie", f"sessionid={cookie}".encode())]
    return WebsocketCommunicator(application, f"/ws/intervisie/bijeenkomsten/{session_id}/", headers=headers)


async def enter(session, cookie):
    ws = communicator(session.pk, cookie)
    assert (await ws.connect())[0]
    assert (await ws.receive_json_from())["type"] == "state"
    return ws


async def next_of(ws, kind, timeout=2):
    """The next message of a type, skipping others (presence updates of people joining the room)."""
    while True:
        message = await ws.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def nothing_of(ws, kinds, timeout=0.3):
    """Assert that no message of these types arrives (other messages, such as presence, may)."""
    while not await ws.receive_nothing(timeout=timeout):
        message = await ws.receive_json_from()
        assert message["type"] not in kinds, message


async def send(ws, **message):
    await ws.send_to(text_data=json.dumps(message))


async def join_call(session, cookie, video=True):
    ws = await enter(session, cookie)
    await send(ws, type="call.join", audio=True, video=video)
    welcome = await next_of(ws, "call.welcome")
    return ws, welcome["peer"]


# Routing


@override_settings(WEBRTC_STUN_URLS=["stun:turn.example.test:3478"],
                   WEBRTC_TURN_URLS=["turn:turn.example.test:3478?transport=udp", "turns:turn.example.test:5349"],
                   WEBRTC_TURN_SECRET="coturn-geheim")
async def test_members_get_short_lived_turn_credentials_when_they_join_the_call(live_session, cookies, vp):
    ws, peer = await join_call(live_session, cookies["vp"])
    await send(ws, type="call.leave")
    await send(ws, type="call.join", audio=True, video=False)
    welcome = await next_of(ws, "call.welcome")
    assert welcome["peer"] != peer and len(welcome["peer"]) == 16
    stun, relay = welcome["ice_servers"]
    assert stun == {"urls": ["stun:turn.example.test:3478"]}
    expiry, user_id = relay["username"].split(":")
    room_closes = (live_session.ends_at + room.OPEN_AFTER_END).timestamp()
    assert int(user_id) == vp.pk and int(expiry) == int(room_closes) == welcome["expires"]
    assert int(expiry) - time.time() < 4 * 3600  # valid while the room is open, no longer
    assert relay["credential"] == turn.credentials("coturn-geheim", vp.pk, room_closes)[1]
    assert relay["urls"] == ["turn:turn.example.test:3478?transport=udp", "turns:turn.example.test:5349"]
    await ws.disconnect()


async def test_offer_answer_and_candidates_reach_only_the_named_connection(live_session, cookies, vp, other_vp,
                                                                           facilitator):
    marieke, marieke_peer = await join_call(live_session, cookies["vp"])
    joost, joost_peer = await join_call(live_session, cookies["other_vp"])
    joined = await next_of(marieke, "call.joined")
    assert joined == {"type": "call.joined", "from": other_vp.pk, "from_peer": joost_peer, "audio": True, "video": True}
    chair = await enter(live_session, cookies["facilitator"])  # in the room but not in the call
    # Joost's second tab joins the call too: it is the same user, another peer.
    joost_tab, joost_tab_peer = await join_call(live_session, cookies["other_vp"])

    await send(marieke, type="call.offer", to=other_vp.pk, peer=joost_peer, sdp=OFFER)
    offer = await next_of(joost, "call.offer")
    assert offer == {"type": "call.offer", "from": vp.pk, "from_peer": marieke_peer, "peer": joost_peer, "sdp": OFFER}
    await send(joost, type="call.answer", to=vp.pk, peer=marieke_peer, sdp=OFFER.replace("4611", "5722"))
    answer = await next_of(marieke, "call.answer")
    assert answer["from"] == other_vp.pk and answer["from_peer"] == joost_peer and "5722" in answer["sdp"]
    await send(marieke, type="call.ice", to=other_vp.pk, peer=joost_peer, candidates=[CANDIDATE, {"candidate": ""}])
    ice = await next_of(joost, "call.ice")
    assert ice["candidates"] == [CANDIDATE, {"candidate": ""}] and ice["from_peer"] == marieke_peer

    # Nothing of it reached Joost's other tab, the facilitator outside the call, or the sender.
    await nothing_of(joost_tab, {"call.offer", "call.answer", "call.ice"})
    await nothing_of(chair, {"call.offer", "call.answer", "call.ice", "call.joined"})
    await nothing_of(marieke, {"call.offer", "call.ice"})

    # Leaving is announced to the others in the call.
    await send(joost, type="call.media", audio=False, video=True)
    assert (await next_of(marieke, "call.media"))["audio"] is False
    await joost.disconnect()
    left = await next_of(marieke, "call.left")
    assert left == {"type": "call.left", "from": other_vp.pk, "from_peer": joost_peer}
    for ws in (marieke, chair, joost_tab):
        await ws.disconnect()


async def test_signalling_to_someone_outside_the_room_is_refused(live_session, cookies, vp, outsider, group,
                                                                 facilitator, incident_method):
    marieke, _ = await join_call(live_session, cookies["vp"])
    await send(marieke, type="call.offer", to=outsider.pk, peer="0123456789abcdef", sdp=OFFER, id="o-1")
    error = await next_of(marieke, "error")
    assert error["code"] == "not_in_room" and error["id"] == "o-1" and "hoort niet bij" in error["message"]
    await send(marieke, type="call.ice", to=999_999, peer="0123456789abcdef", candidates=[CANDIDATE])
    assert (await next_of(marieke, "error"))["code"] == "not_in_room"

    # The outsider, in a room of their own group, cannot reach a member of this room either.
    other_group = await database_sync_to_async(groups.create_group)(facilitator, "Andere groep", incident_method)
    for member in (outsider, *[await database_sync_to_async(make_user)(f"lid{n}@example.test", Role.VP) for n in (1, 2)]):
        await database_sync_to_async(groups.add_member)(other_group, facilitator, member)
    (other_session,) = await database_sync_to_async(schedule.plan_session)(
        other_group, facilitator, timezone.now() + timedelta(minutes=5), 60, incident_method)
    karel, _ = await join_call(other_session, cookies["outsider"])
    marieke_tab = await enter(live_session, cookies["vp"])  # another tab of Marieke, not in the call
    await send(karel, type="call.offer", to=vp.pk, peer="0123456789abcdef", sdp=OFFER)
    assert (await next_of(karel, "error"))["code"] == "not_in_room"
    await nothing_of(marieke, {"call.offer"})
    for ws in (marieke, karel, marieke_tab):
        await ws.disconnect()


async def test_a_non_members_signalling_message_is_refused(live_session, cookies, vp, other_vp, facilitator, group):
    marieke, marieke_peer = await join_call(live_session, cookies["vp"])
    # An outsider's socket is closed at once (4403); whatever it sends afterwards reaches nobody.
    karel = communicator(live_session.pk, cookies["outsider"])
    assert (await karel.connect())[0]
    assert await karel.receive_output(timeout=2) == {"type": "websocket.close", "code": 4403}
    await send(karel, type="call.offer", to=vp.pk, peer=marieke_peer, sdp=OFFER)
    await nothing_of(marieke, {"call.offer"})

    # A member removed during the call: their socket is closed at once (4403), which ends their calls (media goes
    # between the browsers: the server can only make them hang up), and the others hear that they left.
    joost, joost_peer = await join_call(live_session, cookies["other_vp"])
    chair = await enter(live_session, cookies["facilitator"])  # in the room, not in the call: stays
    assert (await next_of(marieke, "call.joined"))["from_peer"] == joost_peer
    await database_sync_to_async(groups.remove_member)(group, facilitator, other_vp)
    output = await joost.receive_output(timeout=2)
    while output["type"] == "websocket.send":
        output = await joost.receive_output(timeout=2)
    assert output == {"type": "websocket.close", "code": 4403}
    assert (await next_of(marieke, "call.left"))["from_peer"] == joost_peer
    await send(joost, type="call.offer", to=vp.pk, peer=marieke_peer, sdp=OFFER)  # too late: goes nowhere
    await nothing_of(marieke, {"call.offer"})
    await send(chair, type="chat", text="nog hier")
    assert (await next_of(chair, "chat"))["text"] == "nog hier"
    await chair.disconnect()

    # Nor can a member still reach the removed member.
    await send(marieke, type="call.offer", to=other_vp.pk, peer=joost_peer, sdp=OFFER)
    assert (await next_of(marieke, "error"))["code"] == "not_in_room"
    await marieke.disconnect()


async def test_signalling_needs_a_joined_call_and_valid_fields(live_session, cookies, vp, other_vp):
    joost, joost_peer = await join_call(live_session, cookies["other_vp"])
    marieke = await enter(live_session, cookies["vp"])
    await send(marieke, type="call.offer", to=other_vp.pk, peer=joost_peer, sdp=OFFER)
    assert (await next_of(marieke, "error"))["code"] == "not_in_call"
    await nothing_of(joost, {"call.offer"})

    await send(marieke, type="call.join", audio=True, video=True)
    marieke_peer = (await next_of(marieke, "call.welcome"))["peer"]
    bad = [
        {"type": "call.offer", "to": other_vp.pk, "peer": joost_peer},  # no sdp
        {"type": "call.offer", "to": other_vp.pk, "peer": joost_peer, "sdp": "geen sdp"},
        {"type": "call.offer", "to": other_vp.pk, "peer": joost_peer, "sdp": "v=0" + "a" * signalling.MAX_SDP_CHARS},
        {"type": "call.offer", "to": str(other_vp.pk), "peer": joost_peer, "sdp": OFFER},
        {"type": "call.offer", "to": other_vp.pk, "peer": "kanaal.specific!", "sdp": OFFER},
        {"type": "call.offer", "to": other_vp.pk, "peer": joost_peer, "sdp": OFFER, "record": True},
        {"type": "call.ice", "to": other_vp.pk, "peer": joost_peer, "candidates": []},
        {"type": "call.ice", "to": other_vp.pk, "peer": joost_peer, "candidates": [CANDIDATE] * 21},
        {"type": "call.ice", "to": other_vp.pk, "peer": joost_peer, "candidates": [{**CANDIDATE, "extra": 1}]},
        {"type": "call.ice", "to": other_vp.pk, "peer": joost_peer, "candidates": [{**CANDIDATE, "sdpMLineIndex": "0"}]},
        {"type": "call.ice", "to": other_vp.pk, "peer": joost_peer, "candidates": [{"candidate": "a=x" * 400}]},
        {"type": "call.join", "audio": "ja", "video": True},
    ]
    for message in bad:
        await send(marieke, **message)
        assert (await next_of(marieke, "error"))["code"] == "invalid", message
    await send(marieke, type="call.offer", to=vp.pk, peer=marieke_peer, sdp=OFFER)
    assert (await next_of(marieke, "error"))["code"] == "invalid"  # not to itself
    await nothing_of(joost, {"call.offer", "call.ice"})
    for ws in (marieke, joost):
        await ws.disconnect()


async def test_signalling_has_its_own_rate_budget(live_session, cookies, other_vp):
    joost, joost_peer = await join_call(live_session, cookies["other_vp"])
    marieke, _ = await join_call(live_session, cookies["vp"])
    while time.time() % RATE_WINDOW > RATE_WINDOW - 4:  # all messages within one counting window
        await asyncio.sleep(0.2)
    for _ in range(60):  # more than the room's 40 messages, fewer than the call's budget
        await send(marieke, type="call.ice", to=other_vp.pk, peer=joost_peer, candidates=[CANDIDATE])
    for _ in range(60):
        await next_of(joost, "call.ice")
    await send(marieke, type="chat", text="nog ruimte voor de chat")
    assert (await next_of(marieke, "chat"))["text"] == "nog ruimte voor de chat"
    for ws in (marieke, joost):
        await ws.disconnect()


async def test_signalling_payloads_are_never_logged_or_stored(live_session, cookies, vp, other_vp, caplog):
    caplog.set_level(logging.DEBUG)
    secret_sdp = OFFER + "a=x-geheim:5e1f77\r\n"
    secret_candidate = {**CANDIDATE, "candidate": "candidate:9 1 udp 1 10.99.88.77 40404 typ host"}
    marieke, marieke_peer = await join_call(live_session, cookies["vp"])
    joost, joost_peer = await join_call(live_session, cookies["other_vp"])
    await send(marieke, type="call.offer", to=other_vp.pk, peer=joost_peer, sdp=secret_sdp)
    assert (await next_of(joost, "call.offer"))["sdp"] == secret_sdp
    await send(joost, type="call.ice", to=vp.pk, peer=marieke_peer, candidates=[secret_candidate])
    assert (await next_of(marieke, "call.ice"))["candidates"] == [secret_candidate]
    for ws in (marieke, joost):
        await ws.disconnect()

    def dump_database():
        rows = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f'SELECT * FROM "{table}"')
                rows.extend(repr(row) for row in cursor.fetchall())
        return "\n".join(rows)

    everything = await database_sync_to_async(dump_database)()
    state = json.dumps(store().sync_get(f"room:{live_session.uid.hex}:state"))
    assert str(vp.pk) in state  # the room's state is there (presence), and it is searched
    for secret in ("5e1f77", "10.99.88.77", joost_peer, marieke_peer):
        assert secret not in everything
        assert secret not in caplog.text
        assert secret not in state


def _redis_url():
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


async def test_signalling_crosses_workers_through_a_redis_channel_layer(live_session, cookies, vp, other_vp):
    """Two consumers with separate Redis channel layer instances, as on two worker processes: the offer goes
    from one to the other through Redis, not through one process's memory."""
    url = _redis_url()
    require(url, "Redis")
    layers = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                          "CONFIG": {"hosts": [{"address": url, "socket_timeout": None}],
                                     "prefix": f"test-call-{uuid.uuid4().hex[:8]}"}}}
    with override_settings(CHANNEL_LAYERS=layers):
        channel_layers.backends.clear()
        marieke, marieke_peer = await join_call(live_session, cookies["vp"])
        first_worker = channel_layers.backends.pop("default")  # the next consumer gets a layer of its own
        joost, joost_peer = await join_call(live_session, cookies["other_vp"])
        assert channel_layers["default"] is not first_worker and type(first_worker).__name__ == "RedisChannelLayer"
        assert (await next_of(marieke, "call.joined"))["from_peer"] == joost_peer
        await send(joost, type="call.offer", to=vp.pk, peer=marieke_peer, sdp=OFFER)
        offer = await next_of(marieke, "call.offer")
        assert offer["from"] == other_vp.pk and offer["sdp"] == OFFER
        await send(marieke, type="call.answer", to=other_vp.pk, peer=joost_peer, sdp=OFFER)
        assert (await next_of(joost, "call.answer"))["from_peer"] == marieke_peer
        for ws in (marieke, joost):
            await ws.disconnect()
        await first_worker.flush()
    channel_layers.backends.clear()
