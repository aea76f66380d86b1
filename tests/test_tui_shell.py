"""The app shell driven by keyboard through Textual's pilot, at 80x24."""

from __future__ import annotations

from textual.widgets import DataTable, TabbedContent

from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.areas import AREAS
from duunikulma_tui.tui.factory import make_app
from duunikulma_tui.tui.screens.help import HelpScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.screens.operator import OperatorScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput

from .builders import TODAY, small_day

SIZE = (80, 24)


def app_for(desk, **settings):
    return make_app(Settings(db_path=desk.path, **settings), desk)


async def test_first_start_asks_who_is_working_and_records_it(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen)
        await pilot.press(*"Sari", "tab", *"Koskinen", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    staff = desk.store.query("SELECT id, first_name, last_name FROM staff")
    assert [(s["first_name"], s["last_name"]) for s in staff] == [("Sari", "Koskinen")]
    assert desk.operator_id == staff[0]["id"]
    actions = [r["action"] for r in desk.store.query(
        "SELECT action FROM audit_log WHERE staff_id = ? ORDER BY seq", (desk.operator_id,))]
    assert actions == ["create", "sign_in"]
    assert desk.store.meta_get("operator_id") == desk.operator_id


async def test_operator_name_errors_show_beside_the_field_and_save_nothing(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Matti")
        # Emoji arrive as pasted text, not as key names.
        app.screen.query_one("#first_name", DeskInput).insert_text_at_cursor("😀")
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen)
        first = str(app.screen.query_one("#first_name-error").render())
        last = str(app.screen.query_one("#last_name-error").render())
        assert first and last and first != last
    assert desk.store.scalar("SELECT COUNT(*) FROM staff") == 0


async def test_every_area_is_reached_by_its_function_key(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        for area, key in reversed(AREAS):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == area


async def test_today_lists_the_days_appointments_in_time_order(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#today-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    assert [r[0] for r in rows] == ["09.00", "10.00", "11.30", "13.00", "14.00"]
    assert rows[0][1] == "Virtanen Matti" and rows[0][3] == "saapui"
    assert rows[2][1] == "Pielaveden Saha Oy"
    assert rows[3][1] == "Digipaja · 0 osallistujaa"


async def test_help_lists_this_screens_keys_and_closes_with_escape(desk):
    small_day(desk, TODAY)
    app = app_for(desk, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict((d, k) for k, d in app.screen.screen_keys)
        assert keys["Clients"] == "f3" and "Refresh" in keys
        assert "Quit" in dict((d, k) for k, d in app.screen.app_keys)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_goes_to_an_area(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Työnantajat")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "employers"


async def test_switching_operator_is_audited(desk):
    ids = small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OperatorScreen)
        await pilot.press("enter")  # the list is sorted by first name: Jari comes first
        await pilot.pause()
    assert desk.operator_id == ids["jari"]
    last = desk.store.query("SELECT action, record_id FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert last == {"action": "sign_in", "record_id": desk.operator_id}


async def test_low_bandwidth_turns_off_animation_and_blinking(desk):
    app = app_for(desk, low_bandwidth=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"
        inputs = list(app.screen.query(DeskInput))
        assert inputs and all(not i.cursor_blink for i in inputs)
