"""Demo appointments: client meetings, company visits and group events with their
participants and status history, generated and written in batches without Faker."""

from __future__ import annotations

import datetime as dt

from duunikulma_tui.services.demo.context import BATCH, Context
from duunikulma_tui.services.demo.org import Employer
from duunikulma_tui.services.demo.people import ActiveIndex, Period
from duunikulma_tui.services.demo.pools import Choice

DAY = dt.timedelta(days=1)
OPEN, CLOSE = 8 * 60, 16 * 60
# The agenda day is shown as it stands at 10:30, so the same seed always
# gives the same mix of done, arrived and coming meetings.
AGENDA_NOW = 10 * 60 + 30
# A client meets staff about every 12 working days (2–3 weeks).
WORKDAYS_PER_MEETING = 12

CHANNEL = Choice([("desk", 50), ("phone", 25), ("video", 10), ("chat_email", 8), ("outreach", 7)])
SERVICE = Choice([("service_guidance", 36), ("job_search_coaching", 30), ("digital_advice", 16),
                  ("recruitment_service", 7), ("purchased_service_guidance", 6), ("other", 5)])
PAST = Choice([("completed", 76), ("missed", 6), ("cancelled_by_client", 9),
               ("cancelled_by_staff", 3), ("walk_in", 6)])
DURATION = Choice([(15, 8), (30, 30), (45, 27), (60, 25), (90, 10)])
VISIT_STATUS = Choice([("completed", 90), ("cancelled_by_client", 5), ("cancelled_by_staff", 5)])
TITLES = {"service_guidance": "Palveluohjaus", "job_search_coaching": "Työnhakuvalmennus",
          "digital_advice": "Digineuvonta", "recruitment_service": "Rekrytointipalvelu",
          "purchased_service_guidance": "Ostopalvelun seuranta", "other": "Tapaaminen"}
OUTREACH = ("Pielaveden kirjasto", "Ständi K-Marketin ovella", "Nuorisotila", "Kylätalo, Säviä",
            "Työnhakutori, Iisalmi")
LOCATIONS = {"desk": "Duunikulma, Pielavesi", "video": "Etäyhteys", "phone": None,
             "chat_email": None}
NOTES = ("Päivitetty CV ja työnhakuprofiili.", "Käyty läpi avoimia työpaikkoja.",
         "Harjoiteltu työhaastattelua.", "Autettu vahvassa tunnistautumisessa.",
         "Sovittu työkokeilusta.", "Keskusteltu koulutusvaihtoehdoista.",
         "Tehty työnhakusuunnitelma.", "Haettu yhdessä kahta työpaikkaa.")
NEXT_STEPS = ("Hae neljä työpaikkaa", "Päivitä CV", "Ota yhteys työnantajaan",
              "Ilmoittaudu korttikoulutukseen", "Toimita todistukset",
              "Tutustu koulutushakuun", "Varaa aika työkykyarvioon")
VISIT_NOTES = ("Kartoitettu rekrytointitarpeet.", "Esitelty palkkatuki ja työkokeilu.",
               "Sovittu työnantajalähtöisestä ratkaisusta.", "Keskusteltu kesätöistä.",
               "Yritys laajentaa, tarvetta 2–3 tekijälle.")
VISIT_NEXT = ("Lähetä ehdokkaat", "Laadi työpaikkailmoitus", "Sovi uusi käynti",
              "Markkinoi tehtävää somessa")
GROUPS = {"digital_workshop": ("Digipaja", ("Oma asiointi ja tunnistautuminen",
                                            "Sähköposti ja liitteet", "CV verkossa",
                                            "Suomi.fi ja verkkopankki", "Etähaastattelu")),
          "group_coaching": ("Ryhmävalmennus", ("Vahvuudet ja osaaminen", "Työhaastattelu",
                                                "Piilotyöpaikat", "Työelämän pelisäännöt"))}
TIMES = [f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)]
_DAYS = [dt.timedelta(days=n) for n in range(32)]


