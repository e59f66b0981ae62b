"""Which server processes are alive, so that a killed worker's connections leave the rooms' presence.

A process killed without clean-up (SIGKILL, a crash, a lost machine) never runs its consumers' disconnect, so its
connections would stay "online" in the shared room state, and their attendance would keep counting. Each process
holding room connections therefore writes a heartbeat (its channel-layer prefix and the time) every
ROOM_HEARTBEAT seconds; a connection whose process has been silent for ROOM_WORKER_TIMEOUT seconds is gone, and
its time counts up to that process's last heartbeat. The same loop prunes the rooms this process serves, so the
others see the change without waiting for the next event.

Only with a shared (Redis) store: the embedded default is one process, and its rooms end with it.
"""

import asyncio
import logging
import weakref

from django.conf import settings

from .store import store

logger = logging.getLogger(__name__)
_loops = weakref.WeakKeyDictionary()  # event loop -> (worker id, its heartbeat task)
_consumers = weakref.WeakSet()  # this process's room consumers, for pruning their rooms


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


async def _beat_forever(worker):
    from . import room

    while True:
        await asyncio.sleep(settings.ROOM_HEARTBEAT)
        try:
            await store().beat(worker)
            rooms = {}
            for consumer in list(_consumers):
                if consumer.info is not None:
                    rooms.setdefault(consumer.info["key"], (consumer.info, []))[1].append(
                        (consumer.user.pk, consumer.channel_name))
            for info, local in rooms.values():
                await room.prune(info, local)
        except Exception:  # Redis away for a moment: try again at the next beat
            logger.warning("room heartbeat failed", exc_info=True)
