"""Hybrid logical clock: stamps that order changes across machines.

A stamp is "<13-digit ms>.<5-digit counter>@<device id>" so plain string
comparison orders stamps by time, then counter, then device: the same order on
every machine, which is what makes "the highest stamp wins" deterministic.
See Kulkarni et al., "Logical Physical Clocks" (2014).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True)
class Stamp:
    """One HLC reading: physical milliseconds, a counter, the issuing device."""

    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:013d}.{self.counter:05d}@{self.device}"

    @classmethod
    def parse(cls, text: str) -> "Stamp":
        """Read a stamp written by `str()`; raises ValueError on anything else."""
        clock, _, device = text.partition("@")
        millis, _, counter = clock.partition(".")
        if not device or len(millis) != 13 or len(counter) != 5:
            raise ValueError(f"not an HLC stamp: {text!r}")
        return cls(int(millis), int(counter), device)


class Clock:
    """A device's clock. `now_ms` is injected so tests can drive time."""

    def __init__(self, device: str, last: Stamp | None, now_ms) -> None:
        self.device = device
        self.last = last or Stamp(0, 0, device)
        self._now_ms = now_ms

    def tick(self) -> Stamp:
        """A stamp for a local change, greater than every stamp seen so far."""
        wall = self._now_ms()
        if wall > self.last.millis:
            stamp = Stamp(wall, 0, self.device)
        else:
            stamp = self._next_counter(self.last.millis, self.last.counter)
        self.last = stamp
        return stamp

    def observe(self, remote: Stamp) -> Stamp:
        """Advance past a stamp received from another machine."""
        wall = self._now_ms()
        top = max(wall, self.last.millis, remote.millis)
        if top == self.last.millis == remote.millis:
            counter = max(self.last.counter, remote.counter)
        elif top == self.last.millis:
            counter = self.last.counter
        elif top == remote.millis:
            counter = remote.counter
        else:
            self.last = Stamp(top, 0, self.device)
            return self.last
        self.last = self._next_counter(top, counter)
        return self.last

    def _next_counter(self, millis: int, counter: int) -> Stamp:
        if counter >= MAX_COUNTER:
            # Counter overflow only happens with ~100k changes in one ms:
            # borrow the next millisecond instead of breaking the format.
            return Stamp(millis + 1, 0, self.device)
        return Stamp(millis, counter + 1, self.device)