# Every planned appointment is one int, so a million of them sort quickly and
# cheaply: day index | kind | flag | gap to the client's next meeting | ref
# (period or employer index). Sorted, they are written in date order, which
# keeps SQLite's index inserts near the end of each index (2x faster).
INDIVIDUAL, VISIT, GROUP = 0, 1, 2
_REF_BITS, _GAP_BITS = 24, 13
_GAP_ZERO = 1 << (_GAP_BITS - 1)  # a stored gap of 0 means "no next meeting"


def pack(day: int, kind: int, flag: bool, gap: int, ref: int) -> int:
    """One planned appointment as an int that sorts by day first."""
    return ((((day << 2 | kind) << 1 | flag) << _GAP_BITS | gap) << _REF_BITS) | ref


def unpack(key: int) -> tuple[int, int, bool, int, int]:
    """The inverse of `pack`: (day, kind, flag, gap, ref)."""
    ref = key & ((1 << _REF_BITS) - 1)
    key >>= _REF_BITS
    gap = key & ((1 << _GAP_BITS) - 1)
    key >>= _GAP_BITS
    return key >> 3, (key >> 1) & 3, bool(key & 1), gap, ref


def allocate(weights: list[float], total: int, rng) -> list[int]:
    """Split `total` into integers proportional to `weights` (systematic rounding, exact sum)."""
    mass = sum(weights)
    if total <= 0 or mass <= 0:
        return [0] * len(weights)
    scale = total / mass
    acc = rng.random()
    out, done = [], 0
    for weight in weights:
        acc += weight * scale
        upto = min(total, int(acc))
        out.append(upto - done)
        done = upto
    if done < total:  # floating-point shortfall of one at most
        out[max(range(len(weights)), key=weights.__getitem__)] += total - done
    return out


