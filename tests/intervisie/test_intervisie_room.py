"""The live room over WebSockets (channels' WebsocketCommunicator against the real ASGI stack):
access on connect and on every action, presence, roles, hands, chat, phases, sequence numbers and resync,
malformed, oversized and too many messages, reconnects, the case form and confidentiality."""

import asyncio
import json
import logging
import time
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.db import connection
from django.test import Client
from django.utils import timezone

from intervisie import attendance, consumers, groups, room, schedule
from intervisie.consumers import MAX_MESSAGE_BYTES, RATE_LIMIT, RATE_WINDOW
from intervisie.models import RoomSnapshot, Session
from intervisie.store import store
from lms.asgi import application

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

CASE = ("Piotr Kowalski (34) werkt bij Vion in Boxtel. Zijn teamleider Jeroen van der Linden noemt hem "
        "een luie Polak. Hij belde mij op 06-12345678.")


@pytest.fixture(autouse=True)
def forget_rate_counts():
    """User ids come back after a transactional test's flush: their rate counts must not carry over.
    (Room state needs no cleaning: it is keyed by the session's UUID.) Every test runs in its own event loop,
    so it also gets its own channel layer: a Redis layer's locks belong to the loop that made them."""
    channel_layers.backends.clear()
    yield
    consumers.counters.counts.clear()


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


def communicator(session_id, cookie=None, origin=b"http://localhost"):
    headers = [(b"origin", origin)]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    return WebsocketCommunicator(application, f"/ws/intervisie/bijeenkomsten/{session_id}/", headers=headers)


async def join(session, cookie):
    ws = communicator(session.pk, cookie)
    connected, _ = await ws.connect()
    assert connected
    state = await ws.receive_json_from()
    assert state["type"] == "state"
    return ws, state


async def next_of(ws, kind, timeout=2, where=lambda message: True):
    """The next message of a type (that meets `where`), skipping others (presence updates of people joining)."""
    while True:
        message = await ws.receive_json_from(timeout=timeout)
        if message["type"] == kind and where(message):
            return message


async def send(ws, **message):
    await ws.send_to(text_data=json.dumps(message))


async def assert_closed_with(ws, code, skip_sends=False):
    output = await ws.receive_output(timeout=2)
    while skip_sends and output["type"] == "websocket.send":
        output = await ws.receive_output(timeout=2)
    assert output == {"type": "websocket.close", "code": code}
    await ws.wait()


async def test_outsider_anonymous_and_early_joins_get_a_close_code_and_nothing_else(live_session, cookies, group,
                                                                                  facilitator, incident_method):
    ws = communicator(live_session.pk, cookies["outsider"])
    assert (await ws.connect())[0]
    await assert_closed_with(ws, 4403)
    ws = communicator(live_session.pk)
    assert (await ws.connect())[0]
    await assert_closed_with(ws, 4401)
    ws = communicator(999999, cookies["vp"])
    assert (await ws.connect())[0]
    await assert_closed_with(ws, 4403)
    later = await database_sync_to_async(schedule.plan_session)(
        group, facilitator, timezone.now() + timedelta(minutes=20), 60, incident_method)
    ws = communicator(later[0].pk, cookies["vp"])
    assert (await ws.connect())[0]
    await assert_closed_with(ws, 4409)
    ws = communicator(live_session.pk, cookies["vp"], origin=b"http://evil.example")
    assert not (await ws.connect())[0]  # AllowedHostsOriginValidator


