"""The room's per-user message counter: counts per key within one window, starts again in the next."""

from intervisie import ratelimit
from intervisie.ratelimit import WindowCounter


def test_counts_per_key_and_forgets_old_windows(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    counter = WindowCounter(10)
    assert [counter.hit("a") for _ in range(3)] == [1, 2, 3]
    assert counter.hit("b") == 1
    now[0] = 1009.9  # same window
    assert counter.hit("a") == 4
    now[0] = 1010.0  # next window: counts start again, old keys are gone
    assert counter.hit("a") == 1
    assert counter.counts == {"a": 1}
