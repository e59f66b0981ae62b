"""The live room's WebSocket consumer. Protocol: docs/websocket-protocol.md.

Every message is untrusted: size-limited, JSON, validated against the schema below, rate-limited per user,
and the sender's right to be in the room is checked again before it is applied. An invalid message gets an
`error` event back; the connection and the room carry on. Message contents are never logged.

The access check before each action needs no database query on the hot path: the connection's grant is checked
in the database on connect, again when it is older than ACCESS_MAX_AGE, and at once when something changes it
(a removed member or blocked account is evicted, a cancelled or moved session makes the room recheck); the
opening hours are checked locally on every action.
"""

import json
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db.models import Exists, Q

from lms.accounts.models import User

from . import liveness, room, signalling
from .groups import is_facilitator, may_enter
from .models import RoomRole, Session
from .schedule import rotation
from .ratelimit import WindowCounter
from .scanner import scan
from .scanner.limits import MAX_CASE_CHARS

MAX_MESSAGE_BYTES = 64 * 1024
MAX_CHAT_CHARS = 1000
MAX_TERMS = 20
RATE_WINDOW = 10  # seconds
RATE_LIMIT = 40  # messages per user per window, over all their connections to this worker
ACCESS_MAX_AGE = 300  # seconds before a connection's access is checked in the database again

CLOSE_NOT_LOGGED_IN = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_OPEN = 4409
CLOSE_ROOM_CLOSED = 4410
CLOSE_TRY_AGAIN = 4503  # the room was too busy to register the connection; the page reconnects

FACILITATOR_ONLY = {"phase.start", "phase.pause", "phase.extend", "phase.next", "role.assign"}
INBRENGER_ONLY = {"case.scan", "case.share", "case.withdraw"}


def _str(max_len, min_len=0):
    return lambda v: isinstance(v, str) and min_len <= len(v) <= max_len


def _int(low, high):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _terms(v):
    return isinstance(v, list) and len(v) <= MAX_TERMS and all(isinstance(t, str) and len(t) <= 100 for t in v)


def _bool(v):
    return isinstance(v, bool)


# type: {field: (validator, required)}
SCHEMA = {
    "resync": {},
    "chat": {"text": (_str(MAX_CHAT_CHARS, 1), True)},
    "hand": {"raised": (_bool, True)},
    "role.assign": {"user": (_int(1, 2**62), True), "role": (lambda v: v in RoomRole.values, True)},
    "phase.start": {},
    "phase.pause": {},
    "phase.extend": {"minutes": (_int(1, room.MAX_EXTEND_MINUTES), True)},
    "phase.next": {},
    "case.scan": {"text": (_str(MAX_CASE_CHARS, 1), True), "terms": (_terms, False)},
    "case.share": {"text": (_str(MAX_CASE_CHARS, 1), True), "dismissed": (_terms, False), "terms": (_terms, False)},
    "case.withdraw": {},
}
SCHEMA.update(signalling.SCHEMA)  # call.*: the call's signalling


def validate(text_data):
    """The message as a dict, or raise room.RoomError."""
    if text_data is None:
        raise room.RoomError("invalid", "Alleen tekstberichten (JSON) zijn toegestaan.")
    if len(text_data.encode()) > MAX_MESSAGE_BYTES:
        raise room.RoomError("too_large", f"Bericht te groot (hoogstens {MAX_MESSAGE_BYTES // 1024} kB).")
    try:
        message = json.loads(text_data)
    except ValueError:
        raise room.RoomError("invalid_json", "Het bericht is geen geldige JSON.") from None
    if not isinstance(message, dict) or message.get("type") not in SCHEMA:
        raise room.RoomError("unknown_type", "Onbekend berichttype.")
    fields = SCHEMA[message["type"]]
    extra = set(message) - set(fields) - {"type", "id"}
    if extra:
        raise room.RoomError("invalid", "Onbekend veld: " + ", ".join(sorted(extra)[:3]) + ".")
    for name, (check, required) in fields.items():
        if name not in message:
            if required:
                raise room.RoomError("invalid", f"Veld '{name}' ontbreekt.")
        elif not check(message[name]):
            raise room.RoomError("invalid", f"Veld '{name}' heeft een ongeldige waarde.")
    return message