async def test_presence_roles_hands_with_sequence_numbers_and_chat(live_session, cookies, vp, other_vp, facilitator):
    chair, state = await join(live_session, cookies["facilitator"])
    assert state["is_facilitator"] and state["roles"][str(facilitator.pk)] == "gespreksleider"
    assert [p["name"] for p in state["phases"]][:2] == ["Incident vertellen", "Informatieve vragen"]
    assert state["presence"][str(facilitator.pk)]["online"]
    member, state = await join(live_session, cookies["vp"])
    assert not state["is_facilitator"] and state["people"][str(vp.pk)] == "Marieke van den Berg"
    presence = await next_of(chair, "presence", where=lambda m: str(vp.pk) in m["presence"])
    assert presence["presence"][str(vp.pk)]["online"] and presence["seq"] == state["seq"]

    await send(member, type="hand", raised=True)
    hands = [await next_of(ws, "hands") for ws in (chair, member)]
    assert hands[0] == hands[1] and hands[0]["hands"] == [vp.pk] and hands[0]["seq"] == state["seq"] + 1

    await send(chair, type="chat", text="Welkom allemaal")
    chats = [await next_of(ws, "chat") for ws in (chair, member)]
    assert chats[0]["text"] == "Welkom allemaal" and chats[0]["from"] == facilitator.pk
    assert chats[0] == chats[1] and "seq" not in chats[0]  # relayed, not part of the state

    await send(chair, type="role.assign", user=vp.pk, role="inbrenger")
    roles = await next_of(member, "roles")
    assert roles["roles"][str(vp.pk)] == "inbrenger" and roles["seq"] == hands[0]["seq"] + 1
    await send(chair, type="role.assign", user=other_vp.pk, role="inbrenger")
    roles = await next_of(member, "roles")
    assert roles["roles"][str(vp.pk)] == "deelnemer" and roles["roles"][str(other_vp.pk)] == "inbrenger"

    await send(member, type="role.assign", user=vp.pk, role="inbrenger")
    error = await next_of(member, "error")
    assert error["code"] == "forbidden"
    await member.disconnect()
    presence = await next_of(chair, "presence")
    assert not presence["presence"][str(vp.pk)]["online"] and presence["hands"] == []
    await chair.disconnect()


async def test_phases_use_absolute_end_times(live_session, cookies):
    chair, _ = await join(live_session, cookies["facilitator"])
    member, _ = await join(live_session, cookies["vp"])
    await send(member, type="phase.start")
    assert (await next_of(member, "error"))["code"] == "forbidden"

    await send(chair, type="phase.start")
    started = [await next_of(ws, "phase") for ws in (chair, member)]
    phase = started[0]["phase"]
    assert started[0] == started[1]
    assert phase["index"] == 0 and phase["status"] == "running" and phase["minutes"] == 5
    assert abs(phase["ends_at"] - (time.time() + 300)) < 3 and abs(started[0]["server_time"] - time.time()) < 3

    await send(chair, type="phase.extend", minutes=2)
    extended = (await next_of(member, "phase"))["phase"]
    assert extended["ends_at"] == pytest.approx(phase["ends_at"] + 120)

    await send(chair, type="phase.pause")
    paused = (await next_of(member, "phase"))["phase"]
    assert paused["status"] == "paused" and paused["ends_at"] is None and 415 < paused["remaining"] <= 420
    await send(chair, type="phase.pause")
    assert (await next_of(chair, "error"))["code"] == "invalid_state"
    await send(chair, type="phase.start")  # resume
    resumed = (await next_of(member, "phase"))["phase"]
    assert resumed["status"] == "running" and abs(resumed["ends_at"] - (time.time() + paused["remaining"])) < 3

    for index in range(1, 7):
        await send(chair, type="phase.next")
        assert (await next_of(member, "phase"))["phase"]["index"] == index
    await send(chair, type="phase.next")
    assert (await next_of(member, "phase"))["phase"]["status"] == "ended"
    await chair.disconnect()
    await member.disconnect()


async def test_reconnect_and_resync_get_the_full_current_state(live_session, cookies):
    chair, _ = await join(live_session, cookies["facilitator"])
    member, _ = await join(live_session, cookies["vp"])
    await send(chair, type="phase.start")
    await send(chair, type="phase.next")
    phase = (await next_of(member, "phase"))
    phase = (await next_of(member, "phase"))
    await member.disconnect()  # network drop
    await send(chair, type="chat", text="Ben je er nog?")  # missed by the member
    await next_of(chair, "chat")

    member, state = await join(live_session, cookies["vp"])
    assert state["phase"] == phase["phase"] and state["seq"] > phase["seq"]

    await send(member, type="resync")
    again = await next_of(member, "state")
    assert again["phase"] == phase["phase"] and again["seq"] == state["seq"]  # a resync changes nothing
    await chair.disconnect()
    await member.disconnect()


