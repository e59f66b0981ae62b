"""The live room's state and the one write path that changes it.

The state (phase, absolute end time, roles, presence, hands, the shared case, sequence number) lives in
store.py: Redis in production, so that every worker and every reconnecting client sees the same room; process
memory in the embedded default. It expires a few hours after the session and is deleted when the session is
closed. Case text and chat never reach the database: chat is only relayed, the shared case lives in this
state alone. Changes happen under a per-room lock (an atomic `add`), get the next sequence number and are
sent to the room's channel group while the lock is held, so that every client sees them in the same order.
With Redis, every phase or role change also copies the control state (phase, timer, roles, time present; never
the case or chat) to a RoomSnapshot row, from which a room whose live state was lost with a Redis restart resumes.
"""

import asyncio
import json
import time
import uuid
from contextlib import asynccontextmanager
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import liveness
from .models import RoomRole, RoomSnapshot, Session
from .store import store

OPEN_BEFORE = timedelta(minutes=15)
OPEN_AFTER_END = timedelta(hours=2)
LOCK_TIMEOUT = 5  # seconds; a crashed worker's lock frees itself
SNAPSHOT_EVENTS = {"phase", "roles"}  # changes after which the control state is copied to the database
MAX_EXTEND_MINUTES = 30


class RoomError(Exception):
    """A refused room action; `code` for clients, str() a Dutch message."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


# Keys and groups are named after the session's UUID, never reused (unlike an id after a test database flush).

def group_name(room_key):
    return f"intervisie.room.{room_key}"


def user_group_name(room_key, user_id):
    """Every connection of one user in one room: for eviction and for call messages addressed to that user."""
    return f"intervisie.room.{room_key}.user.{user_id}"


def _state_key(room_key):
    return f"room:{room_key}:state"


def _lock_key(room_key):
    return f"room:{room_key}:lock"


def _closed_key(room_key):
    return f"room:{room_key}:closed"


def opens_at(session):
    return session.starts_at - OPEN_BEFORE


def within_hours(starts_at, ends_at, now=None):
    now = now or timezone.now()
    return starts_at - OPEN_BEFORE <= now <= ends_at + OPEN_AFTER_END


def is_open(session, now=None):
    return session.status == Session.Status.PLANNED and within_hours(session.starts_at, session.ends_at, now)


def _ttl(ends_at):
    return max(60, int((ends_at + OPEN_AFTER_END - timezone.now()).total_seconds()) + 60)


def new_state(info):
    """The state of a room nobody has entered yet. `info`: see consumers.load_room_info."""
    roles = {str(uid): RoomRole.DEELNEMER for uid in info["members"]}
    roles[str(info["facilitator"])] = RoomRole.GESPREKSLEIDER
    return {
        "seq": 0,
        "phase": {"index": None, "status": "waiting", "ends_at": None, "remaining": None},
        "roles": roles,
        "hands": [],
        "presence": {},
        "case": None,
    }


@asynccontextmanager
async def _locked(room_key):
    token = uuid.uuid4().hex
    deadline = time.monotonic() + LOCK_TIMEOUT
    while not await store().add(_lock_key(room_key), token, LOCK_TIMEOUT):
        if time.monotonic() > deadline:
            raise RoomError("busy", "De ruimte is even bezet; probeer het opnieuw.")
        await asyncio.sleep(0.005)
    try:
        yield
    finally:
        await store().release(_lock_key(room_key), token)


async def read(info):
    (state,) = await store().get_many(_state_key(info["key"]))
    state = state or await _initial_state(info)
    _drop_dead(state, await _last_beats(state), time.time())  # what the reader sees; stored at the next change
    return state


async def _initial_state(info):
    """The state of a room nobody has entered yet, or whose live state was lost with Redis: then its phase, timer,
    roles and time present come back from the snapshot (case and chat do not: they are never copied)."""
    state = new_state(info)
    snapshot = await _load_snapshot(info["id"]) if store().shared else None
    if snapshot is not None:
        state["phase"] = snapshot.phase
        state["roles"].update({uid: role for uid, role in snapshot.roles.items() if uid in state["roles"]})
        state["presence"] = {uid: {"channels": [], "since": None, "seconds": seconds}
                             for uid, seconds in snapshot.seconds_present.items()}
    return state


@database_sync_to_async
def _load_snapshot(session_id):
    return RoomSnapshot.objects.filter(session_id=session_id).first()


@database_sync_to_async
def _save_snapshot(session_id, state, now):
    RoomSnapshot.objects.update_or_create(session_id=session_id, defaults={
        "phase": state["phase"], "roles": state["roles"],
        "seconds_present": {uid: _seconds(entry, now) for uid, entry in state["presence"].items()}})


async def _last_beats(state):
    """{process: its last heartbeat} for the processes holding the room's connections (liveness.py)."""
    if not store().shared:
        return None
    return await store().last_beats(sorted({liveness.worker_of(c) for entry in state["presence"].values()
                                            for c in entry["channels"]}))


