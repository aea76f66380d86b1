"""Finnish working days: weekends and public holidays off, in O(1) per question.

What counts as a day off is exactly the `public` calendar of
`holidays.Finland`: Saturdays and Sundays, New Year's Day, Epiphany, Good
Friday, Easter Sunday and Monday, May Day, Ascension Day, Whit Sunday,
Midsummer Eve and Midsummer Day, All Saints' Day, Independence Day,
Christmas Eve, Christmas Day and Boxing Day (Second Day of Christmas).
Midsummer Eve and Christmas Eve are not statutory holidays by name, but the
package lists them and offices are closed on them, so they are days off here
too. Flag days and the package's `unofficial` and `workday` categories
(Runeberg Day, Father's Day, ...) are ordinary working days.

The due-contact list does working-day arithmetic for every active client
(100,000 of them), so the calendar is kept as flat tables over a span of
years: `cum[i]` counts the working days before day `i` of the span and `wd`
lists the working days' ordinals. Adding n working days or counting them
between two dates is then two list look-ups. The span grows on demand; the
holidays package is asked once per year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from functools import lru_cache
from typing import NamedTuple

import holidays

_lock = threading.Lock()


class _Span(NamedTuple):
    """The calendar tables for the years first..last (immutable once built)."""

    first: int
    last: int
    ord0: int          # ordinal of 1 January of `first`
    cum: list[int]     # cum[i]: working days in [ord0, ord0 + i)
    wd: list[int]      # ordinals of the span's working days, ascending


@lru_cache(maxsize=None)
def holidays_in(year: int) -> frozenset[dt.date]:
    """Finnish public holidays of `year` (cached per year)."""
    return frozenset(holidays.Finland(years=year))


def _build(first: int, last: int) -> _Span:
    start = dt.date(first, 1, 1).toordinal()
    end = dt.date(last, 12, 31).toordinal()
    off = {d.toordinal() for year in range(first, last + 1) for d in holidays_in(year)}
    cum, wd, count = [0], [], 0
    for o in range(start, end + 1):
        # date.fromordinal(1) is a Monday, so (o - 1) % 7 is 0..6 for Mon..Sun.
        if (o - 1) % 7 < 5 and o not in off:
            wd.append(o)
            count += 1
        cum.append(count)
    return _Span(first, last, start, cum, wd)


# Empty until first asked; built lazily so importing costs nothing.
_span = _Span(1, 0, 0, [0], [])


def _covering(first: int, last: int) -> _Span:
    """The current span, grown to include the years first..last.

    Readers keep the span object they got, so a rebuild in another thread
    never mixes two tables; spans only grow, so rebuilding is rare.
    """
    global _span
    span = _span
    if span.first <= first and last <= span.last:
        return span
    with _lock:
        span = _span
        if span.last < span.first:
            span = _span = _build(first, last)
        elif not (span.first <= first and last <= span.last):
            span = _span = _build(min(span.first, first), max(span.last, last))
        return span


def is_working_day(day: dt.date) -> bool:
    """True on Monday to Friday unless it is a Finnish public holiday."""
    span = _covering(day.year, day.year)
    i = day.toordinal() - span.ord0
    return span.cum[i + 1] != span.cum[i]


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (before it when n < 0); `day` itself when n == 0.

    `day` itself is never counted, as in "within 5 working days of the start":
    add_working_days(Fri 18 Dec 2026, 5) is Tue 29 Dec 2026 (21, 22, 23, 28, 29).
    """
    if n == 0:
        return day
    # About 250 working days a year; one spare year covers holiday-heavy ones.
    years = abs(n) // 240 + 1
    if n > 0:
        span = _covering(day.year, day.year + years)
        # span.wd[span.cum[i + 1]] is the first working day after `day`.
        return dt.date.fromordinal(span.wd[span.cum[day.toordinal() - span.ord0 + 1] + n - 1])
    span = _covering(day.year - years, day.year)
    # span.wd[span.cum[i] - 1] is the last working day before `day`.
    return dt.date.fromordinal(span.wd[span.cum[day.toordinal() - span.ord0] + n])


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days from `start` to `end`, counted the way add_working_days steps.

    Forwards (end >= start): the working days after `start` up to and including
    `end`. Backwards (end < start): minus the working days from `end` up to but
    not including `start`. So working_days_between(d, add_working_days(d, n)) == n
    for every n, whether or not d itself is a working day.
    """
    lo, hi = (start, end) if end >= start else (end, start)
    span = _covering(lo.year, hi.year)
    i, j = lo.toordinal() - span.ord0, hi.toordinal() - span.ord0
    if end >= start:
        return span.cum[j + 1] - span.cum[i + 1]
    return -(span.cum[j] - span.cum[i])


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, otherwise the first working day after it.

    Deadlines counted in weeks or months that land on a day off move here,
    because nothing can be held at the service point on that day.
    """
    return day if is_working_day(day) else add_working_days(day, 1)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, clipped to the month's end.

    31 Jan + 1 month is 28 Feb (29 Feb in a leap year); 30 Nov + 3 months is 28 Feb.
    """
    year, m0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    d = day.day
    if d > 28:
        last = _MONTH_DAYS[m0] + (m0 == 1 and calendar.isleap(year))
        d = min(d, last)
    return dt.date(year, m0 + 1, d)