@pytest.mark.parametrize("frame, code", [
    ({"text_data": "dit is geen json"}, "invalid_json"),
    ({"text_data": "[1, 2]"}, "unknown_type"),
    ({"text_data": json.dumps({"type": "phase.destroy"})}, "unknown_type"),
    ({"text_data": json.dumps({"type": "chat"})}, "invalid"),
    ({"text_data": json.dumps({"type": "chat", "text": 5})}, "invalid"),
    ({"text_data": json.dumps({"type": "chat", "text": "x" * 1001})}, "invalid"),
    ({"text_data": json.dumps({"type": "chat", "text": "hoi", "admin": True})}, "invalid"),
    ({"text_data": json.dumps({"type": "hand", "raised": "ja"})}, "invalid"),
    ({"text_data": json.dumps({"type": "phase.extend", "minutes": 500})}, "invalid"),
    ({"text_data": json.dumps({"type": "chat", "text": "x" * (MAX_MESSAGE_BYTES + 1)})}, "too_large"),
    ({"bytes_data": b"\x00\x01"}, "invalid"),
])
async def test_malformed_and_oversized_messages_get_an_error_and_the_room_carries_on(live_session, cookies, frame, code):
    member, _ = await join(live_session, cookies["vp"])
    await member.send_to(**frame)
    error = await next_of(member, "error")
    assert error["code"] == code and error["message"]
    await send(member, type="chat", text="nog steeds hier")
    assert (await next_of(member, "chat"))["text"] == "nog steeds hier"
    await member.disconnect()


async def test_rate_limit_per_user_over_connections(live_session, cookies):
    first, _ = await join(live_session, cookies["vp"])
    second, _ = await join(live_session, cookies["vp"])
    while time.time() % RATE_WINDOW > RATE_WINDOW - 3:  # all messages within one counting window
        await asyncio.sleep(0.2)
    for n in range(RATE_LIMIT - 2):  # 38 hand changes and 2 chat messages: exactly the limit, all pass
        await send(first, type="hand", raised=bool(n % 2))
    for n in range(RATE_LIMIT - 2):
        await next_of(first, "hands")
    await send(first, type="chat", text="nummer 39")
    await send(first, type="chat", text="nummer 40")
    await next_of(first, "chat", where=lambda m: m["text"] == "nummer 40")
    await send(second, type="chat", text="nummer 41")  # another connection of the same user
    error = await next_of(second, "error")
    assert error["code"] == "rate_limited"
    await first.disconnect()
    await second.disconnect()


async def test_a_removed_member_is_evicted_at_once(live_session, cookies, vp, facilitator, group):
    member, _ = await join(live_session, cookies["vp"])
    second, _ = await join(live_session, cookies["vp"])  # every connection of theirs goes
    chair, _ = await join(live_session, cookies["facilitator"])
    await database_sync_to_async(groups.remove_member)(group, facilitator, vp)
    for ws in (member, second):
        await assert_closed_with(ws, 4403, skip_sends=True)  # after the presence updates it had already
    presence = await next_of(chair, "presence", where=lambda m: not m["presence"][str(vp.pk)]["online"])
    assert presence["presence"][str(facilitator.pk)]["online"]
    await chair.disconnect()


async def test_access_is_checked_again_in_the_database(live_session, cookies, vp, monkeypatch):
    """A change the room is not told about (here: the account blocked by a bulk update, which sends no signal) is
    found by the database check, which runs once the connection's grant is older than ACCESS_MAX_AGE (0 here)."""
    member, _ = await join(live_session, cookies["vp"])
    await send(member, type="hand", raised=True)
    await next_of(member, "hands")
    monkeypatch.setattr(consumers, "ACCESS_MAX_AGE", 0)
    await database_sync_to_async(type(vp).objects.filter(pk=vp.pk).update)(is_active=False)
    await send(member, type="chat", text="hallo")
    await assert_closed_with(member, 4403, skip_sends=True)


