"""Finnish working days against hand-worked calendars and a naive day-by-day count."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duunikulma_tui.domain.workdays import (add_months, add_working_days, holidays_in,
                                            is_working_day, next_working_day,
                                            working_days_between)

D = dt.date


@pytest.mark.parametrize("day", [
    D(2026, 1, 1),    # New Year's Day (Thu)
    D(2026, 1, 6),    # Epiphany (Tue)
    D(2026, 4, 3),    # Good Friday
    D(2026, 4, 6),    # Easter Monday
    D(2026, 5, 1),    # May Day (Fri)
    D(2026, 5, 14),   # Ascension Day (Thu)
    D(2026, 6, 19),   # Midsummer Eve (Fri): listed by holidays.Finland, offices closed
    D(2026, 6, 20),   # Midsummer Day (Sat)
    D(2026, 12, 24),  # Christmas Eve (Thu)
    D(2026, 12, 25),  # Christmas Day (Fri)
    D(2027, 12, 6),   # Independence Day (Mon)
    D(2026, 11, 21),  # an ordinary Saturday
    D(2026, 11, 22),  # an ordinary Sunday
])
def test_days_off(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [
    D(2026, 2, 5),    # Runeberg Day: a flag day, a working day
    D(2026, 11, 6),   # Finnish Swedish Heritage Day: a flag day, a working day
    D(2026, 4, 2),    # Maundy Thursday
    D(2026, 4, 7),    # the Tuesday after Easter
    D(2026, 12, 23),  # the day before Christmas Eve
    D(2026, 12, 31),  # New Year's Eve
    D(2026, 11, 23),  # an ordinary Monday
])
def test_working_days(day):
    assert is_working_day(day)


def test_holiday_set_is_the_packages_public_calendar():
    names = holidays_in(2026)
    assert D(2026, 6, 19) in names and D(2026, 12, 24) in names
    assert D(2026, 2, 5) not in names      # unofficial flag days are not days off


def test_christmas_and_new_year_2026():
    # Fri 18 Dec 2026; the next days:
    #   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 Christmas Eve -, Fri 25 Christmas Day -,
    #   Sat 26 Boxing Day -, Sun 27 -, Mon 28 (4), Tue 29 (5), Wed 30 (6), Thu 31 (7),
    #   Fri 1 Jan New Year -, Sat 2 -, Sun 3 -, Mon 4 (8), Tue 5 (9), Wed 6 Epiphany -,
    #   Thu 7 Jan 2027 (10).
    start = D(2026, 12, 18)
    assert add_working_days(start, 5) == D(2026, 12, 29)
    assert add_working_days(start, 10) == D(2027, 1, 7)
    assert working_days_between(start, D(2027, 1, 7)) == 10
    assert working_days_between(start, D(2027, 1, 6)) == 9     # Epiphany adds nothing
    assert add_working_days(D(2027, 1, 7), -10) == start


def test_easter_2026():
    # Thu 2 Apr 2026: Fri 3 Good Friday -, Sat -, Sun -, Mon 6 Easter Monday -,
    #   Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5), ..., Fri 17 (9), Mon 20 (10).
    assert add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 7)
    assert add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 13)
    assert add_working_days(D(2026, 4, 2), 10) == D(2026, 4, 20)


def test_midsummer_2026():
    # Wed 17 Jun 2026: Thu 18 (1), Fri 19 Midsummer Eve -, Sat 20 Midsummer Day -, Sun -,
    #   Mon 22 (2), Tue 23 (3), Wed 24 (4), Thu 25 (5), Fri 26 (6), Mon 29 (7), Tue 30 (8),
    #   Wed 1 Jul (9), Thu 2 Jul (10).
    assert add_working_days(D(2026, 6, 17), 5) == D(2026, 6, 25)
    assert add_working_days(D(2026, 6, 17), 10) == D(2026, 7, 2)


def test_start_on_a_day_off_counts_from_the_next_working_day():
    # Sat 21 Nov 2026: Mon 23 is the first working day after it.
    assert add_working_days(D(2026, 11, 21), 1) == D(2026, 11, 23)
    assert add_working_days(D(2026, 11, 21), 0) == D(2026, 11, 21)


def test_next_working_day_and_months():
    assert next_working_day(D(2026, 12, 24)) == D(2026, 12, 28)
    assert next_working_day(D(2026, 12, 23)) == D(2026, 12, 23)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)


def _naive_add(day: dt.date, n: int) -> dt.date:
    step = dt.timedelta(days=1 if n > 0 else -1)
    while n:
        day += step
        if day.weekday() < 5 and day not in holidays_in(day.year):
            n += -1 if n > 0 else 1
    return day


dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(min_value=-400, max_value=400))
def test_tables_agree_with_a_naive_count(day, n):
    assert add_working_days(day, n) == _naive_add(day, n)
    assert working_days_between(day, add_working_days(day, n)) == n


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_between_counts_like_stepping(a, b):
    if abs((b - a).days) < 60:
        if b >= a:   # after a, up to and including b
            days = [a + dt.timedelta(days=i) for i in range(1, (b - a).days + 1)]
        else:        # from b, up to but not including a
            days = [b + dt.timedelta(days=i) for i in range((a - b).days)]
        count = sum(is_working_day(d) for d in days)
        assert working_days_between(a, b) == (count if b >= a else -count)
