"""Snapshots of the week view (F4) and a group event, in Finnish and English at 80x24.

The week is fixed: the small day of tests/builders.py (Monday 23.11.2026)
plus a week of work for Sari with every status, a weekly digital workshop
with three participants, a company visit and a weekend event, on a database
whose device is named 'testikone'. Update with `pytest --snapshot-update`
and look at the SVGs before committing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from duunikulma_tui.services import appointments, group_events
from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.store import open_store

from .builders import TODAY, add_appointment, add_client, small_day
from .snapshot_support import SIZE, build, keys_then_settle

DAY = dt.timedelta(days=1)


def week_of_work(desk) -> None:
    """Sari's week: statuses of every kind, a weekly workshop, a visit, a Saturday event."""
    ids = small_day(desk, TODAY)
    sari, matti = ids["sari"], ids["matti"]
    liisa = desk.store.scalar("SELECT id FROM client WHERE last_name = 'Korhonen'")
    kari = desk.store.scalar("SELECT id FROM client WHERE last_name = 'Hyvönen'")
    saha = desk.store.scalar("SELECT id FROM employer")
    tue, wed, thu, fri, sat = (TODAY + n * DAY for n in (1, 2, 3, 4, 5))
    add_appointment(desk, tue, "09:00", staff_id=sari, client_id=liisa, status="completed")
    add_appointment(desk, tue, "10:30", staff_id=sari, client_id=kari, status="missed")
    add_appointment(desk, tue, "13:00", staff_id=sari, client_id=matti,
                    status="cancelled_by_client")
    workshop = appointments.book(desk, {
        "kind": "group", "title": "Digipaja", "on_date": wed.isoformat(), "start_time": "09:30",
        "duration_min": "90", "channel": "desk", "service_type": "digital_workshop",
        "location": "Kirjasto"}, confirm=True, repeat_until=wed + 21 * DAY)[0]
    group_events.add_participant(desk, workshop, client_id=matti)
    absent = group_events.add_participant(desk, workshop, client_id=liisa)
    group_events.add_participant(desk, workshop, name="Aino Laine")
    group_events.set_attendance(desk, absent, "absent")
    group_events.set_attendance(
        desk, next(p.id for p in group_events.participants(desk, workshop)
                   if p.client_id == matti), "attended")
    add_appointment(desk, wed, "13:00", staff_id=sari, client_id=add_client(desk, "Pekka", "Laine"))
    add_appointment(desk, thu, "12:00", staff_id=sari, employer_id=saha, kind="company_visit",
                    service_type="company_visit", channel="outreach", duration=90)
    add_appointment(desk, fri, "08:15", staff_id=sari, client_id=kari, channel="phone",
                    duration=20, service_type="job_search_coaching")
    add_appointment(desk, sat, "10:00", staff_id=sari, kind="group", title="Rekrytointitapahtuma",
                    service_type="recruitment_service", channel="outreach", duration=240)


@pytest.fixture
def week_desk(tmp_path):
    """A desk signed in as Sari with a week of appointments."""
    open_store(tmp_path / "snap.db", device_name="testikone").close()
    desk = open_desk(tmp_path / "snap.db", today=lambda: TODAY)
    week_of_work(desk)
    yield desk
    desk.close()


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_week_view(snap_compare, week_desk, lang):
    """F4: Sari's week, Monday to Friday; today highlighted, status marks, the Saturday noted."""
    assert snap_compare(build(week_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f4", "right"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_week_view_everyone(snap_compare, week_desk, lang):
    """s steps to everyone: Jari's visit and workshop join Monday, each named with its worker."""
    assert snap_compare(build(week_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f4", "s", "down", "down", "down"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_group_event(snap_compare, week_desk, lang):
    """Enter on Wednesday's workshop: counts, its weekly series and the participants."""
    assert snap_compare(build(week_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f4", "right", "right", "enter"))