async def test_a_blocked_account_is_evicted_at_once(live_session, cookies, vp):
    member, _ = await join(live_session, cookies["vp"])
    vp.is_active = False
    await database_sync_to_async(vp.save)()
    await assert_closed_with(member, 4403, skip_sends=True)


async def test_cancelling_or_moving_a_session_closes_its_room_at_once(group, facilitator, incident_method, cookies):
    soon = timezone.now() + timedelta(minutes=5)
    plan = database_sync_to_async(schedule.plan_session)
    (cancelled,), (moved,) = [await plan(group, facilitator, soon, 60, incident_method) for _ in range(2)]
    first, _ = await join(cancelled, cookies["vp"])
    second, _ = await join(moved, cookies["vp"])
    await database_sync_to_async(schedule.cancel_session)(cancelled, facilitator, "Ziek")
    await assert_closed_with(first, 4410, skip_sends=True)
    await database_sync_to_async(schedule.reschedule_session)(moved, facilitator, soon + timedelta(days=7))
    await assert_closed_with(second, 4410, skip_sends=True)


async def test_case_is_scanned_corrected_and_shared(live_session, cookies, vp, other_vp):
    chair, _ = await join(live_session, cookies["facilitator"])
    presenter, _ = await join(live_session, cookies["vp"])
    listener, _ = await join(live_session, cookies["other_vp"])
    await send(presenter, type="case.scan", text=CASE)
    assert (await next_of(presenter, "error"))["code"] == "forbidden"  # not the inbrenger yet

    await send(chair, type="role.assign", user=vp.pk, role="inbrenger")
    await next_of(presenter, "roles")
    await send(presenter, type="case.scan", text=CASE, terms=["luie Polak"], id="scan-1")
    found = await next_of(presenter, "case.findings")
    assert found["id"] == "scan-1"
    assert [(f["kind"], f["text"]) for f in found["findings"]] == [
        ("person", "Piotr Kowalski"), ("age", "34"), ("org", "Vion"), ("place", "Boxtel"),
        ("person", "Jeroen van der Linden"), ("custom", "luie Polak"), ("phone", "06-12345678")]

    # Sharing with findings left unresolved is refused, and nothing reaches the others.
    await send(presenter, type="case.share", text=CASE)
    assert (await next_of(presenter, "error"))["code"] == "unresolved"
    # Accept every suggestion except the age, which the inbrenger edits, and dismiss the place on purpose.
    text = CASE
    for f in sorted(found["findings"], key=lambda f: -f["start"]):
        replacement = {"age": "midden dertig", "place": f["text"]}.get(f["kind"], f["suggestion"])
        text = text[:f["start"]] + replacement + text[f["end"]:]
    await send(presenter, type="case.share", text=text, dismissed=["Boxtel"], terms=["luie Polak"])
    shared = [await next_of(ws, "case") for ws in (presenter, listener, chair)]
    assert shared[1]["case"]["text"] == text
    assert "Kowalski" not in text and "collega A (midden dertig) werkt bij [organisatie] in Boxtel" in text
    # A reconnecting member gets the shared case with the state.
    await listener.disconnect()
    listener, state = await join(live_session, cookies["other_vp"])
    assert state["case"]["text"] == text
    # Only the inbrenger can withdraw it.
    await send(listener, type="case.withdraw")
    assert (await next_of(listener, "error"))["code"] == "forbidden"
    await send(presenter, type="case.withdraw")
    assert (await next_of(listener, "case"))["case"] is None
    for ws in (chair, presenter, listener):
        await ws.disconnect()


