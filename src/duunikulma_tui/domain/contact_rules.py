"""The Nordic labour service model as data: dated rule sets and a jobseeker's next contact.

A rule set (JSON, see domain/data/contact_rules/) says what the model asks
from a date on: the initial interview within N working days of the start of
the job search; optionally supplementary discussions every K weeks during the
first M months (C of them); a job-search discussion every 3 months; an
intensified period after 6 months (a setting: on or off, its length); and the
job applications a month. The figures come from ../shared/domain.md only.

Which rule set applies -- each requirement follows the rule set in force on
the day it arises, not one rule set per client for ever:
* the initial interview: the day the job search starts (so the 10-day rule of
  1 Jan 2026 covers job searches starting on or after that day);
* the next discussion (supplementary or job-search): the day of the last
  contact held, since that contact is what the next one is counted from
  (so a job search begun in autumn 2025 has supplementary discussions only
  until the first contact held on or after 1 Jan 2026, when the fixed schedule
  was dropped);
* the intensified period: the day it would begin.
A job search that began before every rule set has no initial interview; its
first discussion is counted from the first rule set's effective date.

How held contacts satisfy requirements (`contacts_held` is (date, kind)
with kind one of CONTACT_KINDS or None for an unmarked contact; contacts
before the job search start or after `today` are ignored; several on one day
count once):
* the first contact held on or after the start is the initial interview,
  whatever its kind;
* supplementary discussions: every contact after the initial interview in the
  first M months counts as one; the next is due K weeks after the last
  contact. One whose date would fall after the M months is not required, and
  a missed one lapses when the M months are over (it can no longer be made
  up); from then on the job-search discussion applies;
* job-search discussion: due `every_months` calendar months after the last
  contact of any kind; it never lapses;
* the intensified period is due on the day it begins and only a contact
  marked 'intensified' held on or after the day it opened satisfies it;
  a missed one lapses when the period (`length_months`) is over.
Deadlines counted in weeks or months that land on a day off move to the next
working day. Status: `upcoming` before the requirement opens (the start of
the job search, the start of the intensified period, or `lead_working_days`
before the deadline of a discussion), `due` from then up to and including
the deadline, `overdue` after it; `days_late` counts calendar days after the
deadline. Of several open requirements the most urgent one is "next":
overdue before due before upcoming, then the earliest deadline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass
from typing import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from duunikulma_tui.domain.workdays import add_months, add_working_days, next_working_day

CONTACT_KINDS = ("initial_interview", "supplementary", "job_search_discussion", "intensified")
DUE_STATUSES = ("upcoming", "due", "overdue")
DEFAULT_LEAD_WORKING_DAYS = 5

_STRICT = ConfigDict(frozen=True, extra="forbid")


class InitialInterview(BaseModel):
    """The first interview after the job search starts."""

    model_config = _STRICT
    within_working_days: int = Field(ge=1, le=60)


class SupplementaryDiscussions(BaseModel):
    """A fixed schedule of supplementary job-search discussions at the start."""

    model_config = _STRICT
    every_weeks: int = Field(ge=1, le=52)
    during_first_months: int = Field(ge=1, le=24)
    count: int = Field(ge=1, le=52)


class JobSearchDiscussion(BaseModel):
    """The regular job-search discussion."""

    model_config = _STRICT
    every_months: int = Field(ge=1, le=24)


class IntensifiedPeriod(BaseModel):
    """The intensified period; `confirmed` is False when the sources leave it open."""

    model_config = _STRICT
    enabled: bool
    after_months: int = Field(ge=1, le=60)
    length_months: int = Field(ge=1, le=12)
    confirmed: bool = True


class Applications(BaseModel):
    """Job applications a month; None where the sources do not say."""

    model_config = _STRICT
    per_month: int = Field(ge=0, le=31)
    individual_min: int | None = Field(default=None, ge=0, le=31)
    individual_max: int | None = Field(default=None, ge=0, le=31)
    part_time_workers_too: bool | None = None


class RuleSet(BaseModel):
    """One dated version of the model's rules."""

    model_config = _STRICT
    name: str = Field(min_length=1)
    effective_from: dt.date
    source: str = Field(min_length=1)
    initial_interview: InitialInterview
    supplementary_discussions: SupplementaryDiscussions | None
    job_search_discussion: JobSearchDiscussion
    intensified_period: IntensifiedPeriod
    applications: Applications
    notes: tuple[str, ...] = ()


