"""Demo jobseekers: who they are and their agreement periods (planned in memory first).

Persons and periods are planned as small slotted objects so that matching,
referrals and appointments can refer to them; the full client rows are only
built when written, in batches, to keep the 100,000-client scale set small.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from duunikulma_tui.services.demo.context import Context, StaffMember, years_before
from duunikulma_tui.services.demo.pools import FOREIGN_NAMES, PLACE_CHOICE, Choice, identity_code

DAY = dt.timedelta(days=1)

AGE_BANDS = Choice([((17, 24), 22), ((25, 29), 16), ((30, 54), 40), ((55, 64), 22)])
GENDERS = Choice([("woman", 44), ("man", 54), ("other", 1), ("not_told", 1)])
NATIVE = Choice([("fi", 890), ("sv", 20), ("ru", 25), ("et", 15), ("ar", 20), ("so", 15),
                 ("en", 15)])
LABOUR = Choice([("long_term_unemployed", 42), ("unemployed", 38), ("inactive", 7),
                 ("employed_at_risk", 4), ("student", 4), ("other", 5)])
# Oulu (domain.md): ~40 % into working life, ~20 % job search or studies,
# ~35 % still unemployed, under 5 % outside the labour force.
OUTCOMES = Choice([("employed_open_market", 24), ("self_employed", 6), ("pay_subsidised", 6),
                   ("apprenticeship", 4), ("active_job_search", 13), ("education", 9),
                   ("rehabilitative_work", 3), ("unemployed", 30), ("outside_labour_force", 3),
                   ("moved_or_unknown", 2)])
EMPLOYED = frozenset({"employed_open_market", "self_employed", "pay_subsidised", "apprenticeship"})
# Outcomes after which a client may come back for a second period.
RETURNING = frozenset({"unemployed", "active_job_search", "rehabilitative_work",
                       "outside_labour_force"})
EXIT_NOTES = {
    "employed_open_market": "Työllistyi avoimille työmarkkinoille.",
    "self_employed": "Perusti oman yrityksen.",
    "pay_subsidised": "Palkkatukityöhön.",
    "apprenticeship": "Oppisopimuskoulutukseen.",
    "education": "Aloitti opinnot.",
    "active_job_search": "Jatkaa aktiivista työnhakua.",
    "rehabilitative_work": "Ohjattu kuntouttavaan työtoimintaan.",
    "unemployed": "Palvelu päättyi, työnhaku jatkuu.",
    "outside_labour_force": "Siirtyi työvoiman ulkopuolelle.",
    "moved_or_unknown": "Muutti pois paikkakunnalta.",
}
# Length of an agreement period in days: log-normal, median ~145, mean ~175,
# which with continuous intake keeps about a third of 300 clients active.
_DURATION_MU, _DURATION_SIGMA = math.log(145), 0.6
DRAFT_SHARE = 0.03
SECOND_PERIOD_SHARE = 0.22


class Person:
    """A planned client; the full row is built when written."""

    __slots__ = ("idx", "id", "created", "minute", "first", "last", "gender", "birth", "code",
                 "lang", "foreign", "place", "staff", "periods", "status", "cards", "purchased",
                 "digital")

    def __init__(self) -> None:
        self.periods: list[Period] = []
        self.cards: dict[str, str | None] = {}
        self.purchased = False


class Period:
    """A planned agreement period; i0/i1 are working-day indices of its span."""

    __slots__ = ("id", "person", "start", "end", "i0", "i1", "labour", "unemployed_since",
                 "job_search_start", "education", "outcome", "over3", "note", "referrals",
                 "first_appt", "hire")

    def __init__(self, person: Person) -> None:
        self.person = person
        self.end: dt.date | None = None
        self.outcome: str | None = None
        self.over3: int | None = None
        self.note: str | None = None
        self.referrals: list = []
        self.first_appt: tuple[dt.date, str] | None = None
        self.hire = None  # (job, match id) when hired through matching

    def covers(self, day: dt.date) -> bool:
        """True when the period is open on `day`."""
        return self.start <= day and (self.end is None or self.end >= day)


def _name(ctx: Context, lang: str, gender: str) -> tuple[str, str]:
    rng, pools = ctx.rng, ctx.pools
    woman = gender == "woman" or (gender in ("other", "not_told") and rng.random() < 0.5)
    if lang in FOREIGN_NAMES:
        women, men, lasts = FOREIGN_NAMES[lang]
        last = rng.choice(lasts)
        if lang == "ru" and woman:
            last += "a"  # Russian surnames take the feminine form
        return rng.choice(women if woman else men), last
    return rng.choice(pools.women if woman else pools.men), rng.choice(pools.last)


def _birth(ctx: Context, anchor: dt.date, age: int) -> dt.date:
    """A birth date that makes the person exactly `age` years old on `anchor`."""
    latest = years_before(anchor, age)
    earliest = years_before(anchor, age + 1) + DAY
    return earliest + dt.timedelta(days=ctx.rng.randint(0, (latest - earliest).days))


def _identity(ctx: Context, person: Person, used: set[str]) -> str | None:
    # About 5 % have no Finnish code: mostly people who moved here recently.
    if ctx.rng.random() < (0.3 if person.foreign else 0.035):
        return None
    odd = person.gender == "man" or (person.gender != "woman" and ctx.rng.random() < 0.5)
    while True:
        number = ctx.rng.randrange(2, 900)
        if (number % 2 == 1) != odd:
            number = number + 1 if number < 899 else number - 1
        code = identity_code(person.birth, number)
        if code not in used:
            used.add(code)
            return code


def _period(ctx: Context, person: Person, start_i: int, second: bool) -> Period:
    rng, cal, today = ctx.rng, ctx.cal, ctx.today
    period = Period(person)
    period.start = cal.days[start_i]
    period.i0 = start_i
    length = min(700, max(20, int(rng.lognormvariate(_DURATION_MU, _DURATION_SIGMA))))
    planned_end = period.start + dt.timedelta(days=length)
    if planned_end < today:
        period.i1 = cal.on_or_before(planned_end)
        period.end = cal.days[period.i1]
        period.outcome = OUTCOMES(rng)
        if period.outcome in EMPLOYED and period.end <= today - dt.timedelta(days=91):
            # Whether the job lasted over 3 months is known only 3 months later.
            period.over3 = 1 if rng.random() < 0.65 else 0
        if rng.random() < 0.35:
            period.note = EXIT_NOTES[period.outcome]
    else:
        period.i1 = len(cal) - 1
    labour = "long_term_unemployed" if second and rng.random() < 0.7 else LABOUR(rng)
    young = (period.start - person.birth).days < 25 * 365
    if labour == "long_term_unemployed" and (period.start - person.birth).days < 18 * 365:
        labour = "unemployed"  # too young to have been unemployed for a year
    period.labour = labour
    since = None
    if labour == "long_term_unemployed":
        since = period.start - dt.timedelta(days=rng.randint(365, 365 * (3 if young else 6)))
    elif labour == "unemployed":
        since = period.start - dt.timedelta(days=rng.randint(7, 360))
    period.unemployed_since = since
    if since is not None:
        period.job_search_start = min(period.start, since + dt.timedelta(days=rng.randint(0, 14)))
    elif labour in ("student", "employed_at_risk"):
        period.job_search_start = period.start - dt.timedelta(days=rng.randint(0, 30))
    else:
        period.job_search_start = None
    edu = rng.random()
    if young:
        period.education = "isced_0_2" if edu < 0.45 else "isced_3_4" if edu < 0.95 else "isced_5_8"
    else:
        period.education = "isced_0_2" if edu < 0.25 else "isced_3_4" if edu < 0.75 else "isced_5_8"
    return period


def plan_people(ctx: Context) -> tuple[list[Person], list[Period]]:
    """Plan every client and agreement period; nothing is written yet."""
    rng, cal = ctx.rng, ctx.cal
    guidance: list[StaffMember] = ctx.by_duty("guidance", "coach", "digi")
    persons: list[Person] = []
    periods: list[Period] = []
    used_codes: set[str] = set()
    for idx in range(ctx.spec.clients):
        person = Person()
        person.idx = idx
        draft = rng.random() < DRAFT_SHARE
        if draft:
            # Drafts are recent: entered at the desk, agreement not yet signed.
            created_i = rng.randint(max(0, ctx.today_i - 20), ctx.today_i)
            start_i = created_i
        else:
            start_i = rng.randint(0, ctx.today_i)
            created_i = max(0, start_i - rng.choice((0, 0, 0, 1, 2, 5, 10)))
        person.created = cal.days[created_i]
        person.minute = ctx.office_minute()
        person.id = ctx.new_row(person.created, person.minute, None)["id"]
        person.lang = NATIVE(rng)
        person.foreign = int(person.lang not in ("fi", "sv") or rng.random() < 0.01)
        person.gender = GENDERS(rng)
        person.first, person.last = _name(ctx, person.lang, person.gender)
        low, high = AGE_BANDS(rng)
        person.birth = _birth(ctx, cal.days[start_i], rng.randint(low, high))
        person.code = _identity(ctx, person, used_codes)
        person.place = PLACE_CHOICE(rng)
        person.staff = rng.choice(guidance)
        if not draft:
            period = _period(ctx, person, start_i, False)
            person.periods.append(period)
            if (period.outcome in RETURNING and rng.random() < SECOND_PERIOD_SHARE):
                back = period.end + dt.timedelta(days=rng.randint(30, 240))
                if back < ctx.today:
                    back_i = min(cal.on_or_after(back), ctx.today_i)
                    person.periods.append(_period(ctx, person, back_i, True))
        last = person.periods[-1] if person.periods else None
        person.status = "draft" if last is None else "active" if last.end is None else "exited"
        for period in person.periods:
            period.id = ctx.new_row(period.start, person.minute, None)["id"]
            periods.append(period)
        persons.append(person)
    return persons, periods


class ActiveIndex:
    """Find a period open on a given day without scanning them all.

    Periods are listed in 28-day buckets of the window; a few random probes of
    the day's bucket find an open one (about a third of listed periods are).
    """

    SPAN = 28

    def __init__(self, ctx: Context, periods: list[Period]) -> None:
        self.base = ctx.start.toordinal()
        self.periods = periods
        size = (ctx.end.toordinal() - self.base) // self.SPAN + 1
        self.buckets: list[list[int]] = [[] for _ in range(size)]
        last_day = ctx.cal.days[-1]
        for n, period in enumerate(periods):
            first = max(0, (period.start.toordinal() - self.base) // self.SPAN)
            end = period.end or last_day
            for b in range(first, min(size - 1, (end.toordinal() - self.base) // self.SPAN) + 1):
                self.buckets[b].append(n)

    def pick(self, rng: random.Random, day: dt.date, tries: int = 40) -> Period | None:
        """A random period open on `day`, or None when none was found."""
        b = (day.toordinal() - self.base) // self.SPAN
        if not 0 <= b < len(self.buckets) or not self.buckets[b]:
            return None
        bucket = self.buckets[b]
        for _ in range(tries):
            period = self.periods[bucket[rng.randrange(len(bucket))]]
            if period.covers(day):
                return period
        return None
