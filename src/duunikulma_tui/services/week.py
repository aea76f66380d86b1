"""A staff member's week: Monday to Friday (or the whole week) at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.services.desk import Desk


@dataclass(frozen=True)
class WeekItem:
    """One appointment in the week view."""

    id: str
    on_date: dt.date
    start: dt.time
    duration_min: int
    who: str
    service_type: str
    status: str
    kind: str = "individual"
    short: str = ""
    """'Virtanen M.': the client's last name and initial; else the employer or the title."""
    client_id: str | None = None
    employer_id: str | None = None
    staff_name: str = ""
    participants: int | None = None
    """Number of participants of a group event; None for other appointments."""


@dataclass(frozen=True)
class WeekView:
    """A week as the screen shows it: at most `per_day` items a day."""

    monday: dt.date
    staff_id: str | None
    items: list[WeekItem]
    cut_days: frozenset[dt.date]
    """Days that have more appointments than were loaded."""

    def on(self, day: dt.date) -> list[WeekItem]:
        """The loaded items of one day, by start time."""
        return [item for item in self.items if item.on_date == day]


_SELECT = (
    "SELECT a.id, a.on_date, a.start_time, a.duration_min, a.service_type, a.status, "
    "a.kind, a.client_id, a.employer_id, "
    "COALESCE(c.last_name || ' ' || c.first_name, e.name, a.title, '') AS who, "
    "COALESCE(c.last_name || ' ' || substr(c.first_name, 1, 1) || '.', e.name, a.title, '')"
    " AS short, "
    "COALESCE(s.first_name || ' ' || substr(s.last_name, 1, 1) || '.', '') AS staff_name, "
    # Only group events pay for counting their participants.
    "CASE WHEN a.kind = 'group' THEN (SELECT COUNT(*) FROM appointment_participant p "
    " WHERE p.appointment_id = a.id AND p.deleted = 0) END AS participants "
    "FROM appointment a LEFT JOIN client c ON c.id = a.client_id "
    "LEFT JOIN employer e ON e.id = a.employer_id "
    "LEFT JOIN staff s ON s.id = a.staff_id ")


def _item(r: dict) -> WeekItem:
    return WeekItem(r["id"], dt.date.fromisoformat(r["on_date"]),
                    dt.time.fromisoformat(r["start_time"]), r["duration_min"], r["who"],
                    r["service_type"], r["status"], r["kind"], r["short"], r["client_id"],
                    r["employer_id"], r["staff_name"], r["participants"])


def monday_of(day: dt.date) -> dt.date:
    """The Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def week_number(monday: dt.date) -> int:
    """The ISO week number people say aloud ("viikko 48")."""
    return monday.isocalendar().week


def week(desk: Desk, staff_id: str | None, monday: dt.date, days: int = 7) -> list[WeekItem]:
    """Appointments from `monday` for `days` days, for one staff member (None: everyone).

    Ordered by day and start time. One staff member's week reads the
    appointment_staff index (staff_id, on_date); everyone's the appointment_day
    index (on_date, start_time, staff_id, ...), whose order is the one wanted.
    """
    end = monday + dt.timedelta(days=days)
    sql = _SELECT + "WHERE a.on_date >= ? AND a.on_date < ? AND a.deleted = 0"
    params: list[object] = [monday.isoformat(), end.isoformat()]
    if staff_id:
        sql += " AND a.staff_id = ?"
        params.append(staff_id)
    sql += " ORDER BY a.on_date, a.start_time, a.staff_id, a.id"
    return [_item(r) for r in desk.store.query(sql, tuple(params))]


def week_view(desk: Desk, staff_id: str | None, monday: dt.date, *, days: int = 7,
              per_day: int = 100) -> WeekView:
    """Like `week`, but at most `per_day` appointments a day, noting the days cut short.

    Everyone's week at a large office is thousands of rows, more than anyone
    reads in a grid: each day is read from appointment_day in time order and
    stops after `per_day`. One person's week is small and reads appointment_staff.
    """
    if staff_id:
        by_day: dict[dt.date, list[WeekItem]] = {}
        for item in week(desk, staff_id, monday, days):
            by_day.setdefault(item.on_date, []).append(item)
        cut = {day for day, items in by_day.items() if len(items) > per_day}
        items = [item for day_items in by_day.values() for item in day_items[:per_day]]
        return WeekView(monday, staff_id, items, frozenset(cut))
    items = []
    cut = set()
    sql = (_SELECT + "WHERE a.on_date = ? AND a.deleted = 0 "
           "ORDER BY a.start_time, a.staff_id, a.id LIMIT ?")
    for offset in range(days):
        day = monday + dt.timedelta(days=offset)
        rows = desk.store.query(sql, (day.isoformat(), per_day + 1))
        if len(rows) > per_day:
            cut.add(day)
            rows = rows[:per_day]
        items.extend(_item(r) for r in rows)
    return WeekView(monday, None, items, frozenset(cut))
