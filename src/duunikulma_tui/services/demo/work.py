"""Demo referrals to measures and purchased services, job openings with matching,
and the employments clients found."""

from __future__ import annotations

import datetime as dt
import json

from duunikulma_tui.services.demo.context import BATCH, Context
from duunikulma_tui.services.demo.org import Employer
from duunikulma_tui.services.demo.people import ActiveIndex, Period, Person
from duunikulma_tui.services.demo.pools import (CARD_CHOICE, CARD_YEARS, JOB_TITLES,
                                                PURCHASED_SERVICES, Choice)

DAY = dt.timedelta(days=1)

# Measures per period: about one on average (Oulu: 1,768 measures, 1,595 clients).
MEASURE_COUNT = Choice([(0, 35), (1, 38), (2, 19), (3, 8)])
MEASURE = Choice([("work_trial", 22), ("card_training", 22), ("short_course", 14),
                  ("labour_market_training", 12), ("rehabilitative_work", 12)])
# Days a measure lasts: (shortest, longest).
LENGTH = {"rehabilitative_work": (60, 180), "work_trial": (30, 180),
          "labour_market_training": (60, 240), "short_course": (3, 20), "card_training": (1, 2),
          "purchased_service": (30, 120), "pay_subsidised_work": (180, 365),
          "apprenticeship": (365, 730)}
# 28 of 300 clients got purchased services (domain.md).
PURCHASED_SHARE = 28 / 300
PURCHASE_PRICES = (60_000, 75_000, 90_000, 100_000, 120_000, 135_000)
PROVIDER_WEIGHTS = (30, 20, 15, 12, 10, 8, 5)
REFERRAL_NOTES = ("Sovittu yhdessä asiakkaan kanssa.", "Asiakas kiinnostunut alasta.",
                  "Tavoitteena työllistyminen alalle.", "Selvitetään työkykyä.")

JOB_STATUS = Choice([("filled", 45), ("open", 30), ("closed", 25)])
HIRE_CLASS = Choice([("employed_open_market", 70), ("pay_subsidised", 18), ("apprenticeship", 12)])
TERM = Choice([("permanent", 25), ("fixed_term", 45), ("summer", 10), ("pay_subsidised", 12),
               ("apprenticeship", 8)])
POSITIONS = Choice([(1, 70), (2, 20), (3, 10)])
CHAIN = ("proposed", "contacted", "interview", "offered", "hired")
MATCH_NOTES = ("Hyvä kokemus alalta.", "Kortit kunnossa.", "Kiinnostunut osa-aikatyöstä.",
               "Asuu lähellä työpaikkaa.", "Suosittelija tarkistettu.")
_KIND_OF_TERM = {"permanent": "open_market", "fixed_term": "open_market", "summer": "open_market",
                 "pay_subsidised": "pay_subsidised", "apprenticeship": "apprenticeship"}
_KIND_OF_OUTCOME = {"employed_open_market": "open_market", "self_employed": "self_employed",
                    "pay_subsidised": "pay_subsidised", "apprenticeship": "apprenticeship"}


