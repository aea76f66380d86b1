"""Today by keyboard: book, check in, log with a referral, cancel, no-show and undo."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Select

from duunikulma_tui.services import referrals
from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.factory import make_app
from duunikulma_tui.tui.screens.booking import BookingScreen
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.log_contact import LogContactScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.screens.picker import PickerScreen

from .builders import TODAY, add_appointment, small_day
from .test_tui_clients import choose, type_into

SIZE = (80, 24)


async def settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def statuses(desk) -> list[str]:
    return [r["status"] for r in desk.store.query(
        "SELECT status FROM appointment WHERE on_date = ? ORDER BY start_time", (TODAY.isoformat(),))]


async def focus_agenda(pilot, row: int) -> None:
    table = pilot.app.screen.query_one("#today-table", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()


async def test_check_in_no_show_cancel_and_undo(desk):
    small_day(desk, TODAY)
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_agenda(pilot, 1)         # 10.00 Korhonen, booked
        await pilot.press("a")
        await settle(pilot)
        assert statuses(desk)[1] == "arrived"
        await pilot.press("u")
        await settle(pilot)
        assert statuses(desk)[1] == "scheduled"
        await focus_agenda(pilot, 4)         # 14.00 Hyvönen
        await pilot.press("m")
        await settle(pilot)
        assert statuses(desk)[4] == "missed"
        await focus_agenda(pilot, 2)         # 11.30 company visit
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")           # focus starts on the second: "Työntekijä perui"
        await settle(pilot)
        assert statuses(desk)[2] == "cancelled_by_staff"


async def test_log_a_contact_with_a_purchased_service_referral(desk):
    ids = small_day(desk, TODAY)
    provider = referrals.save_provider(desk, {"name": "Valmennus Oy", "business_id": "0737546-2"})
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_agenda(pilot, 0)         # 09.00 Virtanen, arrived
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogContactScreen)
        await pilot.press(*"Työnhaun suunnitelma", "tab", *"CV valmiiksi", "tab", *"30.11.2026")
        await choose(pilot, "referral_kind", "purchased_service")
        await choose(pilot, "provider_id", provider)
        await type_into(pilot, "service_name", "Työnhakuvalmennus")
        await type_into(pilot, "agreed_cost_cents", "740")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert statuses(desk)[0] == "completed"
    ref = desk.store.query("SELECT client_id, kind, agreed_cost_cents FROM referral")
    assert ref == [{"client_id": ids["matti"], "kind": "purchased_service",
                    "agreed_cost_cents": 74000}]


async def test_book_a_new_appointment_with_a_client_picker_and_a_warning(desk):
    ids = small_day(desk, TODAY)
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_agenda(pilot, 0)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BookingScreen)
        await type_into(pilot, "client_id", "virtanen")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, "on_date", "")
        app.screen.query_one("#on_date").value = "28.11.2026"   # a Saturday
        await type_into(pilot, "start_time", "10.00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)            # weekend warning
        await pilot.press("shift+tab", "enter")                 # "Varaa silti"
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    row = desk.store.query("SELECT client_id, on_date, start_time FROM appointment "
                           "WHERE on_date = '2026-11-28'")
    assert row == [{"client_id": ids["matti"], "on_date": "2026-11-28", "start_time": "10:00"}]


async def test_yesterdays_leftovers_are_offered_on_start(desk):
    ids = small_day(desk, TODAY)
    add_appointment(desk, TODAY - dt.timedelta(days=3), "10:00", staff_id=ids["sari"],
                    client_id=ids["matti"])
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
    assert desk.store.scalar("SELECT status FROM appointment WHERE on_date = '2026-11-20'") == \
        "missed"


async def test_providers_are_added_from_the_command_palette(desk):
    small_day(desk, TODAY)
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Palveluntuott")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press(*"Valmennus Oy", "tab", *"0737546-3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = [str(f.query_one(".form-error").render()) for f in app.screen.query("FormField")
                  if f.field == "business_id"]
        assert errors and "tarkiste" in errors[0].lower()
        await pilot.press("backspace", "2", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#providers-list").lines[0].startswith("Valmennus Oy")
    assert referrals.providers(desk) == [("Valmennus Oy", referrals.providers(desk)[0][1])]


async def test_a_referral_moves_on_from_the_client_card(desk):
    ids = small_day(desk, TODAY)
    rid = referrals.add_referral(desk, {"client_id": ids["matti"], "kind": "work_trial"})
    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_client(ids["matti"])
        await settle(pilot)
        await pilot.press("right")     # timeline
        await pilot.pause()
        table = app.screen.query_one("#card-timeline-table", DataTable)
        table.focus()
        row = next(i for i, e in enumerate(app.screen.card.timeline) if e.record_id == rid)
        table.move_cursor(row=row)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")    # "alkanut"
        await settle(pilot)
    assert desk.store.scalar("SELECT status FROM referral WHERE id = ?", (rid,)) == "started"
