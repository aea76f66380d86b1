"""Small, explicit test data written through the store's real write path."""

from __future__ import annotations

import datetime as dt

from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

# A fixed Monday, so agenda and calendar tests do not drift with the clock.
TODAY = dt.date(2026, 11, 23)


def add_staff(desk: Desk, first: str = "Sari", last: str = "Koskinen", role: str = "desk_worker") -> str:
    """A staff member; returns the id."""
    return records.insert(desk.store, "staff", {"first_name": first, "last_name": last,
                                                "role": role}, None)


def add_client(desk: Desk, first: str, last: str, **fields) -> str:
    """An active client; returns the id."""
    values = {"first_name": first, "last_name": last, "status": "active", **fields}
    return records.insert(desk.store, "client", values, desk.operator_id)


def add_appointment(desk: Desk, day: dt.date, start: str, *, staff_id: str,
                    client_id: str | None = None, employer_id: str | None = None,
                    service_type: str = "service_guidance", channel: str = "desk",
                    status: str = "scheduled", kind: str = "individual",
                    title: str | None = None, duration: int = 45) -> str:
    """An appointment; returns the id."""
    return records.insert(desk.store, "appointment", {
        "kind": kind, "on_date": day.isoformat(), "start_time": start, "duration_min": duration,
        "staff_id": staff_id, "client_id": client_id, "employer_id": employer_id,
        "channel": channel, "service_type": service_type, "status": status, "title": title,
    }, desk.operator_id)


def small_day(desk: Desk, day: dt.date) -> dict[str, str]:
    """Two staff, three clients, an employer and a day of five appointments."""
    sari = add_staff(desk, "Sari", "Koskinen")
    jari = add_staff(desk, "Jari", "Lehtonen", "coordinator")
    desk.operator_id = sari
    matti = add_client(desk, "Matti", "Virtanen")
    liisa = add_client(desk, "Liisa", "Korhonen")
    kari = add_client(desk, "Kari", "Hyvönen")
    saha = records.insert(desk.store, "employer", {"name": "Pielaveden Saha Oy",
                                                   "business_id": "0737546-2"}, sari)
    add_appointment(desk, day, "09:00", staff_id=sari, client_id=matti, status="arrived")
    add_appointment(desk, day, "10:00", staff_id=sari, client_id=liisa,
                    service_type="digital_advice", channel="video")
    add_appointment(desk, day, "11:30", staff_id=jari, employer_id=saha,
                    service_type="company_visit", channel="outreach", kind="company_visit")
    add_appointment(desk, day, "13:00", staff_id=jari, kind="group", title="Digipaja",
                    service_type="digital_workshop", duration=120)
    add_appointment(desk, day, "14:00", staff_id=sari, client_id=kari, channel="phone",
                    duration=20)
    return {"sari": sari, "jari": jari, "matti": matti}
