"""Working days, office times as UTC stamps, and repeatable record ids for the demo."""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right

import holidays

_EPOCH = dt.date(1970, 1, 1).toordinal()
# A ULID is 26 Crockford base32 characters: 10 for the 48-bit time, 16 for
# 80 random bits. Encoding through lookup tables (the time part cached per
# millisecond, the random part three characters per lookup) is several times
# cheaper than a python-ulid object per id when a million ids are needed.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_PAIRS = [a + b for a in _CROCKFORD for b in _CROCKFORD]
_TRIPLES: list[str] = []  # filled on first use: nothing heavy at import time
# "T07:02:00.000000Z" for every UTC minute of a day.
_CLOCK = [f"T{m // 60:02d}:{m % 60:02d}:00.000000Z" for m in range(1440)]


class IdMaker:
    """ULIDs drawn from a seeded random: the same seed gives the same ids.

    The time part is the record's own moment (when it was created in the
    story), so ids still sort by time like ids made at the desk.
    """

    def __init__(self, seed: int) -> None:
        # A separate stream keeps the business data independent of how many
        # ids were drawn.
        self._bits = random.Random(f"duunikulma-demo-ids:{seed}").getrandbits
        self._heads: dict[int, str] = {}
        if not _TRIPLES:
            _TRIPLES.extend(a + b for a in _CROCKFORD for b in _PAIRS)

    def make(self, millis: int) -> str:
        """A 26-character ULID for a moment given in Unix milliseconds."""
        head = self._heads.get(millis)
        if head is None:
            if len(self._heads) >= 400_000:
                self._heads.clear()
            pairs = _PAIRS
            head = self._heads[millis] = (pairs[millis >> 40 & 1023] + pairs[millis >> 30 & 1023]
                                          + pairs[millis >> 20 & 1023] + pairs[millis >> 10 & 1023]
                                          + pairs[millis & 1023])
        bits, t = self._bits(80), _TRIPLES
        return (f"{head}{t[bits >> 65]}{t[bits >> 50 & 32767]}{t[bits >> 35 & 32767]}"
                f"{t[bits >> 20 & 32767]}{t[bits >> 5 & 32767]}{_CROCKFORD[bits & 31]}")


def _last_sunday(year: int, month: int) -> int:
    """Ordinal of the last Sunday of a month."""
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last.toordinal() - (last.weekday() - 6) % 7


class Calendar:
    """Finnish working days of the demo window and local-to-UTC stamps.

    Working days skip weekends and the public holidays of `holidays.Finland`
    (which include Midsummer Eve and Christmas Eve, when offices are closed).
    """

    def __init__(self, first: dt.date, last: dt.date) -> None:
        closed = holidays.Finland(years=range(first.year, last.year + 1))
        days: list[dt.date] = []
        day = first
        while day <= last:
            if day.weekday() < 5 and day not in closed:
                days.append(day)
            day += dt.timedelta(days=1)
        if not days:
            raise ValueError("the demo window has no working days")
        self.days = days
        self.texts = [d.isoformat() for d in days]
        self._ords = [d.toordinal() for d in days]
        self._dst: dict[int, tuple[int, int]] = {}
        self._day: dict[int, tuple[str, int, int]] = {}

    def __len__(self) -> int:
        return len(self.days)

    def on_or_after(self, day: dt.date) -> int:
        """Index of the first working day on or after `day` (clamped to the window)."""
        return min(bisect_left(self._ords, day.toordinal()), len(self._ords) - 1)

    def on_or_before(self, day: dt.date) -> int:
        """Index of the last working day on or before `day` (clamped to the window)."""
        return max(bisect_right(self._ords, day.toordinal()) - 1, 0)

    def offset_minutes(self, ordinal: int) -> int:
        """Helsinki's UTC offset during office hours of a day: 180 in summer time, else 120."""
        year = dt.date.fromordinal(ordinal).year
        bounds = self._dst.get(year)
        if bounds is None:
            # EU rule: summer time from the last Sunday of March to the last
            # Sunday of October; at office hours the switch has already happened.
            bounds = self._dst[year] = (_last_sunday(year, 3), _last_sunday(year, 10))
        return 180 if bounds[0] <= ordinal < bounds[1] else 120

    def stamp(self, day: dt.date, minute: int) -> tuple[str, int]:
        """A local time (minutes after midnight) as (UTC text stamp, Unix milliseconds).

        The text has the format of `domain.ids.utc_stamp`.
        """
        ordinal = day.toordinal()
        cached = self._day.get(ordinal)
        if cached is None:
            cached = self._day[ordinal] = (day.isoformat(), self.offset_minutes(ordinal),
                                           (ordinal - _EPOCH) * 86_400_000)
        text, offset, base = cached
        utc = minute - offset
        if not 0 <= utc < 1440:  # before ~02:00 local time: the previous day in UTC
            shift, utc = divmod(utc, 1440)
            other = dt.date.fromordinal(ordinal + shift)
            return f"{other.isoformat()}{_CLOCK[utc]}", base + (shift * 1440 + utc) * 60_000
        return f"{text}{_CLOCK[utc]}", base + utc * 60_000