def _drop_dead(state, beats, now, keep=None):
    """Remove the connections of processes that stopped beating (never those of process `keep`, which is running
    this code); their time counts up to the process's last heartbeat. Returns whether anything changed."""
    if beats is None:
        return False
    changed = False
    for uid, entry in state["presence"].items():
        dead = [c for c in entry["channels"] if liveness.worker_of(c) != keep
                and liveness.is_dead(beats.get(liveness.worker_of(c)), now)]
        if not dead:
            continue
        changed = True
        entry["channels"] = [c for c in entry["channels"] if c not in dead]
        if not entry["channels"]:
            last = max(beats.get(liveness.worker_of(c)) or now - settings.ROOM_WORKER_TIMEOUT for c in dead)
            entry["seconds"] += max(0.0, min(last, now) - entry["since"])
            entry["since"] = None
            state["hands"] = [h for h in state["hands"] if str(h) != uid]
    return changed


async def change(info, apply, event_type, worker=None):
    """Apply `apply(state, now)` under the room's lock; it returns the event's fields (or raises RoomError).

    The new state is stored with the next sequence number and the event is sent to the room's group before the
    lock is released, so that events leave in sequence order even when several workers change the same room.
    Connections of dead processes are dropped on the way (`worker`: the calling process, alive by definition);
    the event then carries the corrected presence too.
    """
    async with _locked(info["key"]):
        closed, state = await store().get_many(_closed_key(info["key"]), _state_key(info["key"]))
        if closed:
            raise RoomError("closed", "De bijeenkomst is afgerond.")
        state = state or await _initial_state(info)
        now = time.time()
        pruned = _drop_dead(state, await _last_beats(state), now, keep=worker)
        fields = apply(state, now)
        if pruned:
            fields = {"presence": presence_payload(state, now), "hands": state["hands"], **fields}
        state["seq"] += 1
        await store().set(_state_key(info["key"]), state, _ttl(info["ends_at"]))
        if event_type in SNAPSHOT_EVENTS and store().shared:
            await _save_snapshot(info["id"], state, now)
        event = {"type": event_type, "seq": state["seq"], "server_time": time.time(), **fields}
        await _broadcast(info, event)
        return state, event


async def _broadcast(info, event):
    """Send an event to every connection of the room, serialised once for all of them."""
    text = json.dumps(event, ensure_ascii=False)
    await get_channel_layer().group_send(group_name(info["key"]), {"type": "room.event", "text": text})


async def relay_chat(info, user_id, text):
    """Chat is only relayed: no state, no lock, no sequence number. The channel layer delivers one group's
    messages to all its members in the same order (one atomic send per group, in Redis and in memory)."""
    await _broadcast(info, {"type": "chat", "server_time": time.time(), "from": user_id, "text": text})


async def prune(info, local):
    """Drop dead processes' connections from the room's presence and put back this process's live connections
    (`local`: [(user id, channel name)]) if a process that thought this one dead removed them."""
    (state,) = await store().get_many(_state_key(info["key"]))
    if state is None:
        return
    missing = [(uid, channel) for uid, channel in local
               if channel not in state["presence"].get(str(uid), {}).get("channels", [])]
    if not missing and not _drop_dead(state, await _last_beats(state), time.time()):
        return

    def apply(state, now):
        for uid, channel in missing:
            join(uid, channel)(state, now)
        return {"presence": presence_payload(state, now), "hands": state["hands"]}

    worker = liveness.worker_of(local[0][1]) if local else None
    try:
        await change(info, apply, "presence", worker=worker)
    except RoomError:
        pass  # closed or busy: the next beat tries again


# State changes. Each takes (state, now) and returns the fields of the event the room receives.

def phase_payload(state, info):
    phase = dict(state["phase"])
    if phase["index"] is not None:
        phase.update(info["phases"][phase["index"]])
    return phase


def start_or_resume(info):
    def apply(state, now):
        phase = state["phase"]
        if phase["status"] == "waiting":
            state["phase"] = {"index": 0, "status": "running", "ends_at": now + info["phases"][0]["minutes"] * 60,
                              "remaining": None}
        elif phase["status"] == "paused":
            state["phase"] = {**phase, "status": "running", "ends_at": now + phase["remaining"], "remaining": None}
        else:
            raise RoomError("invalid_state", "De fase loopt al of de methode is afgelopen.")
        return {"phase": phase_payload(state, info)}
    return apply


def pause(info):
    def apply(state, now):
        phase = state["phase"]
        if phase["status"] != "running":
            raise RoomError("invalid_state", "Er loopt geen fase om te pauzeren.")
        state["phase"] = {**phase, "status": "paused", "remaining": max(0.0, phase["ends_at"] - now),
                          "ends_at": None}
        return {"phase": phase_payload(state, info)}
    return apply


def extend(info, minutes):
    def apply(state, now):
        phase = state["phase"]
        if phase["status"] == "running":
            phase["ends_at"] = max(phase["ends_at"], now) + minutes * 60
        elif phase["status"] == "paused":
            phase["remaining"] += minutes * 60
        else:
            raise RoomError("invalid_state", "Er is geen fase om te verlengen.")
        return {"phase": phase_payload(state, info)}
    return apply


