"""Which server processes are alive, so that a killed worker's connections leave the rooms' presence.

A process killed without clean-up (SIGKILL, a crash, a lost machine) never runs its consumers' disconnect, so its
connections would stay "online" in the shared room state, and their attendance would keep counting. Each process
holding room connections therefore writes a heartbeat (its channel-layer prefix and the time) every
ROOM_HEARTBEAT seconds; a connection whose process has been silent for ROOM_WORKER_TIMEOUT seconds is gone, and
its time counts up to that process's last heartbeat. Every state change drops such connections; and when a
process sees another one die, it prunes the rooms it serves at once, so their members see it without waiting for
the next event. That costs one look at the heartbeats per beat while every process is alive.

Only with a shared (Redis) store: the embedded default is one process, and its rooms end with it.
"""

import asyncio
import logging
import time
import weakref

from django.conf import settings

from .store import store

logger = logging.getLogger(__name__)
_loops = weakref.WeakKeyDictionary()  # event loop -> (worker id, its heartbeat task)
_consumers = weakref.WeakSet()  # this process's connected room consumers, for pruning their rooms
FORGET_AFTER = 600  # seconds after which a dead process leaves the list of processes to look at


def worker_of(channel_name):
    """The process part of a channel-layer channel name (`specific.<process prefix>!<connection>`)."""
    return channel_name.rsplit("!", 1)[0]


def is_dead(last_beat, now):
    return last_beat is None or now - last_beat > settings.ROOM_WORKER_TIMEOUT


async def register(consumer):
    """Count this consumer's process as alive (a first heartbeat now, then every ROOM_HEARTBEAT seconds)."""
    if not store().shared:
        return
    _consumers.add(consumer)
    loop = asyncio.get_running_loop()
    if loop not in _loops:
        worker = worker_of(consumer.channel_name)
        await store().beat(worker)
        _loops[loop] = (worker, loop.create_task(_beat_forever(worker)))


def unregister(consumer):
    _consumers.discard(consumer)


async def _beat_forever(worker):
    last_beat = time.time()
    pruned_for = set()  # the dead processes this one has already pruned its rooms for
    while True:
        await asyncio.sleep(settings.ROOM_HEARTBEAT)
        try:
            # Too long without a heartbeat: others may have dropped this process's connections; put them back.
            lagged = time.time() - last_beat > settings.ROOM_WORKER_TIMEOUT
            await store().beat(worker)
            last_beat = now = time.time()
            beats = await store().all_beats()
            dead = {w for w, beat in beats.items() if is_dead(beat, now)}
            gone = [w for w in dead if beats[w] is None or now - beats[w] > FORGET_AFTER]
            if gone:
                await store().forget_workers(gone)
            if dead - pruned_for or lagged:
                await _prune_local_rooms()
            pruned_for = dead
        except Exception:  # Redis away for a moment: try again at the next beat
            logger.warning("room heartbeat failed", exc_info=True)


async def _prune_local_rooms():
    from . import room

    rooms = {}
    for consumer in list(_consumers):
        if consumer.info is not None:
            rooms.setdefault(consumer.info["key"], (consumer.info, []))[1].append((consumer.user.pk, consumer.channel_name))
    for info, local in rooms.values():
        await room.prune(info, local)
