"""Signalling for the room's peer-to-peer calls (audio and video between the members' browsers, a mesh).

The server only introduces the browsers to each other: offers, answers and ICE candidates go from one room
connection to one named member of the same room, and never anywhere else. Media never passes the server and
nothing is recorded or stored: signalling payloads are validated, rebuilt from their checked fields, relayed
through the channel layer and forgotten, never logged.

A connection that joins the call gets a random peer id. Every room connection is in its user's channel group
in this room (room.user_group_name), so a message addressed to (user, peer) reaches that connection on
whichever worker holds it; the others of that user ignore it. Announcements
(`call.joined`, `call.media`, `call.left`) go to the room's group. Protocol: docs/websocket-protocol.md.
"""

import re
import secrets

from channels.db import database_sync_to_async

from . import groups, room, turn
from .models import Session

MAX_SDP_CHARS = 32_000
MAX_CANDIDATES = 20
RATE_LIMIT = 400  # signalling messages per user per rate window (ICE candidates come in bursts per peer)
PEER_ID = re.compile(r"[0-9a-f]{16}")
CANDIDATE_FIELDS = {"candidate", "sdpMid", "sdpMLineIndex", "usernameFragment"}


def _bool(v):
    return isinstance(v, bool)


def _user(v):
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 2**62


def _peer(v):
    return isinstance(v, str) and PEER_ID.fullmatch(v) is not None


def _sdp(v):
    return isinstance(v, str) and v.startswith("v=0") and len(v) <= MAX_SDP_CHARS


def _optional_str(v, max_len):
    return v is None or (isinstance(v, str) and len(v) <= max_len)


def _candidate(c):
    return (isinstance(c, dict) and set(c) <= CANDIDATE_FIELDS and isinstance(c.get("candidate"), str)
            and len(c["candidate"]) <= 1000 and (c["candidate"] == "" or c["candidate"].startswith("candidate:"))
            and _optional_str(c.get("sdpMid"), 64) and _optional_str(c.get("usernameFragment"), 256)
            and (c.get("sdpMLineIndex") is None or _index(c["sdpMLineIndex"])))


def _index(v):
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 64


def _candidates(v):
    return isinstance(v, list) and 1 <= len(v) <= MAX_CANDIDATES and all(_candidate(c) for c in v)


# type: {field: (validator, required)}, merged into consumers.SCHEMA
SCHEMA = {
    "call.join": {"audio": (_bool, True), "video": (_bool, True)},
    "call.media": {"audio": (_bool, True), "video": (_bool, True)},
    "call.leave": {},
    "call.offer": {"to": (_user, True), "peer": (_peer, True), "sdp": (_sdp, True)},
    "call.answer": {"to": (_user, True), "peer": (_peer, True), "sdp": (_sdp, True)},
    "call.ice": {"to": (_user, True), "peer": (_peer, True), "candidates": (_candidates, True)},
}
ADDRESSED = {"call.offer", "call.answer", "call.ice"}


def budget(message):
    """(rate bucket, limit) for a signalling message, None for other messages."""
    if message is not None and message["type"] in SCHEMA:
        return "callrate", RATE_LIMIT
    return None


@database_sync_to_async
def in_room(session_id, user_id):
    """Whether the user may be in this session's room now (a member or its facilitator)."""
    from lms.accounts.models import User

    session = Session.objects.select_related("group").filter(pk=session_id).first()
    user = User.objects.filter(pk=user_id).first()
    return session is not None and user is not None and groups.may_enter(user, session.group)


async def handle(consumer, message):
    """Apply a validated call.* message from a connection whose access was just checked."""
    kind = message["type"]
    if kind == "call.join":
        return await join(consumer, message["audio"], message["video"])
    if consumer.call_peer is None:
        raise room.RoomError("not_in_call", "Neem eerst deel aan het gesprek.")
    if kind == "call.leave":
        return await leave(consumer)
    if kind == "call.media":
        return await announce(consumer, {"type": "call.media", "audio": message["audio"], "video": message["video"]})
    to = message["to"]
    if to == consumer.user.pk and message["peer"] == consumer.call_peer:
        raise room.RoomError("invalid", "U kunt geen verbinding met uzelf maken.")
    if not await in_room(consumer.info["id"], to):
        raise room.RoomError("not_in_room", "Deze persoon hoort niet bij deze bijeenkomst.")
    event = {"type": kind, "from": consumer.user.pk, "from_peer": consumer.call_peer, "peer": message["peer"]}
    if kind == "call.ice":
        event["candidates"] = [{k: c[k] for k in CANDIDATE_FIELDS if k in c} for c in message["candidates"]]
    else:
        event["sdp"] = message["sdp"]
    await consumer.channel_layer.group_send(room.user_group_name(consumer.info["key"], to),
                                            {"type": "call.signal", "event": event})


async def join(consumer, audio, video):
    if consumer.call_peer is not None:
        await leave(consumer)  # joining again (e.g. after a media change) starts afresh
    info = consumer.info
    consumer.call_peer = secrets.token_hex(8)
    expires = (info["ends_at"] + room.OPEN_AFTER_END).timestamp()  # TURN works as long as the room is open
    await consumer.send_json({"type": "call.welcome", "peer": consumer.call_peer, "expires": int(expires),
                              "ice_servers": turn.ice_servers(consumer.user.pk, expires)})
    await announce(consumer, {"type": "call.joined", "audio": audio, "video": video})


async def leave(consumer):
    """Leave the call (a `call.leave`, a new `call.join` or the socket closing)."""
    if consumer.call_peer is None:
        return
    if consumer.info is not None:
        await announce(consumer, {"type": "call.left"})
    consumer.call_peer = None


async def announce(consumer, event):
    event = {**event, "from": consumer.user.pk, "from_peer": consumer.call_peer}
    await consumer.channel_layer.group_send(room.group_name(consumer.info["key"]), {"type": "call.broadcast", "event": event})


# Channel layer handlers (the consumer's call_signal and call_broadcast).

async def deliver(consumer, message):
    """An addressed message: only for the connection (peer) it names, while it is in the call."""
    event = message["event"]
    if consumer.info is not None and consumer.call_peer is not None and event["peer"] == consumer.call_peer:
        await consumer.send_json(event)


async def deliver_announcement(consumer, message):
    """An announcement to the room: for every other connection in the call."""
    event = message["event"]
    if consumer.info is not None and consumer.call_peer not in (None, event["from_peer"]):
        await consumer.send_json(event)