async def test_confidentiality_case_and_chat_never_reach_database_or_logs(live_session, cookies, vp, other_vp,
                                                                         facilitator, caplog):
    caplog.set_level(logging.DEBUG)
    secret_chat = "Geheim chatbericht over de kantine 7f3a"
    secret_case = "Geheime casus 9b2c over een conflict in het magazijn."
    chair, _ = await join(live_session, cookies["facilitator"])
    presenter, _ = await join(live_session, cookies["vp"])
    await send(chair, type="role.assign", user=vp.pk, role="inbrenger")
    await next_of(presenter, "roles")
    await send(presenter, type="case.scan", text=secret_case)
    await next_of(presenter, "case.findings")
    await send(presenter, type="case.share", text=secret_case)
    await next_of(chair, "case")
    await send(chair, type="chat", text=secret_chat)
    await next_of(presenter, "chat")
    await send(chair, type="phase.start")
    await next_of(presenter, "phase")

    # Close: attendance is recorded from presence, the room's state (with the case) is deleted, clients are told.
    await database_sync_to_async(Session.objects.filter(pk=live_session.pk).update)(
        starts_at=timezone.now() - timedelta(minutes=1))
    session = await database_sync_to_async(Session.objects.get)(pk=live_session.pk)
    minutes = await database_sync_to_async(room.minutes_present)(session)
    assert set(minutes) == {facilitator.pk, vp.pk}
    await database_sync_to_async(attendance.close_session)(
        session, facilitator, "Conflict in een magazijnteam", [vp], minutes, vp)
    await database_sync_to_async(room.forget)(session)
    assert (await next_of(presenter, "closed"))["type"] == "closed"
    await assert_closed_with(presenter, 4410)
    await chair.disconnect()

    assert store().sync_get(f"room:{session.uid.hex}:state") is None
    late = communicator(session.pk, cookies["vp"])  # the session is closed: no room any more
    assert (await late.connect())[0]
    await assert_closed_with(late, 4409)

    def dump_database():
        rows = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f'SELECT * FROM "{table}"')
                rows.extend(repr(row) for row in cursor.fetchall())
        return "\n".join(rows)

    everything = await database_sync_to_async(dump_database)()
    assert "Conflict in een magazijnteam" in everything  # the search does find what was stored
    for secret in ("7f3a", "9b2c", secret_chat, secret_case):
        assert secret not in everything
        assert secret not in caplog.text


@pytest.mark.services
async def test_a_room_resumes_from_its_snapshot_when_the_live_state_is_lost(live_session, cookies, vp, facilitator):
    """With Redis (make test-services): phase, timer and roles are copied to the database at each phase or role
    change, never the case; a room whose live state is gone resumes from that copy; closing deletes it."""
    assert store().shared, "needs REDIS_URL"
    chair, _ = await join(live_session, cookies["facilitator"])
    presenter, _ = await join(live_session, cookies["vp"])
    await send(chair, type="role.assign", user=vp.pk, role="inbrenger")
    await next_of(presenter, "roles")
    await send(presenter, type="case.share", text="Een collega voelt zich buitengesloten.")
    await next_of(chair, "case")
    await send(chair, type="phase.start")
    phase = (await next_of(presenter, "phase"))["phase"]
    await chair.disconnect()
    await presenter.disconnect()

    snapshot = await database_sync_to_async(RoomSnapshot.objects.get)(session=live_session)
    assert "buitengesloten" not in json.dumps([snapshot.phase, snapshot.roles, snapshot.seconds_present])
    store().sync_delete(f"room:{live_session.uid.hex}:state")  # as after a Redis restart
    presenter, state = await join(live_session, cookies["vp"])
    assert state["phase"]["index"] == 0 and state["phase"]["ends_at"] == phase["ends_at"]
    assert state["roles"][str(vp.pk)] == "inbrenger" and state["case"] is None  # the case is not kept anywhere
    assert state["presence"][str(facilitator.pk)]["online"] is False
    await presenter.disconnect()

    await database_sync_to_async(room.forget)(live_session)
    assert not await database_sync_to_async(RoomSnapshot.objects.filter(session=live_session).exists)()