@database_sync_to_async
def load_room_info(session_id, user):
    """What the consumer needs about the session, or None when the user may not enter it."""
    session = Session.objects.select_related("group", "method").filter(pk=session_id).first()
    if session is None or not may_enter(user, session.group):
        return None, None
    members = list(session.group.memberships.select_related("user").order_by("joined_at"))
    people = {str(m.user_id): m.user.get_full_name() or m.user.email for m in members}
    people[str(session.group.facilitator_id)] = session.group.facilitator.get_full_name() or session.group.facilitator.email
    info = {
        "id": session.pk,
        "key": session.uid.hex,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "facilitator": session.group.facilitator_id,
        "members": [m.user_id for m in members],
        "people": people,
        "method": session.method.name,
        "phases": [{"name": p.name, "minutes": p.minutes, "instruction": p.instruction, "roles": p.roles}
                   for p in session.method.phases.all()],
        "suggested_inbrenger": next((u.pk for u in rotation(session.group)), None),
    }
    return session, info


@database_sync_to_async
def still_allowed(session_id, user):
    """In one query: the account still active, still a member or the group's facilitator, and the session still
    planned and within its opening hours."""
    session = Session.objects.filter(
        Q(group__memberships__user=user) | Q(group__facilitator=user),
        Exists(User.objects.filter(pk=user.pk, is_active=True)), pk=session_id,
    ).only("starts_at", "duration_minutes", "status").first()
    if session is None:
        return CLOSE_FORBIDDEN
    if not room.is_open(session):
        return CLOSE_ROOM_CLOSED
    return None


counters = WindowCounter(RATE_WINDOW)  # this worker's messages per (bucket, user), for all its connections


class RoomConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        self.info = None
        self.call_peer = None
        await self.accept()
        if not self.user or not self.user.is_authenticated:
            return await self.close(code=CLOSE_NOT_LOGGED_IN)
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        session, info = await load_room_info(session_id, self.user)
        if session is None:
            return await self.close(code=CLOSE_FORBIDDEN)
        if not room.is_open(session):
            return await self.close(code=CLOSE_NOT_OPEN)
        self.info = info
        self.access_checked_at = time.monotonic()
        self.is_facilitator = await database_sync_to_async(is_facilitator)(self.user, session.group)
        await self._join_groups()
        try:
            await liveness.register(self)
            await room.change(info, room.join(self.user.pk, self.channel_name), "presence",
                              worker=liveness.worker_of(self.channel_name))
        except room.RoomError as error:
            await self._leave_groups()
            self.info = None
            return await self.close(code=CLOSE_ROOM_CLOSED if error.code == "closed" else CLOSE_TRY_AGAIN)
        await self.send_state()

    async def dispatch(self, message):
        """As Channels' dispatch, without the thread hop to close_old_connections before every message (Channels
        4.2+): this consumer reaches the database only through database_sync_to_async, which does that itself."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    def _groups(self):
        return room.group_name(self.info["key"]), room.user_group_name(self.info["key"], self.user.pk)

    async def _join_groups(self):
        for group in self._groups():
            await self.channel_layer.group_add(group, self.channel_name)

    async def _leave_groups(self):
        for group in self._groups():
            await self.channel_layer.group_discard(group, self.channel_name)

    async def disconnect(self, code):
        liveness.unregister(self)
        await signalling.leave(self)
        if self.info is not None:
            await self._leave_groups()
            try:
                await room.change(self.info, room.leave(self.user.pk, self.channel_name), "presence")
            except room.RoomError:
                pass  # the room was closed meanwhile

    async def send_json(self, payload):
        await self.send(text_data=json.dumps(payload, ensure_ascii=False))

    async def send_error(self, code, message, request_id=None):
        payload = {"type": "error", "code": code, "message": message}
        if request_id is not None:
            payload["id"] = request_id
        await self.send_json(payload)

    async def send_state(self):
        state = await room.read(self.info)
        info = self.info
        await self.send_json({
            "type": "state",
            "seq": state["seq"],
            "server_time": time.time(),
            "me": self.user.pk,
            "is_facilitator": self.is_facilitator,
            "method": info["method"],
            "phases": info["phases"],
            "phase": room.phase_payload(state, info),
            "people": info["people"],
            "roles": state["roles"],
            "presence": room.presence_payload(state),
            "hands": state["hands"],
            "case": state["case"],
            "suggested_inbrenger": info["suggested_inbrenger"],
            "starts_at": info["starts_at"].isoformat(),
        })

    def _rate_limited(self, bucket="rate", limit=RATE_LIMIT):
        return counters.hit((bucket, self.user.pk)) > limit

    async def _access_problem(self):
        """None while the user may act in the room, else the close code."""
        info = self.info
        if not room.within_hours(info["starts_at"], info["ends_at"]):
            return CLOSE_ROOM_CLOSED
        if time.monotonic() - self.access_checked_at < ACCESS_MAX_AGE:
            return None
        problem = await still_allowed(info["id"], self.user)
        self.access_checked_at = time.monotonic()
        return problem

    async def receive(self, text_data=None, bytes_data=None):
        if self.info is None:
            return
        try:
            message, invalid = validate(text_data), None
        except room.RoomError as error:
            message, invalid = None, error
        if self._rate_limited(*(signalling.budget(message) or ())):  # signalling has its own budget
            return await self.send_error("rate_limited", "Te veel berichten; wacht even.")
        if invalid:
            return await self.send_error(invalid.code, str(invalid))
        request_id = message.get("id") if isinstance(message.get("id"), (str, int)) else None
        problem = await self._access_problem()
        if problem:
            return await self.close(code=problem)
        try:
            await self.handle(message)
        except room.RoomError as error:
            await self.send_error(error.code, str(error), request_id)

    async def handle(self, message):
        kind = message["type"]
        info, uid = self.info, self.user.pk
        if kind in FACILITATOR_ONLY and not self.is_facilitator:
            raise room.RoomError("forbidden", "Alleen de gespreksleider kan dit doen.")
        if kind in INBRENGER_ONLY:
            state = await room.read(info)
            if state["roles"].get(str(uid)) != RoomRole.INBRENGER:
                raise room.RoomError("forbidden", "Alleen de inbrenger kan de casus inbrengen.")
        if kind == "resync":
            await self.send_state()
        elif kind == "chat":
            text = message["text"].strip()
            if not text:
                raise room.RoomError("invalid", "Een leeg bericht wordt niet verstuurd.")
            await room.relay_chat(info, uid, text)
        elif kind == "hand":
            await room.change(info, room.set_hand(uid, message["raised"]), "hands")
        elif kind == "role.assign":
            await room.change(info, room.assign_role(info, message["user"], message["role"]), "roles")
        elif kind == "phase.start":
            await room.change(info, room.start_or_resume(info), "phase")
        elif kind == "phase.pause":
            await room.change(info, room.pause(info), "phase")
        elif kind == "phase.extend":
            await room.change(info, room.extend(info, message["minutes"]), "phase")
        elif kind == "phase.next":
            await room.change(info, room.advance(info), "phase")
        elif kind == "case.scan":
            findings = scan(message["text"], extra_terms=message.get("terms", []))
            await self.send_json({"type": "case.findings", "id": message.get("id"),
                                  "findings": [f.as_dict() for f in findings]})
        elif kind == "case.share":
            text = message["text"]
            dismissed = {t.casefold() for t in message.get("dismissed", [])}
            left = [f for f in scan(text, extra_terms=message.get("terms", [])) if f.text.casefold() not in dismissed]
            if left:
                await self.send_json({"type": "case.findings", "id": message.get("id"),
                                      "findings": [f.as_dict() for f in left]})
                raise room.RoomError("unresolved", "Beoordeel eerst elke gemarkeerde passage: vervangen, "
                                                   "aanpassen of bewust laten staan.")
            await room.change(info, room.share_case(text), "case")
        elif kind == "case.withdraw":
            await room.change(info, room.withdraw_case(), "case")
        elif kind in signalling.SCHEMA:
            await signalling.handle(self, message)

    async def room_event(self, message):
        await self.send(text_data=message["text"])

    async def call_signal(self, message):
        await signalling.deliver(self, message)

    async def call_broadcast(self, message):
        await signalling.deliver_announcement(self, message)

    async def room_evict(self, message):
        """The user was removed from the group: leave the call and close this connection now."""
        await self._shut(CLOSE_FORBIDDEN)

    async def room_recheck(self, message):
        """The session was cancelled or moved: check access in the database now."""
        if self.info is not None:
            self.access_checked_at = float("-inf")
            problem = await self._access_problem()
            if problem:
                await self._shut(problem)

    async def _shut(self, code):
        if self.info is None:
            return
        await signalling.leave(self)
        await self.disconnect(code)  # presence and groups; the socket closes next
        self.info = None
        await self.close(code=code)

    async def room_closed(self, message):
        await self._leave_groups()
        self.info = None
        await self.send_json({"type": "closed", "message": "De gespreksleider heeft de bijeenkomst afgerond."})
        await self.close(code=CLOSE_ROOM_CLOSED)

