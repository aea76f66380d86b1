"""The Nordic labour service model as data: dated rule sets and a jobseeker's next contact.

A rule set (JSON, domain/data/contact_rules/) says what the model asks from a
date on: the initial interview within N working days of the job search start;
optionally supplementary discussions every K weeks in the first M months (C of
them); a job-search discussion every few months; an intensified period after
some months (a setting); applications a month. Figures: ../shared/domain.md.
docs/due-contacts.md explains the choices below at length.

Which rule set applies: the one in force on the day a requirement arises --
the job search start for the initial interview (the 10-day rule covers job
searches starting on or after 1 Jan 2026), the last contact held for the next
discussion (so the fixed supplementary schedule ends with the first contact
held under the 2026 rules), the day the intensified period would begin for
it. A job search older than every rule set has no initial interview; its
first discussion counts from the first rule set's effective date.

How held contacts count (`contacts_held`: (date, kind), kind in CONTACT_KINDS
or None when unmarked; those before the start or after today are ignored; one
a day): the first is the initial interview whatever its kind; each later one
in the first M months is a supplementary discussion, the next due K weeks
after the last contact (not required when that falls after the M months; a
missed one lapses when they end); after that a job-search discussion is due
`every_months` after the last contact of any kind and never lapses. The
intensified period is due the day it begins; only a contact marked
'intensified' held on or after the day it opened satisfies it; unmet, it
lapses when the period ends. Deadlines in weeks or months landing on a day off
move to the next working day. A requirement is `upcoming` until it opens (the
job search start for the initial interview, else `lead_working_days` before
the deadline), then `due` up to and including the deadline, then `overdue`
(`days_late` in calendar days). The next contact is the most urgent open
requirement: overdue, due, upcoming; then the earliest deadline.
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
    book = rules if isinstance(rules, RuleBook) else RuleBook(
        [rules] if isinstance(rules, RuleSet) else rules)
    held = [(d, k) for d, k in contacts_held if job_search_start <= d <= today]
    found: list[DueContact] = []
    nxt = _cadence(job_search_start, sorted({d for d, _ in held}), book, today,
                   lead_working_days) if held else None
    if nxt:
        found.append(nxt)
    else:
        # Nothing held, or only before any rule set took effect.
        first = _first(book, job_search_start, lead_working_days)
        if first:
            found.append(_requirement(*first, today))
    extra = _intensified(job_search_start, held, book, today, lead_working_days)
    if extra:
        found.append(extra)
    if len(found) < 2:
        return found[0] if found else None
    return min(found, key=lambda c: (_SEVERITY[c.status], c.due_date, _KIND_ORDER[c.kind]))