def _cost(ctx: Context, kind: str, status: str) -> tuple[int | None, int | None]:
    rng = ctx.rng
    if kind == "purchased_service":
        agreed = rng.choice(PURCHASE_PRICES)
        realised = {"completed": agreed, "interrupted": agreed * rng.randint(3, 6) // 10,
                    "started": agreed // 2}.get(status)
        return agreed, realised
    if kind in ("card_training", "short_course"):
        if kind == "card_training":
            agreed = rng.choice((3_000, 4_500, 9_000, 15_000, 18_000, 25_000))
        else:
            agreed = rng.randrange(20_000, 80_001, 5_000)
        return agreed, agreed if status == "completed" else None
    return None, None


def _measure(ctx: Context, kind: str, referred: dt.date, start: dt.date | None = None) -> dict:
    """A referral's dates and status as they stand on today."""
    rng, today = ctx.rng, ctx.today
    low, high = LENGTH[kind]
    start = start or referred + dt.timedelta(days=rng.randint(3, 30) if kind == "card_training"
                                             else rng.randint(7, 35))
    length = rng.randint(low, high)
    end = None
    if start > today:
        status = "planned"
    elif start + dt.timedelta(days=length) > today:
        status = "started"
    elif rng.random() < 0.85:
        status, end = "completed", start + dt.timedelta(days=length)
    else:
        status, end = "interrupted", start + dt.timedelta(days=rng.randint(0, length))
    return {"kind": kind, "referred_on": referred, "start_date": start, "end_date": end,
            "status": status, "card_name": None, "provider_id": None, "service_name": None,
            "at_start": False}


def plan_referrals(ctx: Context, persons: list[Person], providers: list[str]) -> None:
    """Plan each period's referrals; completed card trainings give the client the card."""
    rng, cal = ctx.rng, ctx.cal
    provider_choice = Choice(list(zip(providers, PROVIDER_WEIGHTS))) if providers else None
    for person in persons:
        for n, period in enumerate(person.periods):
            last_i = min(period.i1, ctx.today_i)
            span = max(0, last_i - period.i0)
            plans = []
            for k in range(MEASURE_COUNT(rng)):
                at_start = k == 0 and rng.random() < 0.35
                day_i = period.i0 if at_start else period.i0 + rng.randint(0, int(span * 0.6))
                plan = _measure(ctx, MEASURE(rng), cal.days[min(day_i, ctx.today_i)])
                plan["at_start"] = at_start
                if plan["kind"] == "card_training":
                    card = CARD_CHOICE(rng)
                    plan["card_name"] = card
                    if plan["status"] == "completed":
                        years = CARD_YEARS[card]
                        person.cards[card] = ((plan["end_date"] + dt.timedelta(days=365 * years))
                                              .isoformat() if years else None)
                plans.append(plan)
            if n == 0 and provider_choice and rng.random() < PURCHASED_SHARE:
                person.purchased = True
                day = cal.days[min(period.i0 + rng.randint(0, int(span * 0.4)), ctx.today_i)]
                plan = _measure(ctx, "purchased_service", day)
                plan["provider_id"] = provider_choice(rng)
                plan["service_name"] = rng.choice(PURCHASED_SERVICES)
                plans.append(plan)
            # The measure that the exit outcome came from.
            if period.end is not None and period.outcome in ("pay_subsidised", "apprenticeship"):
                kind = ("pay_subsidised_work" if period.outcome == "pay_subsidised"
                        else "apprenticeship")
                day = cal.days[max(period.i0, period.i1 - rng.randint(5, 25))]
                plans.append(_measure(ctx, kind, day, start=period.end))
            elif period.outcome == "employed_open_market" and rng.random() < 0.4:
                day = cal.days[max(period.i0, period.i1 - rng.randint(3, 20))]
                plan = _measure(ctx, "work_trial", day, start=period.end)
                plan.update(kind="open_market_job", status="completed", end_date=None)
                plans.append(plan)
            period.referrals = plans


def write_referrals(ctx: Context, periods: list[Period]) -> None:
    """Write the planned referrals, linking those made at the first meeting to it."""
    rng = ctx.rng
    rows = []
    for n, period in enumerate(periods, 1):
        person = period.person
        for plan in period.referrals:
            referred = plan["referred_on"]
            row = ctx.new_row(referred, person.minute, person.staff.id)
            agreed, realised = _cost(ctx, plan["kind"], plan["status"])
            link = None
            if plan["at_start"] and period.first_appt and period.first_appt[0] == referred:
                link = period.first_appt[1]
            start, end = plan["start_date"], plan["end_date"]
            row.update(client_id=person.id, appointment_id=link, kind=plan["kind"],
                       card_name=plan["card_name"], provider_id=plan["provider_id"],
                       service_name=plan["service_name"], referred_on=referred.isoformat(),
                       start_date=start.isoformat() if start else None,
                       end_date=end.isoformat() if end else None, status=plan["status"],
                       agreed_cost_cents=agreed, realised_cost_cents=realised,
                       note=rng.choice(REFERRAL_NOTES) if rng.random() < 0.2 else None)
            rows.append(row)
        if len(rows) >= BATCH or n == len(periods):
            ctx.writer.write("referral", rows)
            rows = []


class Jobs:
    """Job openings with their match proposals, planned before clients are written."""

    def __init__(self) -> None:
        self.openings: list[dict] = []
        self.matches: list[dict] = []
        self.changes: list[dict] = []
        self.employer_of: dict[str, str] = {}


# Titles that municipalities and associations (and sections without titles
# of their own) typically offer.
_ALSO = {"O": ("Laitoshuoltaja", "Koulunkäynnin ohjaaja", "Kotihoidon työntekijä",
               "Kiinteistönhoitaja", "Lähihoitaja"),
         "S": ("Siivooja", "Kiinteistönhoitaja", "Kokki", "Myyjä"),
         "R": ("Kiinteistönhoitaja", "Siivooja", "Myyjä"),
         "M": ("IT-tukihenkilö", "Siivooja"), "L": ("Siivooja",), "N": ("Kiinteistönhoitaja",)}


def _title(ctx: Context, employer: Employer) -> tuple:
    also = _ALSO.get(employer.industry, ())
    fitting = [t for t in JOB_TITLES if t[1] == employer.industry or t[0] in also]
    return ctx.rng.choice(fitting or JOB_TITLES)


def _propose(ctx: Context, jobs: Jobs, job: dict, period: Period, dates: list[dt.date],
             final: str | None) -> dict:
    """A proposal that went through CHAIN up to len(dates) steps, then maybe to `final`."""
    rng = ctx.rng
    staff = rng.choice(ctx.by_duty("coordinator", "coach"))
    steps = list(CHAIN[:len(dates)])
    if final is not None and final not in steps:
        steps.append(final)
        dates = dates + [min(ctx.today, dates[-1] + dt.timedelta(days=rng.randint(1, 10)))]
    row = ctx.new_row(dates[0], rng.randrange(480, 900), staff.id)
    hired = steps[-1] == "hired"
    row.update(job_id=job["id"], client_id=period.person.id, staff_id=staff.id,
               proposed_on=dates[0].isoformat(), status=steps[-1],
               score=rng.randint(70, 98) if hired else rng.randint(40, 92),
               note=rng.choice(MATCH_NOTES) if rng.random() < 0.3 else None)
    jobs.matches.append(row)
    for before, after, day in zip(steps, steps[1:], dates[1:]):
        change = ctx.new_row(day, rng.randrange(480, 900), staff.id)
        change.update(match_id=row["id"], from_status=before, to_status=after,
                      changed_on=day.isoformat())
        jobs.changes.append(change)
    return row


def _forward(ctx: Context, first: dt.date, steps: int) -> list[dt.date]:
    dates = [first]
    for _ in range(steps - 1):
        dates.append(min(ctx.today, dates[-1] + dt.timedelta(days=ctx.rng.randint(1, 8))))
    return dates


def plan_jobs(ctx: Context, employers: list[Employer], periods: list[Period],
              active: ActiveIndex, codes: set[str]) -> Jobs:
    """Plan job openings and matching; hires are clients who left into such a job.

    Hires are taken from periods that already ended in employment, and the
    opening's dates are set around the hire, so exit outcomes keep their shares.
    """
    rng, today = ctx.rng, ctx.today
    jobs = Jobs()
    if not employers:
        return jobs
    pools: dict[str, list[Period]] = {"employed_open_market": [], "pay_subsidised": [],
                                      "apprenticeship": []}
    earliest = ctx.start + dt.timedelta(days=45)
    for period in periods:
        if period.end is not None and period.outcome in pools and period.end >= earliest:
            pools[period.outcome].append(period)
    for pool in pools.values():
        rng.shuffle(pool)
    supporting = [e for e in employers if e.kind != "company"]
    for _ in range(ctx.spec.jobs):
        status = JOB_STATUS(rng)
        hires: list[Period] = []
        term = TERM(rng)
        if status == "filled":
            cls = HIRE_CLASS(rng)
            if not pools[cls]:
                cls = next((c for c, p in pools.items() if p), None)
            if cls is None:
                status = "closed"
            else:
                hires.append(pools[cls].pop())
                term = {"pay_subsidised": "pay_subsidised", "apprenticeship": "apprenticeship"}.get(
                    cls, "permanent" if rng.random() < 0.3 else "fixed_term")
        positions = POSITIONS(rng)
        chains: list[list[dt.date]] = []
        if hires:
            first = hires[0]
            # Colleagues hired for the same opening left the service around the same time.
            for other in pools[first.outcome][-200:][::-1]:
                if len(hires) >= positions:
                    break
                if -5 <= (other.end - first.end).days <= 25:
                    pools[first.outcome].remove(other)
                    hires.append(other)
            for period in hires:
                # proposed -> contacted -> interview -> offered -> hired, counted back
                # from the day the client left the service for the job.
                back = [max(period.start, period.end - dt.timedelta(days=rng.randint(0, 10)))]
                for _ in range(4):
                    back.append(max(period.start, back[-1] - dt.timedelta(days=rng.randint(1, 6))))
                chains.append(back[::-1])
            hired_on = chains[0][-1]
            opened = min(hired_on - dt.timedelta(days=rng.randint(20, 60)),
                         chains[0][0] - dt.timedelta(days=rng.randint(2, 10)))
            closes = hired_on - dt.timedelta(days=rng.randint(0, 10))
        elif status == "open":
            opened = today - dt.timedelta(days=rng.randint(3, 45))
            closes = today + dt.timedelta(days=rng.randint(5, 40))
        else:
            latest = max(0, (today - ctx.start).days - 60)
            opened = ctx.start + dt.timedelta(days=rng.randint(0, latest))
            closes = opened + dt.timedelta(days=rng.randint(14, 45))
        if term == "pay_subsidised" and supporting and rng.random() < 0.7:
            employer = rng.choice(supporting)
        else:
            employer = rng.choice(employers)
        title, _, code, cards, licence, skills, working = _title(ctx, employer)
        driven = rng.random() < 0.4
        staff = rng.choice(ctx.by_duty("coordinator", "coach"))
        job = ctx.new_row(opened, rng.randrange(480, 900), staff.id)
        language = rng.choice((["fi"], ["fi"], ["fi"], ["fi", "en"], ["fi", "sv"]))
        job.update(employer_id=employer.id, title=title,
                   occupation_code=code if code in codes else None, positions=positions,
                   municipality=employer.place.name, working_time=working, employment_kind=term,
                   required_cards=json.dumps(list(cards)), required_languages=json.dumps(language),
                   driving_licence=licence, skills=json.dumps(list(skills), ensure_ascii=False),
                   employer_driven=int(driven),
                   digital_marketing=int(driven and rng.random() < 0.7),
                   new_job=int(driven and term == "permanent" and rng.random() < 0.5),
                   opened_on=opened.isoformat(), closes_on=closes.isoformat(), status=status,
                   description=f"{employer.name} hakee: {title.lower()}, {positions} hlö.")
        jobs.openings.append(job)
        jobs.employer_of[job["id"]] = employer.id
        seen = set()
        for period, chain in zip(hires, chains):
            match = _propose(ctx, jobs, job, period, chain, None)
            period.hire = (job, match["id"])
            seen.add(period.person.id)
        # Other candidates proposed for the same opening.
        for _ in range(rng.randint(1, 4) if status != "closed" else rng.randint(0, 3)):
            day = min(today, opened + dt.timedelta(days=rng.randint(1, 12)))
            period = active.pick(rng, day)
            if period is None or period.person.id in seen:
                continue
            seen.add(period.person.id)
            if status == "open":
                _propose(ctx, jobs, job, period, _forward(ctx, day, rng.randint(1, 4)), None)
            else:
                final = "not_selected" if rng.random() < 0.7 else "withdrawn"
                _propose(ctx, jobs, job, period, _forward(ctx, day, rng.randint(1, 3)), final)
    return jobs


def write_outcomes(ctx: Context, periods: list[Period], employers: list[Employer]) -> None:
    """Write an employment outcome for every exit into work (via a match or otherwise)."""
    rng, today = ctx.rng, ctx.today
    rows = []
    for n, period in enumerate(periods, 1):
        if period.end is not None and period.outcome in _KIND_OF_OUTCOME:
            person = period.person
            row = ctx.new_row(period.end, person.minute, person.staff.id)
            job_id = match_id = employer_id = None
            if period.hire is not None:
                job, match_id = period.hire
                job_id, employer_id = job["id"], job["employer_id"]
                kind = _KIND_OF_TERM[job["employment_kind"]]
                permanent, new_job = job["employment_kind"] == "permanent", job["new_job"]
            else:
                kind = _KIND_OF_OUTCOME[period.outcome]
                if kind != "self_employed" and employers and rng.random() < 0.65:
                    employer_id = rng.choice(employers).id
                permanent = kind == "open_market" and rng.random() < 0.2
                # Entrepreneurs create their own job (domain.md counts them as new jobs).
                new_job = int(kind == "self_employed" or rng.random() < 0.05)
            end = None
            if period.over3 == 0:
                end = period.end + dt.timedelta(days=rng.randint(14, 85))
            elif period.over3 == 1 and not permanent and rng.random() < 0.4:
                end = period.end + dt.timedelta(days=rng.randint(100, 300))
                end = end if end < today else None
            row.update(client_id=person.id, employer_id=employer_id, job_id=job_id,
                       match_id=match_id, kind=kind, permanent=int(permanent), new_job=int(new_job),
                       start_date=period.end.isoformat(), end_date=end.isoformat() if end else None)
            rows.append(row)
        if len(rows) >= BATCH or (n == len(periods) and rows):
            ctx.writer.write("employment_outcome", rows)
            rows = []
