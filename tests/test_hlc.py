"""The hybrid logical clock orders changes across machines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from duunikulma_tui.domain.hlc import Clock, Stamp


def test_stamps_grow_even_when_the_wall_clock_stands_still_or_goes_back():
    times = iter([1000, 1000, 999, 1001])
    clock = Clock("A", None, lambda: next(times))
    stamps = [clock.tick() for _ in range(4)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert [str(s) < str(t) for s, t in zip(stamps, stamps[1:])] == [True] * 3


def test_observing_a_remote_stamp_moves_past_it():
    clock = Clock("A", None, lambda: 1000)
    remote = Stamp(5000, 7, "B")
    local = clock.observe(remote)
    assert local > remote and clock.tick() > local


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10**12), st.integers(0, 99_999)),
                max_size=50))
def test_every_stamp_is_greater_than_everything_before(events):
    wall = [0]
    clock = Clock("A", None, lambda: wall[0])
    last = clock.last
    for is_remote, millis, counter in events:
        wall[0] = millis // 2
        stamp = clock.observe(Stamp(millis, counter, "B")) if is_remote else clock.tick()
        assert stamp > last
        assert Stamp.parse(str(stamp)) == stamp
        last = stamp
