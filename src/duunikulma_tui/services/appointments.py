"""Booking and logging appointments and contacts, and moving their status.

Warnings are not refusals: a double booking, a weekend, a public holiday or
a time outside office hours is reported, and the worker confirms. Every
status move is kept in appointment_status_change, so a move made today can
be undone today, and yesterday's leftovers are offered to be marked missed,
never silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.ids import new_id, utc_stamp
from duunikulma_tui.domain.models import Appointment, model_to_row, to_form_errors
from duunikulma_tui.domain.workdays import holidays_in
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

OFFICE_OPENS = dt.time(8, 0)
OFFICE_CLOSES = dt.time(16, 0)
MAX_REPEATS = 60  # a weekly series longer than a year is a typing mistake

# Allowed status moves (issue 4): scheduled -> arrived -> completed;
# scheduled -> cancelled (by client or staff) or missed; walk-ins are done at once.
MOVES: dict[str, tuple[str, ...]] = {
    "scheduled": ("arrived", "completed", "cancelled_by_client", "cancelled_by_staff", "missed"),
    "arrived": ("completed",),
}
INACTIVE = ("cancelled_by_client", "cancelled_by_staff")


@dataclass(frozen=True)
class BookingWarning:
    """Something to confirm before booking: `code` names catalog text `booking.warn_<code>`."""

    code: str
    params: dict


class BookingWarnings(Exception):
    """The booking is possible but needs the worker's confirmation."""

    def __init__(self, warnings: list[BookingWarning]):
        super().__init__([w.code for w in warnings])
        self.warnings = warnings


class ExitedClient(Exception):
    """The client's agreement has ended; offer to re-open before booking."""

    def __init__(self, client_id: str):
        super().__init__(client_id)
        self.client_id = client_id


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def booking_warnings(desk: Desk, appt: Appointment, *, ignore_id: str | None = None) -> list[BookingWarning]:
    """Overlaps for the staff member or the client, weekends, holidays, office hours."""
    out: list[BookingWarning] = []
    day = appt.on_date
    if day.isoweekday() >= 6:
        out.append(BookingWarning("weekend", {}))
    if day in holidays_in(day.year):
        out.append(BookingWarning("holiday", {"name": _holiday_name(day)}))
    start = _minutes(appt.start_time)
    end = start + appt.duration_min
    if start < _minutes(OFFICE_OPENS) or end > _minutes(OFFICE_CLOSES):
        out.append(BookingWarning("office_hours", {}))
    for who, column in (("staff", "staff_id"), ("client", "client_id")):
        value = getattr(appt, column)
        if not value:
            continue
        rows = desk.store.query(
            f"SELECT id, start_time, duration_min FROM appointment WHERE on_date = ? AND "
            f"{column} = ? AND deleted = 0 AND status NOT IN (?, ?) AND id IS NOT ?",
            (day.isoformat(), value, *INACTIVE, ignore_id))
        for r in rows:
            other = _minutes(dt.time.fromisoformat(r["start_time"]))
            if other < end and start < other + r["duration_min"]:
                out.append(BookingWarning(f"{who}_overlap", {"time": r["start_time"]}))
                break
    return out


def _holiday_name(day: dt.date) -> str:
    import holidays

    return holidays.Finland(years=day.year, language="fi").get(day) or ""


def _parse(values: dict[str, str], *, status: str = "scheduled") -> Appointment:
    raw = {k: v for k, v in values.items() if k in Appointment.model_fields}
    raw.setdefault("status", status)
    try:
        return Appointment.model_validate(raw)
    except ValidationError as exc:
        raise to_form_errors(exc) from None


def book(desk: Desk, values: dict[str, str], *, confirm: bool = False,
         repeat_until: dt.date | None = None) -> list[str]:
    """Book one appointment, or a weekly series up to `repeat_until`; returns the ids.

    Raises FormErrors (nothing saved), ExitedClient, or BookingWarnings
    unless `confirm` is True.
    """
    values = {"staff_id": desk.operator_id or "", **values}
    appt = _parse(values)
    if repeat_until is not None and repeat_until < appt.on_date:
        raise FormErrors([FieldError("repeat_until", "date_too_early",
                                     {"earliest": appt.on_date})])
    if appt.client_id and not confirm:
        status = desk.store.scalar("SELECT status FROM client WHERE id = ?", (appt.client_id,))
        if status == "exited":
            raise ExitedClient(appt.client_id)
    days = [appt.on_date]
    while repeat_until and days[-1] + dt.timedelta(days=7) <= repeat_until:
        days.append(days[-1] + dt.timedelta(days=7))
        if len(days) > MAX_REPEATS:
            raise FormErrors([FieldError("repeat_until", "too_many_repeats",
                                         {"maximum": MAX_REPEATS})])
    if not confirm:
        warnings = [w for d in days for w in booking_warnings(
            desk, appt.model_copy(update={"on_date": d}))]
        if warnings:
            unique = {w.code: w for w in warnings}  # a series repeats the same warnings
            raise BookingWarnings(list(unique.values()))
    series = new_id() if len(days) > 1 else None
    ids = []
    with desk.store.transaction():
        for d in days:
            row = model_to_row(appt.model_copy(update={"on_date": d, "series_id": series}))
            appt_id = records.insert(desk.store, "appointment", row, desk.operator_id)
            _history(desk, appt_id, None, appt.status)
            ids.append(appt_id)
        desk.audit("create", "appointment", ids[0], f"{len(ids)}" if len(ids) > 1 else None)
    return ids


