"""What every part of the demo generator shares: spec, random stream, calendar, ids, writer."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

from duunikulma_tui.services.demo.calendar import Calendar, IdMaker
from duunikulma_tui.services.demo.pools import Pools, make_pools
from duunikulma_tui.store.database import Store
from duunikulma_tui.store.records import bulk_insert

if TYPE_CHECKING:
    from duunikulma_tui.services.demo import DemoSpec

# Appointments reach this far past today: the next few weeks are booked.
DAYS_AHEAD = 28
# Rows handed to bulk_insert at a time: bounds memory on the scale set.
BATCH = 20_000


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (negative: earlier), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for dd in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass
class StaffMember:
    """One demo staff member; `duty` says which appointments fall to them."""

    id: str
    first: str
    last: str
    role: str
    title: str
    duty: str  # coordinator | guidance | coach | digi


def _by_id(row: Mapping[str, Any]) -> str:
    return row["id"]


class Writer:
    """Hands rows to `records.bulk_insert`, counts them and reports progress."""

    def __init__(self, store: Store, progress: Callable[[str, int], None] | None) -> None:
        self.store = store
        self.progress = progress
        self.counts: Counter[str] = Counter()

    def write(self, table: str, rows: list[Mapping[str, Any]]) -> None:
        """Insert rows (all with the same keys) and their change_log lines."""
        if not rows:
            return
        rows.sort(key=_by_id)
        bulk_insert(self.store, table, rows)
        self.counts[table] += len(rows)
        if self.progress is not None:
            self.progress(table, self.counts[table])


class Context:
    """The generator's shared state for one run."""

    def __init__(self, store: Store, spec: DemoSpec, today: dt.date,
                 progress: Callable[[str, int], None] | None) -> None:
        self.spec = spec
        self.today = today
        self.rng = random.Random(spec.seed)
        self.ids = IdMaker(spec.seed)
        self.start = add_months(today, -spec.months)
        self.end = today + dt.timedelta(days=DAYS_AHEAD)
        self.cal = Calendar(self.start, self.end)
        # The last working day that is not in the future.
        self.today_i = self.cal.on_or_before(today)
        # Today's agenda is shown on today if it is a working day, else on the next one.
        self.agenda_i = self.cal.on_or_after(today)
        self.writer = Writer(store, progress)
        self.pools: Pools = make_pools(spec.seed)
        self.staff: list[StaffMember] = []

    def new_row(self, day: dt.date, minute: int, staff_id: str | None) -> dict[str, Any]:
        """A row dict started with a deterministic id, created_at and updated_by."""
        text, millis = self.cal.stamp(day, minute)
        return {"id": self.ids.make(millis), "created_at": text, "updated_by": staff_id}

    def office_minute(self) -> int:
        """A random minute of office hours (8:00–16:00)."""
        return self.rng.randrange(480, 960)

    def by_duty(self, *duties: str) -> list[StaffMember]:
        """Staff members with one of the duties (all staff when none has them)."""
        found = [s for s in self.staff if s.duty in duties]
        return found or self.staff
