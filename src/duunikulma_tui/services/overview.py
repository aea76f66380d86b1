"""Figures the shell shows at a glance: today's agenda, counts per area, pending changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.services.desk import Desk


@dataclass(frozen=True)
class AgendaItem:
    """One line of a day's agenda."""

    appointment_id: str
    start: dt.time
    duration_min: int
    who: str
    service_type: str
    channel: str
    status: str
    staff_name: str
    participants: int | None = None
    """Number of participants of a group event; None for other appointments."""
    client_id: str | None = None


def agenda(desk: Desk, day: dt.date, staff_id: str | None = None) -> list[AgendaItem]:
    """Appointments on `day` by start time, for one staff member or everyone."""
    sql = (
        "SELECT a.id, a.start_time, a.duration_min, a.kind, a.title, a.service_type, a.channel, "
        "a.status, a.client_id, c.last_name || ' ' || c.first_name AS client_name, "
        "e.name AS employer_name, "
        "s.first_name || ' ' || substr(s.last_name, 1, 1) || '.' AS staff_name, "
        "(SELECT COUNT(*) FROM appointment_participant p WHERE p.appointment_id = a.id "
        " AND p.deleted = 0) AS participants "
        "FROM appointment a LEFT JOIN client c ON c.id = a.client_id "
        "LEFT JOIN employer e ON e.id = a.employer_id LEFT JOIN staff s ON s.id = a.staff_id "
        "WHERE a.on_date = ? AND a.deleted = 0")
    params: list[object] = [day.isoformat()]
    if staff_id:
        sql += " AND a.staff_id = ?"
        params.append(staff_id)
    sql += " ORDER BY a.start_time, staff_name"
    items = []
    for row in desk.store.query(sql, tuple(params)):
        who = row["client_name"] or row["employer_name"] or row["title"] or ""
        group = row["participants"] if row["kind"] == "group" else None
        items.append(AgendaItem(row["id"], dt.time.fromisoformat(row["start_time"]),
                                row["duration_min"], who, row["service_type"], row["channel"],
                                row["status"], row["staff_name"] or "", group, row["client_id"]))
    return items


@dataclass(frozen=True)
class AreaCounts:
    """Counts that introduce each area of the app."""

    clients_active: int
    clients_draft: int
    clients_exited: int
    quick_contacts: int
    appointments_upcoming: int
    jobs_open: int
    employers: int
    providers: int
    pending_changes: int


def pending_changes(desk: Desk) -> int:
    """Changes made on this machine that some peer has not acknowledged yet.

    With no peers yet, every change of this machine is still waiting. This
    machine numbers its own changes 1, 2, 3... without gaps, so the newest
    number is the count: O(1) instead of counting the change log.
    """
    from duunikulma_tui.services.sync.status import peer_statuses

    peers = peer_statuses(desk)
    if peers:
        return max(p.waiting for p in peers)
    newest = desk.store.scalar("SELECT MAX(device_seq) FROM change_log WHERE device_id = ?",
                               (desk.store.device_id,))
    return int(newest or 0)


def area_counts(desk: Desk) -> AreaCounts:
    """One pass of cheap COUNT queries for the area headers."""
    q = desk.store.scalar
    today = desk.today().isoformat()
    by_status = dict(desk.store.conn.execute(
        "SELECT status, COUNT(*) FROM client WHERE deleted = 0 GROUP BY status").fetchall())
    return AreaCounts(
        clients_active=by_status.get("active", 0),
        clients_draft=by_status.get("draft", 0),
        clients_exited=by_status.get("exited", 0),
        quick_contacts=q("SELECT COUNT(*) FROM quick_contact WHERE deleted = 0") or 0,
        appointments_upcoming=q("SELECT COUNT(*) FROM appointment WHERE deleted = 0 AND "
                                "on_date >= ? AND status = 'scheduled'", (today,)) or 0,
        jobs_open=q("SELECT COUNT(*) FROM job_opening WHERE deleted = 0 AND status = 'open'") or 0,
        employers=q("SELECT COUNT(*) FROM employer WHERE deleted = 0") or 0,
        providers=q("SELECT COUNT(*) FROM provider WHERE deleted = 0") or 0,
        pending_changes=pending_changes(desk),
    )


@dataclass(frozen=True)
class MachineInfo:
    """What the Sync area and `duunikulma info` say about this copy."""

    device_id: str
    device_name: str
    schema_version: int
    path: str
    audit_broken_at: int | None


def machine_info(desk: Desk) -> MachineInfo:
    """This machine's identity, the schema version and the audit chain's state."""
    from duunikulma_tui.store import audit
    from duunikulma_tui.store.schema import schema_version

    name = desk.store.scalar("SELECT name FROM device WHERE id = ?", (desk.store.device_id,))
    return MachineInfo(desk.store.device_id, name or "", schema_version(), str(desk.path),
                       audit.verify_chain(desk.store))