def _history(desk: Desk, appt_id: str, old: str | None, new: str) -> None:
    records.insert(desk.store, "appointment_status_change",
                   {"appointment_id": appt_id, "from_status": old, "to_status": new,
                    "changed_at": utc_stamp(desk.now())}, desk.operator_id)


def set_status(desk: Desk, appt_id: str, new: str) -> None:
    """Move an appointment to `new`; refuses moves the status model does not allow."""
    current = desk.store.scalar("SELECT status FROM appointment WHERE id = ? AND deleted = 0",
                                (appt_id,))
    if current is None:
        raise KeyError(appt_id)
    if new not in MOVES.get(current, ()):
        raise FormErrors([FieldError("status", "status_move",
                                     {"from_status": current, "to_status": new})])
    with desk.store.transaction():
        records.update(desk.store, "appointment", appt_id, {"status": new}, desk.operator_id)
        _history(desk, appt_id, current, new)
        desk.audit("update", "appointment", appt_id, new)


def undo_status(desk: Desk, appt_id: str) -> str | None:
    """Undo today's last status move; returns the status restored, or None if nothing to undo.

    Undos are moves of their own in the history, so repeated undos walk back
    step by step: the history is replayed as a stack where a move that
    reverses the one before it (never an allowed forward move) cancels it.
    """
    history = desk.store.query(
        "SELECT from_status, to_status, changed_at FROM appointment_status_change "
        # The HLC stamp orders moves causally, also when two share a clock reading.
        "WHERE appointment_id = ? AND deleted = 0 ORDER BY hlc", (appt_id,))
    stack: list[dict] = []
    for move in history:
        top = stack[-1] if stack else None
        if top and move["from_status"] == top["to_status"] and move["to_status"] == top["from_status"]:
            stack.pop()
        else:
            stack.append(move)
    if not stack or stack[-1]["from_status"] is None:
        return None
    last = stack[-1]
    moved_on = dt.datetime.fromisoformat(last["changed_at"].replace("Z", "+00:00"))
    if moved_on.astimezone().date() != desk.today():
        return None  # only a move made today can be undone
    previous = last["from_status"]
    with desk.store.transaction():
        records.update(desk.store, "appointment", appt_id, {"status": previous}, desk.operator_id)
        _history(desk, appt_id, last["to_status"], previous)
        desk.audit("update", "appointment", appt_id, f"undo:{previous}")
    return previous


def log_contact(desk: Desk, values: dict[str, str], *, appointment_id: str | None = None,
                referral: dict[str, str] | None = None) -> str:
    """Log a contact: complete an existing appointment with its notes, or a walk-in now.

    A referral given with it is saved in the same transaction: both or neither.
    """
    if referral is not None:
        from duunikulma_tui.services.referrals import add_referral, check_referral

        check_referral(desk, referral)  # refuse before anything is written
        with desk.store.transaction():
            appt_id = log_contact(desk, values, appointment_id=appointment_id)
            client = desk.store.scalar("SELECT client_id FROM appointment WHERE id = ?", (appt_id,))
            add_referral(desk, {**referral, "appointment_id": appt_id, "client_id": client or ""})
        return appt_id
    if appointment_id is None:
        now = desk.now()
        values = {"on_date": desk.today().isoformat(), "start_time": now.strftime("%H:%M"),
                  "staff_id": desk.operator_id or "", **values}
        appt = _parse(values, status="walk_in")
        with desk.store.transaction():
            appt_id = records.insert(desk.store, "appointment", model_to_row(appt),
                                     desk.operator_id)
            _history(desk, appt_id, None, "walk_in")
            desk.audit("create", "appointment", appt_id, "walk_in")
        return appt_id
    current = records.get(desk.store, "appointment", appointment_id)
    if current is None:
        raise KeyError(appointment_id)
    merged = {k: current[k] for k in Appointment.model_fields if k in current}
    merged.update({k: v for k, v in values.items() if k in Appointment.model_fields})
    appt = _parse({k: ("" if v is None else v) for k, v in merged.items()})
    changes = {k: v for k, v in model_to_row(appt).items()
               if k in ("notes", "next_step", "follow_up_on", "channel", "service_type",
                        "duration_min")}
    with desk.store.transaction():
        records.update(desk.store, "appointment", appointment_id, changes, desk.operator_id)
        if current["status"] in ("scheduled", "arrived"):
            set_status(desk, appointment_id, "completed")
    return appointment_id


def stale_scheduled(desk: Desk) -> list[dict]:
    """Appointments before today still marked scheduled: offered to be marked missed."""
    return desk.store.query(
        "SELECT a.id, a.on_date, a.start_time, COALESCE(c.last_name || ' ' || c.first_name, "
        "a.title, '') AS who FROM appointment a LEFT JOIN client c ON c.id = a.client_id "
        "WHERE a.status = 'scheduled' AND a.deleted = 0 AND a.on_date < ? "
        "AND a.on_date >= ? ORDER BY a.on_date, a.start_time",
        (desk.today().isoformat(), (desk.today() - dt.timedelta(days=14)).isoformat()))


def mark_missed(desk: Desk, appointment_ids: list[str]) -> int:
    """Mark the given scheduled appointments missed, in one transaction."""
    with desk.store.transaction():
        for appt_id in appointment_ids:
            set_status(desk, appt_id, "missed")
    return len(appointment_ids)
