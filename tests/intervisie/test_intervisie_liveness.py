"""A killed worker's connections leave the room's presence (intervisie/liveness.py, room._drop_dead): pure state
logic, with heartbeats given as numbers. The topology test kills a real worker (tests/production)."""

from intervisie import room
from intervisie.liveness import worker_of


def state_with(presence, hands=()):
    return {"seq": 3, "presence": presence, "hands": list(hands), "phase": {}, "roles": {}, "case": None}


def test_connections_of_a_silent_process_are_dropped_and_their_time_ends_at_its_last_heartbeat(settings):
    settings.ROOM_WORKER_TIMEOUT = 30
    now = 10_000.0
    state = state_with({
        "1": {"channels": ["specific.dood!a", "specific.levend!b"], "since": 9_000.0, "seconds": 0.0},
        "2": {"channels": ["specific.dood!c"], "since": 9_500.0, "seconds": 60.0},
        "3": {"channels": ["specific.levend!d"], "since": 9_900.0, "seconds": 0.0},
    }, hands=[2, 3])
    beats = {"specific.dood": now - 31, "specific.levend": now - 2}
    assert room._drop_dead(state, beats, now)
    presence = state["presence"]
    assert presence["1"]["channels"] == ["specific.levend!b"] and presence["1"]["since"] == 9_000.0  # reconnected
    assert presence["2"] == {"channels": [], "since": None, "seconds": 60.0 + (now - 31 - 9_500.0)}
    assert presence["3"]["channels"] == ["specific.levend!d"]
    assert state["hands"] == [3]  # the one who left lowers their hand
    assert not room._drop_dead(state, beats, now)  # nothing more to drop


def test_a_process_within_its_timeout_and_the_calling_process_are_kept(settings):
    settings.ROOM_WORKER_TIMEOUT = 30
    now = 10_000.0
    state = state_with({"1": {"channels": ["specific.traag!a", "specific.ik!b"], "since": 9_000.0, "seconds": 0.0}})
    beats = {"specific.traag": now - 29, "specific.ik": None}  # slow but alive; this process has no beat yet
    assert not room._drop_dead(state, beats, now, keep="specific.ik")
    assert state["presence"]["1"]["channels"] == ["specific.traag!a", "specific.ik!b"]


def test_the_embedded_default_keeps_no_heartbeats():
    state = state_with({"1": {"channels": ["specific.x!a"], "since": 1.0, "seconds": 0.0}})
    assert not room._drop_dead(state, None, 10_000.0)


def test_worker_of_a_channel_name():
    assert worker_of("specific.3f2a9c!8d7e") == "specific.3f2a9c"