class AppointmentWriter:
    """Builds appointment rows with participants and status changes; writes every BATCH."""

    def __init__(self, ctx: Context, active: ActiveIndex) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.cal = ctx.cal
        self.active = active
        self.today = ctx.today
        self.rows: list[dict] = []
        self.participants: list[dict] = []
        self.changes: list[dict] = []
        self.series: dict[tuple, str] = {}
        self.desk = ctx.by_duty("guidance", "coach", "digi")

    # -- writing -------------------------------------------------------------
    def flush(self, force: bool = False) -> None:
        """Write what has accumulated (parents before children, for the foreign keys)."""
        if force or len(self.rows) >= BATCH:
            writer = self.ctx.writer
            writer.write("appointment", self.rows)
            writer.write("appointment_participant", self.participants)
            writer.write("appointment_status_change", self.changes)
            self.rows, self.participants, self.changes = [], [], []

    def _row(self, created: tuple[dt.date, int], by: str, **fields) -> dict:
        row = self.ctx.new_row(created[0], created[1], by)
        row.update(fields)
        self.rows.append(row)
        return row

    def _change(self, row: dict, before: str | None, after: str, day: dt.date, minute: int) -> None:
        text, millis = self.cal.stamp(day, minute)
        self.changes.append({"id": self.ctx.ids.make(millis), "created_at": text,
                             "updated_by": row["staff_id"], "appointment_id": row["id"],
                             "from_status": before, "to_status": after, "changed_at": text})

    def _history(self, row: dict, day: dt.date, start: int, booked: dt.date) -> None:
        """Status moves that led to the row's status (walk-ins are created as such).

        Past meetings get one move, scheduled -> final status; the agenda day's
        meetings also pass through 'arrived', as the desk records them live.
        """
        status, end = row["status"], start + row["duration_min"]
        if status == "completed":
            if day == self.today and row["channel"] in ("desk", "outreach"):
                self._change(row, "scheduled", "arrived", day, start - self.rng.randint(0, 10))
                self._change(row, "arrived", "completed", day, end)
            else:
                self._change(row, "scheduled", "completed", day, end)
        elif status == "arrived":
            self._change(row, "scheduled", "arrived", day, start - self.rng.randint(0, 10))
        elif status == "missed":
            self._change(row, "scheduled", "missed", day, end + 15)
        elif status.startswith("cancelled"):
            when = min(self.today, max(booked, day - dt.timedelta(days=self.rng.randint(0, 3))))
            self._change(row, "scheduled", status, when, self.rng.randrange(OPEN, 10 * 60))

    # int(random() * n) instead of randrange(n) in these per-row helpers: a
    # third of the cost, and the spread is the same for these small n.
    def _booked(self, day: dt.date) -> tuple[dt.date, int]:
        random = self.rng.random
        booked = min(self.today, day - _DAYS[1 + int(random() * 21)])
        return booked, OPEN + int(random() * (CLOSE - OPEN))

    def _start(self, duration: int, first: int = OPEN, last: int = CLOSE) -> int:
        return first + 15 * int(self.rng.random() * max(1, (last - duration - first) // 15 + 1))

    # -- client meetings -----------------------------------------------------
    def individual(self, period: Period, first: bool, i: int, next_i: int | None) -> None:
        """One meeting of a client's period; i/next_i are working-day indices of it and the next."""
        rng, cal, person = self.rng, self.cal, period.person
        random = rng.random
        day = cal.days[i]
        staff = person.staff if random() < 0.8 else self.desk[int(random() * len(self.desk))]
        if first:
            channel, service, duration = "desk", "service_guidance", 60
        else:
            channel, service, duration = CHANNEL(rng), SERVICE(rng), DURATION(rng)
            if service == "purchased_service_guidance" and not person.purchased:
                service = "service_guidance"
        start = self._start(duration)
        if day < self.today:
            status = ("completed" if random() < 0.94 else "walk_in") if first else PAST(rng)
        else:
            status = "scheduled" if random() < 0.96 else "cancelled_by_client"
        if status == "walk_in":
            created = (day, start)
        elif first:
            created = (person.created, person.minute)
        else:
            created = self._booked(day)
        notes = next_step = follow = None
        if status == "completed" or status == "walk_in":
            if random() < 0.35:
                notes = NOTES[int(random() * len(NOTES))]
            if random() < 0.3:
                next_step = NEXT_STEPS[int(random() * len(NEXT_STEPS))]
                follow = (cal.texts[next_i] if next_i is not None
                          else (day + _DAYS[14]).isoformat())
        location = (LOCATIONS[channel] if channel != "outreach"
                    else OUTREACH[int(random() * len(OUTREACH))])
        text, millis = cal.stamp(created[0], created[1])
        row = {"id": self.ctx.ids.make(millis), "created_at": text, "updated_by": staff.id,
               "kind": "individual", "on_date": cal.texts[i], "start_time": TIMES[start],
               "duration_min": duration, "staff_id": staff.id, "client_id": person.id,
               "employer_id": None, "channel": channel, "service_type": service,
               "status": status, "title": "Aloitustapaaminen" if first else TITLES[service],
               "location": location, "notes": notes, "next_step": next_step,
               "follow_up_on": follow, "series_id": None}
        self.rows.append(row)
        if first:
            period.first_appt = (day, row["id"])
        if status != "scheduled" and status != "walk_in":
            self._history(row, day, start, created[0])

    def plan_meetings(self, period: Period, ref: int, count: int, agenda_i: int,
                      plan: list[int]) -> None:
        """Add `count` meetings spread over the period (the first on its start day) to `plan`."""
        if count <= 0:
            return
        rng, last = self.rng, len(self.cal) - 1
        step = (period.i1 - period.i0 + 1) / count
        days = []
        for k in range(count):
            i = min(period.i1, period.i0 + int((k + rng.random() * 0.9) * step)) if k else period.i0
            if i == agenda_i and last > 0:
                # The agenda day has its own hand-made mix of meetings: move
                # this one to a nearby day (spread, so no day gets doubled).
                i = min(last, max(0, i + rng.choice((-2, -1, 1, 2, 3) if k else (1, 2, 3))))
                if i == agenda_i:
                    i = agenda_i + 1 if agenda_i < last else agenda_i - 1
            days.append(i)
        for k, i in enumerate(days):
            gap = days[k + 1] - i + _GAP_ZERO if k + 1 < count else 0
            plan.append(pack(i, INDIVIDUAL, k == 0, gap, ref))

    def agenda(self, count: int, with_group: bool, agenda_i: int, periods: list[Period]) -> None:
        """The agenda day: `count` appointments across staff without overlaps."""
        rng, day = self.rng, self.cal.days[agenda_i]
        live = day == self.today
        if with_group:
            count -= 1
            self.group(agenda_i, "digital_workshop" if rng.random() < 0.5 else "group_coaching",
                       start=13 * 60)
        if not periods:
            for _ in range(count):
                self.group(agenda_i, "group_coaching")
            return
        free = {s.id: OPEN + 15 * rng.randrange(4) for s in self.desk}
        for _ in range(count):
            period = self.active.pick(rng, day) or periods[rng.randrange(len(periods))]
            person = period.person
            duration = DURATION(rng)
            staff = person.staff
            if free[staff.id] + duration > CLOSE:
                staff = min(self.desk, key=lambda s: free[s.id])
            start = free[staff.id]
            if start + duration > CLOSE:  # everyone is booked full: overlap rather than fail
                start = self._start(duration)
            free[staff.id] = start + duration + 15 * rng.randrange(3)
            end = start + duration
            if not live:
                status = "scheduled"
            elif end <= AGENDA_NOW:
                status = "completed" if rng.random() < 0.85 else rng.choice(("missed", "walk_in"))
            elif start <= AGENDA_NOW:
                status = "arrived"
            else:
                status = "scheduled"
            channel = CHANNEL(rng)
            service = SERVICE(rng)
            if service == "purchased_service_guidance" and not person.purchased:
                service = "job_search_coaching"
            created = (day, start) if status == "walk_in" else self._booked(day)
            location = LOCATIONS.get(channel) if channel != "outreach" else rng.choice(OUTREACH)
            done = status in ("completed", "walk_in")
            follow = (day + dt.timedelta(days=14)).isoformat() if done else None
            row = self._row(created, staff.id, kind="individual", on_date=self.cal.texts[agenda_i],
                            start_time=TIMES[start], duration_min=duration, staff_id=staff.id,
                            client_id=person.id, employer_id=None, channel=channel,
                            service_type=service, status=status, title=TITLES[service],
                            location=location,
                            notes=NOTES[rng.randrange(len(NOTES))] if done else None,
                            next_step=NEXT_STEPS[rng.randrange(len(NEXT_STEPS))] if done else None,
                            follow_up_on=follow,
                            series_id=None)
            self._history(row, day, start, created[0])
            if len(self.rows) >= BATCH:
                self.flush()

    # -- company visits and group events --------------------------------------
    def visit(self, i: int, employer: Employer) -> None:
        """A company visit to map the employer's recruitment needs."""
        rng, day = self.rng, self.cal.days[i]
        staff = rng.choice(self.ctx.by_duty("coordinator", "coach"))
        duration = rng.choice((45, 60, 60, 90))
        start = self._start(duration, 9 * 60, 15 * 60)
        status = VISIT_STATUS(rng) if day < self.today else "scheduled"
        done = status == "completed"
        created = self._booked(day)
        row = self._row(created, staff.id, kind="company_visit", on_date=self.cal.texts[i],
                        start_time=TIMES[start], duration_min=duration, staff_id=staff.id,
                        client_id=None, employer_id=employer.id,
                        channel="outreach" if rng.random() < 0.88 else "video",
                        service_type="company_visit", status=status,
                        title=f"Yrityskäynti: {employer.name}", location=employer.place.name,
                        notes=rng.choice(VISIT_NOTES) if done and rng.random() < 0.6 else None,
                        next_step=rng.choice(VISIT_NEXT) if done and rng.random() < 0.35 else None,
                        follow_up_on=None, series_id=None)
        if row["next_step"]:
            row["follow_up_on"] = (day + dt.timedelta(days=21)).isoformat()
        self._history(row, day, start, created[0])

    def group(self, i: int, service: str, start: int | None = None) -> None:
        """A digital workshop or group coaching session with registered clients."""
        rng, day = self.rng, self.cal.days[i]
        name, topics = GROUPS[service]
        staff = rng.choice(self.ctx.by_duty("digi" if service == "digital_workshop" else "coach"))
        duration = rng.choice((60, 90, 90))
        start = start if start is not None else rng.choice((9 * 60, 12 * 60 + 30, 13 * 60))
        if day < self.today:
            status = "completed" if rng.random() < 0.94 else "cancelled_by_staff"
        elif day == self.today and start + duration <= AGENDA_NOW:
            status = "completed"
        else:
            status = "scheduled"
        key = (service, day.year, (day.month - 1) // 3)
        if key not in self.series:
            # One series per kind and quarter, like a recurring course.
            self.series[key] = self.ctx.ids.make(self.cal.stamp(day, OPEN)[1])
        created = self._booked(day)
        row = self._row(created, staff.id, kind="group", on_date=self.cal.texts[i],
                        start_time=TIMES[start], duration_min=duration, staff_id=staff.id,
                        client_id=None, employer_id=None,
                        channel="desk" if rng.random() < 0.85 else "video", service_type=service,
                        status=status, title=f"{name}: {rng.choice(topics)}",
                        location="Duunikulma, ryhmätila", notes=None, next_step=None,
                        follow_up_on=None, series_id=self.series[key])
        self._history(row, day, start, created[0])
        seen = set()
        for _ in range(rng.randint(3, 8)):
            period = self.active.pick(rng, day, tries=15)
            if period is None or period.person.id in seen:
                continue
            seen.add(period.person.id)
            self._participant(row, created, period.person.id, None, status)
        if rng.random() < 0.2:
            guest = f"{rng.choice(self.ctx.pools.women)} {rng.choice(self.ctx.pools.last)[0]}."
            self._participant(row, created, None, guest, status)

    def _participant(self, row: dict, created: tuple, client_id: str | None, name: str | None,
                     status: str) -> None:
        if status == "completed":
            attendance = "attended" if self.rng.random() < 0.85 else "absent"
        else:
            attendance = "registered"
        part = self.ctx.new_row(created[0], created[1], row["staff_id"])
        part.update(appointment_id=row["id"], client_id=client_id, name=name,
                    attendance=attendance)
        self.participants.append(part)


def write_appointments(ctx: Context, periods: list[Period], employers: list[Employer],
                       active: ActiveIndex) -> None:
    """Generate and write all appointments over the window, batch by batch.

    With `spec.appointments` None the count follows from the clients (a
    meeting every 2–3 weeks), employers and months; otherwise exactly that
    many appointment rows are written.
    """
    rng, cal, spec = ctx.rng, ctx.cal, ctx.spec
    last, agenda_i = len(cal) - 1, ctx.agenda_i
    weights = [1 + (p.i1 - p.i0) / WORKDAYS_PER_MEETING for p in periods]
    if spec.appointments is None:
        agenda_n = rng.randint(6, 12)
        n_ind = round(sum(weights))
        n_visit = round(len(employers) * spec.months / 10)
        n_group = round(spec.months * 3.5)
    else:
        total = spec.appointments
        agenda_n = min(total, max(rng.randint(6, 12), round(total / len(cal))))
        rest = total - agenda_n
        n_group, n_visit = rest // 50, rest // 25
        n_ind = rest - n_group - n_visit
    if not periods:
        n_group, n_ind = n_group + n_ind, 0
    if not employers:
        n_group, n_visit = n_group + n_visit, 0
    out = AppointmentWriter(ctx, active)
    out.agenda(agenda_n, agenda_n >= 4, agenda_i, periods)
    plan: list[int] = []
    for ref, (period, count) in enumerate(zip(periods, allocate(weights, n_ind, rng))):
        out.plan_meetings(period, ref, count, agenda_i, plan)

    def other_day() -> int:
        i = rng.randint(0, last)
        while i == agenda_i and last > 0:
            i = rng.randint(0, last)
        return i

    for _ in range(n_visit):
        # Visits favour some employers, as real ones do: a skewed pick.
        plan.append(pack(other_day(), VISIT, False, 0,
                         int(len(employers) * rng.random() ** 1.6)))
    for _ in range(n_group):
        plan.append(pack(other_day(), GROUP, rng.random() < 0.5, 0, 0))
    plan.sort()
    for key in plan:
        day, kind, flag, gap, ref = unpack(key)
        if kind == INDIVIDUAL:
            out.individual(periods[ref], flag, day, day + gap - _GAP_ZERO if gap else None)
        elif kind == VISIT:
            out.visit(day, employers[ref])
        else:
            out.group(day, "digital_workshop" if flag else "group_coaching")
        if len(out.rows) >= BATCH:
            out.flush()
    out.flush(force=True)
