"""The embedded default's in-memory channel layer: expired entries are still cleaned, at most once a second."""

import pytest
from channels.layers import InMemoryChannelLayer as ChannelsLayer

from lms import channel_layers
from lms.channel_layers import InMemoryChannelLayer

pytestmark = pytest.mark.asyncio


async def test_cleans_expired_entries_at_most_once_per_interval(monkeypatch):
    walks = []
    original = ChannelsLayer._clean_expired
    monkeypatch.setattr(ChannelsLayer, "_clean_expired", lambda self: (walks.append(1), original(self)))
    clock = [100.0]
    monkeypatch.setattr(channel_layers.time, "monotonic", lambda: clock[0])
    layer = InMemoryChannelLayer(expiry=60)
    await layer.group_add("kamer", "specific.a!1")
    for n in range(50):
        await layer.group_send("kamer", {"type": "chat", "n": n})
    assert [(await layer.receive("specific.a!1"))["n"] for _ in range(50)] == list(range(50))
    assert len(walks) == 1  # not once per send and receive

    # An expired message is still dropped, by the next walk after the interval.
    await layer.send("specific.b!1", {"type": "late"})
    layer.channels["specific.b!1"]._queue[0] = (0, layer.channels["specific.b!1"]._queue[0][1])  # expired long ago
    clock[0] += channel_layers.CLEAN_INTERVAL
    await layer.group_send("kamer", {"type": "other"})
    assert len(walks) == 2 and "specific.b!1" not in layer.channels
