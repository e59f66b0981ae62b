"""Counting messages per key in fixed time windows, in this process's memory.

Only the current window is kept, so memory stays bounded by the keys seen in one window. With several workers,
each counts its own connections: a user spread over N workers may send up to N times the limit, which still
stops a flood (the limit is a guard, not a quota) and costs no round trip to Redis per message.
"""

import time


class WindowCounter:
    def __init__(self, window_seconds):
        self.window_seconds = window_seconds
        self.window = None
        self.counts = {}

    def hit(self, key):
        """Count one message for `key`; return its count in the current window."""
        window = int(time.time() // self.window_seconds)
        if window != self.window:
            self.window, self.counts = window, {}
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]
