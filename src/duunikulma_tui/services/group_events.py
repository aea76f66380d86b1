"""Group events (digital workshop, recruitment event): one event, many participants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.validation import person_name
from duunikulma_tui.services.appointments import MAX_REPEATS
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

# Space in the participant list steps through these, so one key marks the roll.
ATTENDANCE_CYCLE = ("registered", "attended", "absent")
# No weekly series is longer than this, so its dates lie within it either side.
_SERIES_REACH = dt.timedelta(weeks=MAX_REPEATS)


@dataclass(frozen=True)
class Participant:
    """One registered person and their attendance."""

    id: str
    client_id: str | None
    name: str
    attendance: str


def add_participant(desk: Desk, appointment_id: str, *, client_id: str | None = None,
                    name: str = "") -> str:
    """Register a client (or a named non-client) to a group event; a client only once."""
    kind = desk.store.scalar("SELECT kind FROM appointment WHERE id = ? AND deleted = 0",
                             (appointment_id,))
    if kind != "group":
        raise FormErrors([FieldError("appointment_id", "not_a_group_event")])
    if client_id is None:
        name = person_name(name, field="name")
    elif desk.store.scalar("SELECT 1 FROM appointment_participant WHERE appointment_id = ? "
                           "AND client_id = ? AND deleted = 0", (appointment_id, client_id)):
        raise FormErrors([FieldError("client_id", "already_registered")])
    with desk.store.transaction():
        pid = records.insert(desk.store, "appointment_participant",
                             {"appointment_id": appointment_id, "client_id": client_id,
                              "name": name or None, "attendance": "registered"}, desk.operator_id)
        desk.audit("create", "appointment_participant", pid)
    return pid


def set_attendance(desk: Desk, participant_id: str, attendance: str) -> None:
    """Mark a participant attended, absent or registered."""
    if attendance not in ("registered", "attended", "absent"):
        raise FormErrors([FieldError("attendance", "choose_from_list")])
    records.update(desk.store, "appointment_participant", participant_id,
                   {"attendance": attendance}, desk.operator_id)


def participants(desk: Desk, appointment_id: str) -> list[Participant]:
    """The event's participants by name."""
    rows = desk.store.query(
        "SELECT p.id, p.client_id, COALESCE(c.last_name || ' ' || c.first_name, p.name, '') AS name,"
        " p.attendance FROM appointment_participant p LEFT JOIN client c ON c.id = p.client_id "
        "WHERE p.appointment_id = ? AND p.deleted = 0 ORDER BY name", (appointment_id,))
    return [Participant(**r) for r in rows]


def next_attendance(current: str) -> str:
    """registered -> attended -> absent -> registered."""
    i = ATTENDANCE_CYCLE.index(current) if current in ATTENDANCE_CYCLE else -1
    return ATTENDANCE_CYCLE[(i + 1) % len(ATTENDANCE_CYCLE)]


def toggle_attendance(desk: Desk, participant_id: str) -> str:
    """Step a participant's attendance to the next one; returns the new value."""
    current = desk.store.scalar("SELECT attendance FROM appointment_participant "
                                "WHERE id = ? AND deleted = 0", (participant_id,))
    if current is None:
        raise KeyError(participant_id)
    new = next_attendance(current)
    set_attendance(desk, participant_id, new)
    return new


@dataclass(frozen=True)
class GroupEvent:
    """A group event's details for its participants screen."""

    id: str
    title: str
    on_date: dt.date
    start: dt.time
    duration_min: int
    service_type: str
    status: str
    location: str
    staff_name: str
    series_dates: tuple[dt.date, ...]
    """Every date of its weekly series (empty when it does not repeat)."""


def group_event(desk: Desk, appointment_id: str) -> GroupEvent | None:
    """One group event with its weekly series, or None if there is no such group event."""
    rows = desk.store.query(
        "SELECT a.id, a.title, a.on_date, a.start_time, a.duration_min, a.service_type, "
        "a.status, a.location, a.series_id, a.staff_id, "
        "COALESCE(s.first_name || ' ' || substr(s.last_name, 1, 1) || '.', '') AS staff_name "
        "FROM appointment a LEFT JOIN staff s ON s.id = a.staff_id "
        "WHERE a.id = ? AND a.deleted = 0 AND a.kind = 'group'", (appointment_id,))
    if not rows:
        return None
    r = rows[0]
    day = dt.date.fromisoformat(r["on_date"])
    series: tuple[dt.date, ...] = ()
    if r["series_id"]:
        # Bounded by the longest series and read through appointment_staff
        # (staff_id, on_date): series_id has no index of its own.
        dates = desk.store.query(
            "SELECT on_date FROM appointment WHERE staff_id IS ? AND on_date >= ? "
            "AND on_date <= ? AND series_id = ? AND deleted = 0 ORDER BY on_date",
            (r["staff_id"], (day - _SERIES_REACH).isoformat(),
             (day + _SERIES_REACH).isoformat(), r["series_id"]))
        series = tuple(dt.date.fromisoformat(d["on_date"]) for d in dates)
    return GroupEvent(r["id"], r["title"] or "", day, dt.time.fromisoformat(r["start_time"]),
                      r["duration_min"], r["service_type"], r["status"], r["location"] or "",
                      r["staff_name"], series)
