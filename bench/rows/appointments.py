"""Appointments at scale (1,000,000 appointments): Today, week, due contacts, logging."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from bench.core import Row, register
from bench.rows.scale_copy import open_scale_desk

ORDER = 50


async def _today_ready(desk) -> float:
    from duunikulma_tui.settings import Settings
    from duunikulma_tui.tui.areas.today import TodayArea
    from duunikulma_tui.tui.factory import make_app

    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        area = app.screen.query_one(TodayArea)
        t0 = time.perf_counter()
        area._load_agenda(False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - t0


def today_ready(ctx) -> float:
    """Today's agenda (everyone) loaded and painted (pilot, headless)."""
    desk = open_scale_desk(ctx)
    try:
        return asyncio.run(_today_ready(desk))
    finally:
        desk.close()


def week_view(ctx) -> float:
    """A staff member's week from the service (the busiest staff member)."""
    from duunikulma_tui.services.week import monday_of, week

    desk = open_scale_desk(ctx)
    try:
        t0 = time.perf_counter()
        items = week(desk, desk.operator_id, monday_of(desk.today()))
        elapsed = time.perf_counter() - t0
        assert items
    finally:
        desk.close()
    return elapsed


def due_list(ctx) -> float:
    """The due-contact list over all 100,000 clients."""
    from duunikulma_tui.services.due_contacts import due_contacts, rule_sets

    desk = open_scale_desk(ctx)
    try:
        rule_sets(desk)  # rule sets are read once per session in the app too
        t0 = time.perf_counter()
        due_contacts(desk, desk.today())
        return time.perf_counter() - t0
    finally:
        desk.close()


def log_contact(ctx) -> float:
    """Logging a walk-in contact: the service call with its commit."""
    from duunikulma_tui.services.appointments import log_contact as log

    desk = open_scale_desk(ctx)
    try:
        client = desk.store.scalar("SELECT id FROM client WHERE status = 'active' LIMIT 1")
        t0 = time.perf_counter()
        log(desk, {"client_id": client, "channel": "desk", "service_type": "digital_advice",
                   "duration_min": "15", "notes": "bench"})
        return time.perf_counter() - t0
    finally:
        desk.close()


_SCALE = "Scale data set (100,000 clients, 1,000,000 appointments), one shared copy."
register(
    Row("today_ready", "Today screen ready (agenda)", "<= 0.100 s", today_ready,
        how=f"{_SCALE} Headless pilot: TodayArea agenda worker started until its rows are painted."),
    Row("week_view", "week view of one staff member", "<= 0.100 s", week_view,
        how=f"{_SCALE} services.week.week(staff, this Monday) call."),
    Row("due_list", "due-contact list, 100,000 clients", "<= 0.300 s", due_list,
        how=f"{_SCALE} services.due_contacts.due_contacts(today) over all clients."),
    Row("log_contact", "log a contact (service call, commit included)", "<= 0.020 s",
        log_contact, how=f"{_SCALE} services.appointments.log_contact for a walk-in."),
)
