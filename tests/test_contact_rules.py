"""The Nordic labour service model's rules against hand-worked calendars, both rule sets."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duunikulma_tui.domain.contact_rules import (RuleBook, RuleSetError, next_statutory_contact,
                                                 parse_rule_set, rule_set_on)

D = dt.date
_FOLDER = resources.files("duunikulma_tui.domain").joinpath("data/contact_rules")
R2022 = parse_rule_set(_FOLDER.joinpath("2022-05-02.json").read_text(encoding="utf-8"))
R2026 = parse_rule_set(_FOLDER.joinpath("2026-01-01.json").read_text(encoding="utf-8"))
BOOK = RuleBook([R2026, R2022])


def nxt(start, held, today, rules=BOOK, **kw):
    return next_statutory_contact(start, held, rules, today, **kw)


# -- the shipped rule sets --------------------------------------------------------------

def test_shipped_rule_sets_hold_the_figures_of_domain_md():
    assert R2022.effective_from == D(2022, 5, 2)
    assert R2022.initial_interview.within_working_days == 5
    sup = R2022.supplementary_discussions
    assert (sup.every_weeks, sup.during_first_months, sup.count) == (2, 3, 5)
    assert R2022.job_search_discussion.every_months == 3
    ip = R2022.intensified_period
    assert (ip.enabled, ip.after_months, ip.length_months, ip.confirmed) == (True, 6, 1, True)
    assert (R2022.applications.per_month, R2022.applications.individual_min,
            R2022.applications.individual_max) == (4, 0, 4)
    assert R2026.effective_from == D(2026, 1, 1)
    assert R2026.initial_interview.within_working_days == 10
    assert R2026.supplementary_discussions is None
    assert R2026.job_search_discussion.every_months == 3
    assert R2026.intensified_period.confirmed is False      # kept as a setting
    assert R2026.applications.part_time_workers_too is True
    assert "HE 108/2025" in R2026.source and "2 May 2022" in R2022.source


def test_which_rule_set_is_in_force():
    assert rule_set_on([R2022, R2026], D(2022, 5, 1)) is None
    assert rule_set_on([R2022, R2026], D(2022, 5, 2)) is R2022
    assert rule_set_on(BOOK, D(2025, 12, 31)) is R2022
    assert rule_set_on(BOOK, D(2026, 1, 1)) is R2026
    assert rule_set_on(BOOK, D(2030, 6, 1)) is R2026


def test_a_later_rule_set_for_the_same_date_replaces_the_earlier():
    edited = R2026.model_copy(update={"name": "edited"})
    assert RuleBook([R2026, edited]).in_force(D(2026, 2, 1)).name == "edited"


@pytest.mark.parametrize("text, where", [
    ("{not json", "json"),
    ("[1, 2]", "json"),
    (json.dumps({"name": "x"}), "effective_from"),
])
def test_bad_rule_set_json_names_the_problem(text, where):
    with pytest.raises(RuleSetError) as err:
        parse_rule_set(text)
    assert any(p.startswith(where) for p in err.value.problems)


def test_unknown_fields_and_bad_figures_are_refused():
    data = json.loads(R2026.model_dump_json())
    data["initial_interview"] = {"within_working_days": 0}
    data["intensified"] = True                             # a typo of intensified_period
    with pytest.raises(RuleSetError) as err:
        parse_rule_set(data)
    assert {p.split(":")[0] for p in err.value.problems} == {
        "initial_interview.within_working_days", "intensified"}


# -- initial interview: Christmas, New Year, Easter, Midsummer --------------------------

def test_christmas_2026_under_both_rule_sets():
    start = D(2026, 12, 18)                     # Friday
    # 5 working days (2022 rules): Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 Christmas
    # Eve -, Fri 25 Christmas Day -, Sat 26 Boxing Day -, Sun 27 -, Mon 28 (4), Tue 29 (5).
    c = nxt(start, [], start, R2022)
    assert (c.kind, c.due_date, c.status, c.days_late) == ("initial_interview", D(2026, 12, 29),
                                                           "due", 0)
    # 10 working days (2026 rules): Wed 30 (6), Thu 31 (7), Fri 1 Jan -, weekend,
    # Mon 4 (8), Tue 5 (9), Wed 6 Epiphany -, Thu 7 Jan 2027 (10).
    c = nxt(start, [], start, R2026)
    assert c.due_date == D(2027, 1, 7)
    # The book applies the rules in force on the start: 2026.
    assert nxt(start, [], start).due_date == D(2027, 1, 7)
    assert nxt(start, [], D(2027, 1, 7)).status == "due"
    late = nxt(start, [], D(2027, 1, 8))
    assert (late.status, late.days_late) == ("overdue", 1)


def test_christmas_2025_start_keeps_the_5_day_rule():
    # Fri 19 Dec 2025 (2022 rules in force): Mon 22 (1), Tue 23 (2), Wed 24 Christmas Eve -,
    # Thu 25 -, Fri 26 -, weekend, Mon 29 (3), Tue 30 (4), Wed 31 Dec (5).
    assert nxt(D(2025, 12, 19), [], D(2025, 12, 19)).due_date == D(2025, 12, 31)
    # Wed 31 Dec 2025, still 2022 rules though the deadline falls in 2026:
    # Thu 1 Jan -, Fri 2 (1), Mon 5 (2), Tue 6 Epiphany -, Wed 7 (3), Thu 8 (4), Fri 9 (5).
    c = nxt(D(2025, 12, 31), [], D(2025, 12, 31))
    assert (c.due_date, c.rule_set) == (D(2026, 1, 9), R2022.name)
    # Thu 1 Jan 2026 (a holiday, 2026 rules): Fri 2 (1), Mon 5 (2), Wed 7 (3), Thu 8 (4),
    # Fri 9 (5), Mon 12 (6), Tue 13 (7), Wed 14 (8), Thu 15 (9), Fri 16 Jan (10).
    c = nxt(D(2026, 1, 1), [], D(2026, 1, 1))
    assert (c.due_date, c.rule_set) == (D(2026, 1, 16), R2026.name)


def test_easter():
    # Thu 2 Apr 2026, 10 days: Fri 3 Good Friday -, weekend, Mon 6 Easter Monday -,
    # Tue 7 (1), Wed 8 (2), Thu 9 (3), Fri 10 (4), Mon 13 (5) ... Fri 17 (9), Mon 20 Apr (10).
    assert nxt(D(2026, 4, 2), [], D(2026, 4, 2)).due_date == D(2026, 4, 20)
    # The same start with the 5-day rule: Mon 13 Apr 2026.
    assert nxt(D(2026, 4, 2), [], D(2026, 4, 2), R2022).due_date == D(2026, 4, 13)
    # Wed 5 Apr 2023 (2022 rules in force): Thu 6 (1), Fri 7 Good Friday -, weekend,
    # Mon 10 Easter Monday -, Tue 11 (2), Wed 12 (3), Thu 13 (4), Fri 14 Apr (5).
    assert nxt(D(2023, 4, 5), [], D(2023, 4, 5)).due_date == D(2023, 4, 14)


def test_midsummer():
    # Wed 17 Jun 2026, 10 days: Thu 18 (1), Fri 19 Midsummer Eve -, Sat 20 Midsummer Day -,
    # Sun -, Mon 22 (2), Tue 23 (3), Wed 24 (4), Thu 25 (5), Fri 26 (6), Mon 29 (7),
    # Tue 30 (8), Wed 1 Jul (9), Thu 2 Jul (10).
    assert nxt(D(2026, 6, 17), [], D(2026, 6, 17)).due_date == D(2026, 7, 2)
    assert nxt(D(2026, 6, 17), [], D(2026, 6, 17), R2022).due_date == D(2026, 6, 25)
    # Wed 18 Jun 2025 (2022 rules): Thu 19 (1), Fri 20 Midsummer Eve -, weekend,
    # Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 Jun (5).
    assert nxt(D(2025, 6, 18), [], D(2025, 6, 18)).due_date == D(2025, 6, 26)


def test_upcoming_before_the_job_search_starts():
    c = nxt(D(2026, 12, 18), [], D(2026, 12, 10))
    assert (c.status, c.opens_on) == ("upcoming", D(2026, 12, 18))


def test_a_held_initial_interview_clears_the_requirement():
    start = D(2026, 12, 18)
    for kind in ("initial_interview", None):
        c = nxt(start, [(D(2026, 12, 22), kind)], D(2027, 1, 20))
        # 2026 rules: no supplementary schedule; the next job-search discussion is
        # 3 months after Tue 22 Dec 2026: Mon 22 Mar 2027, a working day.
        assert (c.kind, c.due_date, c.status) == ("job_search_discussion", D(2027, 3, 22),
                                                  "upcoming")


def test_contacts_before_the_start_or_after_today_do_not_count():
    start = D(2026, 12, 18)
    c = nxt(start, [(D(2026, 12, 1), "initial_interview"), (D(2027, 1, 5), None)],
            D(2026, 12, 21))
    assert c.kind == "initial_interview"


# -- supplementary discussions (2022 rules) ---------------------------------------------

def test_supplementary_schedule_every_two_weeks_five_times():
    start = D(2022, 9, 5)                       # Monday; phase ends 5 Dec 2022
    held = [(D(2022, 9, 8), "initial_interview")]
    c = nxt(start, held, D(2022, 9, 9))
    # Thu 8 Sep + 2 weeks = Thu 22 Sep; due from 5 working days before: Thu 15 Sep.
    assert (c.kind, c.due_date, c.opens_on, c.status) == (
        "supplementary", D(2022, 9, 22), D(2022, 9, 15), "upcoming")
    for day in (D(2022, 9, 22), D(2022, 10, 6), D(2022, 10, 20), D(2022, 11, 3)):
        held.append((day, "supplementary"))
        c = nxt(start, held, day)
        assert (c.kind, c.due_date) == ("supplementary", day + dt.timedelta(weeks=2))
    held.append((D(2022, 11, 17), "supplementary"))        # the fifth
    c = nxt(start, held, D(2022, 11, 17))
    # Five held: the job-search discussion follows, 3 months after Thu 17 Nov: Fri 17 Feb 2023.
    assert (c.kind, c.due_date) == ("job_search_discussion", D(2023, 2, 17))


def test_supplementary_not_required_past_the_first_three_months():
    start = D(2022, 9, 5)
    held = [(D(2022, 9, 8), None), (D(2022, 9, 22), None), (D(2022, 10, 6), None),
            (D(2022, 10, 20), None), (D(2022, 11, 24), None)]
    # The next would be Thu 8 Dec, after the phase ends on 5 Dec: a job-search discussion
    # 3 months after Thu 24 Nov instead: Fri 24 Feb 2023.
    c = nxt(start, held, D(2022, 11, 25))
    assert (c.kind, c.due_date) == ("job_search_discussion", D(2023, 2, 24))


def test_a_missed_supplementary_is_overdue_then_lapses():
    start = D(2022, 9, 5)
    held = [(D(2022, 9, 8), "initial_interview")]
    c = nxt(start, held, D(2022, 12, 1))
    # Due Thu 22 Sep; 1 Dec is 8 + 31 + 30 + 1 = 70 days later.
    assert (c.kind, c.status, c.days_late) == ("supplementary", "overdue", 70)
    # Tue 6 Dec (Independence Day) is past the phase's end (5 Dec): the supplementary
    # lapses and the job-search discussion (Thu 8 Sep + 3 months = Thu 8 Dec) is due.
    # It opened 5 working days before: Wed 7 (1), Tue 6 Independence Day -, Mon 5 (2),
    # Fri 2 (3), Thu 1 (4), Wed 30 Nov (5).
    c = nxt(start, held, D(2022, 12, 6))
    assert (c.kind, c.due_date, c.opens_on, c.status) == (
        "job_search_discussion", D(2022, 12, 8), D(2022, 11, 30), "due")


def test_supplementary_deadline_on_boxing_day_moves_to_the_next_working_day():
    # Held Mon 12 Dec 2022; + 2 weeks = Mon 26 Dec, Boxing Day: due Tue 27 Dec.
    c = nxt(D(2022, 12, 7), [(D(2022, 12, 12), None)], D(2022, 12, 13))
    assert (c.kind, c.due_date) == ("supplementary", D(2022, 12, 27))


def test_the_fixed_schedule_stops_at_the_first_contact_under_2026_rules():
    start = D(2025, 12, 1)
    held = [(D(2025, 12, 4), "initial_interview")]
    assert nxt(start, held, D(2025, 12, 5)).due_date == D(2025, 12, 18)     # 2022 rules
    held.append((D(2025, 12, 18), "supplementary"))
    # 18 Dec + 2 weeks = Thu 1 Jan 2026, New Year's Day: due Fri 2 Jan.
    c = nxt(start, held, D(2025, 12, 19))
    assert (c.kind, c.due_date, c.rule_set) == ("supplementary", D(2026, 1, 2), R2022.name)
    held.append((D(2026, 1, 2), "supplementary"))
    # From the contact of 2 Jan 2026 on, the 2026 rules: 3 months, Thu 2 Apr 2026.
    c = nxt(start, held, D(2026, 1, 5))
    assert (c.kind, c.due_date, c.rule_set) == ("job_search_discussion", D(2026, 4, 2),
                                                R2026.name)


# -- job-search discussions every 3 months -----------------------------------------------

def test_three_month_cadence_counts_from_the_last_contact():
    start = D(2026, 3, 2)
    held = [(D(2026, 3, 5), None), (D(2026, 11, 30), "job_search_discussion")]
    # Mon 30 Nov 2026 + 3 months = 28 Feb 2027 (clipped), a Sunday: due Mon 1 Mar 2027.
    c = nxt(start, held, D(2026, 12, 1))
    assert (c.kind, c.due_date, c.status) == ("job_search_discussion", D(2027, 3, 1), "upcoming")
    c = nxt(start, held, D(2027, 3, 16))
    assert (c.status, c.days_late) == ("overdue", 15)


def test_a_job_search_older_than_the_model_counts_from_its_start():
    # Began 1 Mar 2022, nothing held: the first discussion 3 months after 2 May 2022,
    # Tue 2 Aug 2022.
    c = nxt(D(2022, 3, 1), [], D(2022, 9, 1))
    assert (c.kind, c.due_date, c.status, c.days_late) == (
        "job_search_discussion", D(2022, 8, 2), "overdue", 30)
    # The same when the last contact was before the model, too.
    assert nxt(D(2021, 3, 1), [(D(2021, 3, 10), None)], D(2022, 9, 1)) == c
    # A contact under the model restarts the count: 20 Jun 2022 + 3 months, Tue 20 Sep.
    c = nxt(D(2021, 3, 1), [(D(2021, 3, 10), None), (D(2022, 6, 20), None)], D(2022, 9, 1))
    assert (c.due_date, c.status) == (D(2022, 9, 20), "upcoming")


# -- the intensified period after 6 months -----------------------------------------------

def test_intensified_period_after_six_months():
    start = D(2026, 3, 2)                       # Monday; 6 months: Wed 2 Sep 2026
    held = [(D(2026, 3, 5), None), (D(2026, 5, 20), None)]
    # 26 Aug: the discussion (Thu 20 Aug) is 6 days late, more urgent than the
    # intensified period, due Wed 2 Sep and open from 26 Aug (1 Sep, 31 Aug, 28, 27, 26).
    c = nxt(start, held, D(2026, 8, 26))
    assert (c.kind, c.status, c.days_late) == ("job_search_discussion", "overdue", 6)
    held.append((D(2026, 8, 26), None))
    c = nxt(start, held, D(2026, 8, 26))
    # An unmarked meeting is a discussion, not the intensified period.
    assert (c.kind, c.due_date, c.opens_on, c.status) == (
        "intensified", D(2026, 9, 2), D(2026, 8, 26), "due")
    late = nxt(start, held, D(2026, 9, 10))
    assert (late.kind, late.status, late.days_late) == ("intensified", "overdue", 8)
    # The period ends on 2 Oct: after that it has lapsed, the discussions go on.
    assert nxt(start, held, D(2026, 10, 2)).kind == "job_search_discussion"
    # A contact marked intensified on or after the day it opened satisfies it.
    c = nxt(start, held + [(D(2026, 8, 31), "intensified")], D(2026, 9, 10))
    assert (c.kind, c.due_date) == ("job_search_discussion", D(2026, 11, 30))


def test_intensified_period_is_a_setting():
    off = R2026.model_copy(update={"intensified_period": R2026.intensified_period.model_copy(
        update={"enabled": False})})
    held = [(D(2026, 3, 5), None), (D(2026, 8, 26), None)]
    assert nxt(D(2026, 3, 2), held, D(2026, 9, 1), RuleBook([R2022, off])).kind == \
        "job_search_discussion"
    assert nxt(D(2026, 3, 2), held, D(2026, 9, 1)).kind == "intensified"


def test_lead_time_is_a_parameter():
    held = [(D(2026, 3, 5), None), (D(2026, 5, 20), None)]
    # Due Thu 20 Aug 2026; with 10 working days' lead it is due from Thu 6 Aug.
    c = nxt(D(2026, 3, 2), held, D(2026, 8, 6), lead_working_days=10)
    assert (c.status, c.opens_on) == ("due", D(2026, 8, 6))
    assert nxt(D(2026, 3, 2), held, D(2026, 8, 6)).status == "upcoming"


# -- properties ---------------------------------------------------------------------------

days = st.dates(min_value=D(2021, 6, 1), max_value=D(2028, 6, 1))
kinds = st.sampled_from([None, "initial_interview", "supplementary", "job_search_discussion",
                         "intensified"])


@settings(max_examples=300, deadline=None)
@given(days, st.lists(st.tuples(days, kinds), max_size=12), days)
def test_status_and_lateness_are_consistent(start, held, today):
    c = nxt(start, held, today)
    if c is None:
        return
    assert c.status in ("upcoming", "due", "overdue")
    assert (c.status == "overdue") == (today > c.due_date)
    assert c.days_late == (max(0, (today - c.due_date).days))
    assert c.opens_on <= c.due_date
    # Holding a contact of every kind today satisfies whatever was due.
    if today >= start:
        after = nxt(start, held + [(today, "intensified")], today)
        assert after is None or after.status != "overdue"