class RuleSetError(ValueError):
    """A rule set's JSON is not valid; `problems` lists what is wrong, field by field."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_rule_set(text: str | bytes | dict, **override: object) -> RuleSet:
    """A RuleSet from JSON text (or a parsed dict); `override` replaces fields (e.g. name).

    Raises RuleSetError naming every bad field.
    """
    try:
        data = json.loads(text) if isinstance(text, (str, bytes)) else dict(text)
    except json.JSONDecodeError as exc:
        raise RuleSetError([f"json: {exc.msg} (line {exc.lineno})"]) from exc
    if not isinstance(data, dict):
        raise RuleSetError(["json: an object {...} is expected"])
    data.update(override)
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        raise RuleSetError([f"{'.'.join(str(p) for p in e['loc']) or 'rules'}: {e['msg']}"
                            for e in exc.errors()]) from exc


class RuleBook:
    """Rule sets ordered by effective date; answers which one is in force on a day.

    It also remembers the deadlines it has worked out (they depend on dates
    and the lead time only, never on today), since 100,000 jobseekers share a
    few thousand start and contact dates.
    """

    def __init__(self, rule_sets: Iterable[RuleSet]):
        by_date = {rs.effective_from: rs for rs in rule_sets}   # a later one of a date wins
        self.rule_sets: tuple[RuleSet, ...] = tuple(by_date[d] for d in sorted(by_date))
        self._ordinals = [rs.effective_from.toordinal() for rs in self.rule_sets]
        self._memo: dict[tuple, object] = {}

    def in_force(self, day: dt.date) -> RuleSet | None:
        """The rule set in force on `day`: the latest effective on or before it, or None."""
        i = bisect.bisect_right(self._ordinals, day.toordinal())
        return self.rule_sets[i - 1] if i else None

    @property
    def first_effective(self) -> dt.date | None:
        """The day the earliest rule set took effect."""
        return self.rule_sets[0].effective_from if self.rule_sets else None


def rule_set_on(rule_sets: Sequence[RuleSet] | RuleBook, day: dt.date) -> RuleSet | None:
    """The rule set in force on `day` (None before the first one took effect)."""
    book = rule_sets if isinstance(rule_sets, RuleBook) else RuleBook(rule_sets)
    return book.in_force(day)


@dataclass(frozen=True, slots=True)
class DueContact:
    """The next statutory contact of one jobseeker."""

    kind: str              # one of CONTACT_KINDS
    due_date: dt.date      # the last day it may be held on time
    status: str            # one of DUE_STATUSES
    days_late: int         # calendar days past due_date; 0 unless overdue
    opens_on: dt.date      # from this day on it counts as due
    rule_set: str          # name of the rule set that asks for it


_SEVERITY = {"overdue": 0, "due": 1, "upcoming": 2}
_KIND_ORDER = {k: i for i, k in enumerate(CONTACT_KINDS)}


def _requirement(kind: str, opens: dt.date, due: dt.date, rs: RuleSet,
                 today: dt.date) -> DueContact:
    if today > due:
        return DueContact(kind, due, "overdue", (today - due).days, opens, rs.name)
    return DueContact(kind, due, "due" if today >= opens else "upcoming", 0, opens, rs.name)


def _window(anchor: dt.date, nominal: dt.date, lead: int) -> tuple[dt.date, dt.date]:
    """(opens, due) of a discussion counted from `anchor` with the deadline `nominal`."""
    due = next_working_day(nominal)
    # A contact on the anchor day is the anchor itself, so the window opens after it.
    return max(add_working_days(due, -lead), anchor + dt.timedelta(days=1)), due


def _after(book: RuleBook, last: dt.date, lead: int) -> tuple:
    """What may follow a contact on `last`: (rule set, supplementary window or None, nominal
    date of the next supplementary, job-search discussion window); memoised per book."""
    key = ("after", last, lead)
    got = book._memo.get(key)
    if got is None:
        rs = book.in_force(last)
        if rs is None:
            got = (None, None, None, None)
        else:
            sup = rs.supplementary_discussions
            nominal = last + dt.timedelta(weeks=sup.every_weeks) if sup else None
            got = (rs, _window(last, nominal, lead) if sup else None, nominal,
                   _window(last, add_months(last, rs.job_search_discussion.every_months), lead))
        book._memo[key] = got
    return got


def _cadence(start: dt.date, dates: list[dt.date], book: RuleBook, today: dt.date,
             lead: int) -> DueContact | None:
    """The next supplementary or job-search discussion after the contacts held."""
    last = dates[-1]
    rs, sup_window, nominal, jsd_window = _after(book, last, lead)
    if rs is None:
        return None
    sup = rs.supplementary_discussions
    if sup is not None:
        phase_end = add_months(start, sup.during_first_months)
        if nominal <= phase_end and today <= phase_end \
                and sum(1 for d in dates[1:] if d <= phase_end) < sup.count:
            return _requirement("supplementary", *sup_window, rs, today)
    return _requirement("job_search_discussion", *jsd_window, rs, today)


def _period(book: RuleBook, start: dt.date, lead: int) -> tuple | None:
    """(rule set, opens, due, end) of the intensified period of a job search; memoised.

    The rule set in force on the day the period would begin decides.
    """
    key = ("period", start, lead)
    if key in book._memo:
        return book._memo[key]
    got = None
    for candidate in book.rule_sets:
        mark = add_months(start, candidate.intensified_period.after_months)
        if book.in_force(mark) is candidate:
            ip = candidate.intensified_period
            if ip.enabled:
                due = next_working_day(mark)
                got = (candidate, add_working_days(due, -lead), due,
                       add_months(mark, ip.length_months))
            break
    book._memo[key] = got
    return got


def _intensified(start: dt.date, held: list[tuple[dt.date, str | None]], book: RuleBook,
                 today: dt.date, lead: int) -> DueContact | None:
    """The intensified period, unless there is none, it has lapsed or it was held."""
    period = _period(book, start, lead)
    if period is None or today >= period[3]:
        return None          # no such period, or it is over and has lapsed
    rs, opens, due, _ = period
    if any(kind == "intensified" and day >= opens for day, kind in held):
        return None
    return _requirement("intensified", opens, due, rs, today)


def _first(book: RuleBook, start: dt.date, lead: int) -> tuple | None:
    """(kind, opens, due, rule set) of the first requirement when nothing was held."""
    key = ("first", start, lead)
    if key in book._memo:
        return book._memo[key]
    rs0 = book.in_force(start)
    if rs0 is not None:
        due = add_working_days(start, rs0.initial_interview.within_working_days)
        got = ("initial_interview", start, due, rs0)
    elif book.rule_sets:
        # Began before the model: the first discussion counts from its effective date.
        rs = book.rule_sets[0]
        first = rs.effective_from
        opens, due = _window(first - dt.timedelta(days=1),
                             add_months(first, rs.job_search_discussion.every_months), lead)
        got = ("job_search_discussion", opens, due, rs)
    else:
        got = None
    book._memo[key] = got
    return got


def next_statutory_contact(job_search_start: dt.date,
                           contacts_held: Iterable[tuple[dt.date, str | None]],
                           rules: RuleBook | Sequence[RuleSet] | RuleSet,
                           today: dt.date, *,
                           lead_working_days: int = DEFAULT_LEAD_WORKING_DAYS,
                           ) -> DueContact | None:
    """The most urgent statutory contact the model asks for, or None when none applies.

    `contacts_held` are (date, kind) pairs, kind in CONTACT_KINDS or None for
    an unmarked contact; the module docstring defines how they satisfy the
    requirements and which rule set governs each one.
    """
    if isinstance(rules, RuleSet):
        book = RuleBook([rules])
    elif isinstance(rules, RuleBook):
        book = rules
    else:
        book = RuleBook(rules)
    held = [(d, k) for d, k in contacts_held if job_search_start <= d <= today]
    found: list[DueContact] = []
    if held:
        dates = sorted({d for d, _ in held})
        nxt = _cadence(job_search_start, dates, book, today, lead_working_days)
        if nxt:
            found.append(nxt)
    else:
        first = _first(book, job_search_start, lead_working_days)
        if first:
            found.append(_requirement(*first, today))
    extra = _intensified(job_search_start, held, book, today, lead_working_days)
    if extra:
        found.append(extra)
    if len(found) < 2:
        return found[0] if found else None
    return min(found, key=lambda c: (_SEVERITY[c.status], c.due_date, _KIND_ORDER[c.kind]))
