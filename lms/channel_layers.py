"""The embedded default's channel layer: Channels' in-memory layer, cleaning up less often.

Channels' InMemoryChannelLayer walks every channel and every group membership for expired entries on each send
and receive: O(connections) per message, which made 100 rooms of 8 clients spend most of their time there. This
one does that walk at most once per CLEAN_INTERVAL seconds; expiry (a minute for messages, days for groups)
stays as it was, give or take that interval. Production uses channels-redis.
"""

import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer

CLEAN_INTERVAL = 1.0  # seconds


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    _cleaned_at = float("-inf")

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._cleaned_at >= CLEAN_INTERVAL:
            self._cleaned_at = now
            super()._clean_expired()
