"""Follow-ups agreed in contacts that are due: the side list of Today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.services.desk import Desk


@dataclass(frozen=True)
class FollowUp:
    """An agreed follow-up date that has come, with no later contact booked."""

    appointment_id: str
    client_id: str
    who: str
    due_on: dt.date
    next_step: str


def due_follow_ups(desk: Desk, *, staff_id: str | None = None, days_ahead: int = 2,
                   limit: int = 50) -> list[FollowUp]:
    """Follow-ups due by today + `days_ahead` whose client has nothing booked since."""
    today = desk.today()
    sql = ("SELECT a.id, a.client_id, c.last_name || ' ' || c.first_name AS who, a.follow_up_on, "
           "COALESCE(a.next_step, '') AS next_step FROM appointment a "
           "JOIN client c ON c.id = a.client_id "
           "WHERE a.follow_up_on IS NOT NULL AND a.follow_up_on <= ? AND a.follow_up_on >= ? "
           "AND a.deleted = 0 AND c.status = 'active' AND NOT EXISTS ("
           " SELECT 1 FROM appointment b WHERE b.client_id = a.client_id AND b.deleted = 0"
           " AND b.on_date > a.on_date AND b.status NOT IN ('cancelled_by_client',"
           " 'cancelled_by_staff', 'missed'))")
    params: list[object] = [(today + dt.timedelta(days=days_ahead)).isoformat(),
                            (today - dt.timedelta(days=60)).isoformat()]
    if staff_id:
        sql += " AND a.staff_id = ?"
        params.append(staff_id)
    sql += " ORDER BY a.follow_up_on LIMIT ?"
    params.append(limit)
    return [FollowUp(r["id"], r["client_id"], r["who"], dt.date.fromisoformat(r["follow_up_on"]),
                     r["next_step"]) for r in desk.store.query(sql, tuple(params))]