def advance(info):
    def apply(state, now):
        phase = state["phase"]
        if phase["status"] == "ended":
            raise RoomError("invalid_state", "De methode is al afgelopen.")
        index = 0 if phase["index"] is None else phase["index"] + 1
        if index >= len(info["phases"]):
            state["phase"] = {"index": phase["index"], "status": "ended", "ends_at": None, "remaining": None}
        else:
            state["phase"] = {"index": index, "status": "running",
                              "ends_at": now + info["phases"][index]["minutes"] * 60, "remaining": None}
        return {"phase": phase_payload(state, info)}
    return apply


def assign_role(info, user_id, role):
    def apply(state, now):
        if str(user_id) not in state["roles"]:
            raise RoomError("unknown_user", "Deze persoon hoort niet bij de groep.")
        if role in (RoomRole.INBRENGER, RoomRole.TIJDBEWAKER, RoomRole.GESPREKSLEIDER):
            for uid, current in state["roles"].items():
                if current == role:  # one inbrenger, one tijdbewaker, one gespreksleider at a time
                    state["roles"][uid] = RoomRole.DEELNEMER
        if state["roles"][str(user_id)] == RoomRole.INBRENGER and role != RoomRole.INBRENGER:
            state["case"] = None  # a new inbrenger starts with an empty case
        state["roles"][str(user_id)] = role
        return {"roles": state["roles"], "case": state["case"]}
    return apply


def set_hand(user_id, raised):
    def apply(state, now):
        hands = [uid for uid in state["hands"] if uid != user_id]
        if raised:
            hands.append(user_id)
        state["hands"] = hands
        return {"hands": hands}
    return apply


def join(user_id, channel_name):
    def apply(state, now):
        entry = state["presence"].setdefault(str(user_id), {"channels": [], "since": None, "seconds": 0.0})
        if not entry["channels"]:
            entry["since"] = now
        if channel_name not in entry["channels"]:
            entry["channels"].append(channel_name)
        return {"presence": presence_payload(state, now)}
    return apply


def leave(user_id, channel_name):
    def apply(state, now):
        entry = state["presence"].get(str(user_id))
        if entry and channel_name in entry["channels"]:
            entry["channels"].remove(channel_name)
            if not entry["channels"]:
                entry["seconds"] += now - entry["since"]
                entry["since"] = None
                state["hands"] = [uid for uid in state["hands"] if uid != user_id]
        return {"presence": presence_payload(state, now), "hands": state["hands"]}
    return apply


def share_case(text):
    def apply(state, now):
        state["case"] = {"text": text, "shared_at": now}
        return {"case": state["case"]}
    return apply


def withdraw_case():
    def apply(state, now):
        state["case"] = None
        return {"case": None}
    return apply


def _seconds(entry, now):
    return entry["seconds"] + (now - entry["since"] if entry["since"] else 0)


def presence_payload(state, now=None):
    now = now or time.time()
    return {uid: {"online": bool(entry["channels"]), "minutes": int(_seconds(entry, now) // 60)}
            for uid, entry in state["presence"].items()}


# Synchronous helpers for views.

def minutes_present(session):
    state = store().sync_get(_state_key(session.uid.hex))
    if not state:
        return {}
    if store().shared:
        workers = sorted({liveness.worker_of(c) for entry in state["presence"].values() for c in entry["channels"]})
        _drop_dead(state, store().sync_last_beats(workers), time.time())
    return {int(uid): entry["minutes"] for uid, entry in presence_payload(state).items()}


def recheck(session):
    """Make the room's connections check their access in the database now (session cancelled or moved)."""
    async_to_sync(get_channel_layer().group_send)(group_name(session.uid.hex), {"type": "room.recheck"})


def evict(group, user_id):
    """Close a removed member's connections in the group's open rooms at once (their calls end with them)."""
    _evict(Session.objects.filter(group=group), user_id)


def evict_everywhere(user_id):
    """Close a blocked account's connections in every open room of its groups."""
    _evict(Session.objects.filter(Q(group__memberships__user_id=user_id) | Q(group__facilitator_id=user_id)), user_id)


def _evict(sessions, user_id):
    layer = get_channel_layer()
    now = timezone.now()
    for uid in sessions.filter(status=Session.Status.PLANNED, starts_at__lte=now + OPEN_BEFORE,
                               starts_at__gte=now - timedelta(days=1)).values_list("uid", flat=True).distinct():
        async_to_sync(layer.group_send)(user_group_name(uid.hex, user_id), {"type": "room.evict"})


def forget(session):
    """Delete the room's state (with the shared case) and tell connected clients the room is closed."""
    key = session.uid.hex
    store().sync_set(_closed_key(key), True, _ttl(session.ends_at))  # no late message brings the state back
    store().sync_delete(_state_key(key))
    RoomSnapshot.objects.filter(session=session).delete()
    async_to_sync(get_channel_layer().group_send)(group_name(key), {"type": "room.closed"})
