"""The week view (F4) and a group event's participants, by keyboard at 80x24."""

from __future__ import annotations

import datetime as dt

from duunikulma_tui.services import group_events
from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.areas import appointments as appointments_area
from duunikulma_tui.tui.widgets import week_grid as area_module
from duunikulma_tui.tui.areas.appointments import AppointmentsArea, WeekGrid
from duunikulma_tui.tui.factory import make_app
from duunikulma_tui.tui.screens.client_card import ClientCardScreen
from duunikulma_tui.tui.screens.group_event import GroupEventScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.screens.picker import PickerScreen

from .builders import TODAY, add_appointment, add_client, small_day

SIZE = (80, 24)
DAY = dt.timedelta(days=1)


def app_for(desk, lang="fi"):
    return make_app(Settings(db_path=desk.path, language=lang), desk)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def week_parts(app):
    area = app.screen.query_one(AppointmentsArea)
    return area, area.query_one(WeekGrid)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def times(grid: WeekGrid, col: int) -> list[str]:
    return [item.start.strftime("%H:%M") for item in grid.columns[col]]


async def test_f4_shows_this_week_for_the_operator(desk):
    ids = small_day(desk, TODAY)
    loads: list[AppointmentsArea.Loaded] = []
    app = app_for(desk)

    def hook(message) -> None:
        if isinstance(message, AppointmentsArea.Loaded):
            loads.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await press(pilot, "f4")
        area, grid = week_parts(app)
        assert isinstance(app.focused, WeekGrid)
        assert area.monday == TODAY and grid.days[0] == TODAY and grid.today_col == 0
        assert times(grid, 0) == ["09:00", "10:00", "14:00"]  # Sari's, not Jari's
        title = text_of(app, "#week-title")
        assert "Viikko 48" in title and "23.11.–27.11.2026" in title and "Sari Koskinen" in title
        assert "3 aikaa" in title
        # The first appointment of today is selected and described in full.
        assert grid.selected.who == "Virtanen Matti"
        detail = text_of(app, "#week-detail")
        assert "09.00–09.45 · Virtanen Matti · saapui · palveluohjaus" in detail
        # The worker loaded the operator's week and said so in a message.
        assert loads and loads[-1].view.staff_id == ids["sari"] and loads[-1].view.monday == TODAY


async def test_arrows_move_within_the_week_and_turn_it_at_the_edges(desk):
    ids = small_day(desk, TODAY)
    sari, matti = ids["sari"], ids["matti"]
    for start in ("08:00", "10:15", "15:00"):
        add_appointment(desk, TODAY + DAY, start, staff_id=sari, client_id=matti)
    add_appointment(desk, TODAY + 7 * DAY, "12:00", staff_id=sari, client_id=matti)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", "down")
        area, grid = week_parts(app)
        assert grid.selected.start == dt.time(10, 0)
        await press(pilot, "right")  # Tuesday, nearest to 10.00
        assert (grid.col, grid.selected.start) == (1, dt.time(10, 15))
        await press(pilot, "down", "down")  # stops at the last of the day
        assert grid.selected.start == dt.time(15, 0)
        await press(pilot, "up")
        assert grid.selected.start == dt.time(10, 15)
        await press(pilot, "right", "right", "right")  # Wednesday .. Friday: empty days
        assert grid.col == 4 and grid.selected is None
        assert "pe 27.11.: ei aikoja" in text_of(app, "#week-detail")
        await press(pilot, "right")  # past Friday: next week, Monday
        assert area.monday == TODAY + 7 * DAY and grid.days[0] == TODAY + 7 * DAY
        assert grid.col == 0 and grid.selected.start == dt.time(12, 0)
        assert "Viikko 49" in text_of(app, "#week-title")
        await press(pilot, "left")  # before Monday: back to this week's Friday
        assert area.monday == TODAY and grid.col == 4
        await press(pilot, "pagedown", "pagedown")
        assert area.monday == TODAY + 14 * DAY and grid.col == 4
        await press(pilot, "pageup")
        assert area.monday == TODAY + 7 * DAY
        await press(pilot, "t")  # back to this week, today selected
        assert area.monday == TODAY and grid.col == 0 and grid.row == 0


async def test_right_arrow_from_monday_reaches_next_week(desk):
    """With nothing booked, five presses of → turn to the next week."""
    small_day(desk, TODAY)
    app = app_for(desk, "en")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", *["right"] * 5)
        area, grid = week_parts(app)
        assert area.monday == TODAY + 7 * DAY
        assert "Week 49 · 30 Nov–4 Dec 2026" in text_of(app, "#week-title")
        assert "no appointments" in text_of(app, "#week-title")


async def test_s_steps_through_the_staff_and_everyone(desk):
    ids = small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4")
        area, grid = week_parts(app)
        assert area.staff_id == ids["sari"]
        await press(pilot, "s")  # staff by first name: Jari, Sari, then everyone
        assert area.staff_id is None
        assert times(grid, 0) == ["09:00", "10:00", "11:30", "13:00", "14:00"]
        assert "kaikki työntekijät · 5 aikaa" in text_of(app, "#week-title")
        await press(pilot, "s")
        assert area.staff_id == ids["jari"] and times(grid, 0) == ["11:30", "13:00"]
        assert "Jari Lehtonen · 2 aikaa" in text_of(app, "#week-title")
        await press(pilot, "s")
        assert area.staff_id == ids["sari"]


async def test_a_group_event_add_participants_and_mark_attendance(desk):
    ids = small_day(desk, TODAY)
    add_client(desk, "Aino", "Virtala")
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", "s", "s")  # Jari's week: 11.30 visit, 13.00 Digipaja
        area, grid = week_parts(app)
        await press(pilot, "down")
        assert grid.selected.kind == "group"
        event_id = grid.selected.id
        await press(pilot, "enter")
        assert isinstance(app.screen, GroupEventScreen)
        assert "Digipaja" in text_of(app, "#group-header")
        assert "Ilmoittautuneita 0" in text_of(app, "#group-info")

        # A client found by name search.
        await press(pilot, "a")
        assert isinstance(app.screen, PickerScreen)
        await press(pilot, *"virtanen")
        assert app.screen.found[0][1] == ids["matti"]
        await press(pilot, "enter")
        assert isinstance(app.screen, GroupEventScreen)
        people = group_events.participants(desk, event_id)
        assert [(p.client_id, p.attendance) for p in people] == [(ids["matti"], "registered")]

        # Someone who is not a client: the typed name is the last choice.
        await press(pilot, "a", *"Bertta Nieminen")
        assert app.screen.found[-1] == ("+ Lisää nimellä: Bertta Nieminen (ei asiakas)",
                                        "name:Bertta Nieminen")
        await press(pilot, "end", "enter")
        await press(pilot, "down")  # from the newly added row to the next one
        assert [p.name for p in group_events.participants(desk, event_id)] == [
            "Bertta Nieminen", "Virtanen Matti"]

        # The same client twice is refused with a message; nothing is added.
        await press(pilot, "a", *"virtanen", "enter")
        assert len(group_events.participants(desk, event_id)) == 2
        assert any("jo ilmoittautunut" in n.message for n in app._notifications)

        # Space and Enter step the selected participant's attendance.
        table = app.screen.query_one("#group-table")
        assert table.cursor_row == 1  # Virtanen Matti
        await press(pilot, "space")
        assert "Ilmoittautuneita 2 · osallistui 1 · poissa 0" in text_of(app, "#group-info")
        await press(pilot, "up", "enter", "enter")
        people = {p.name: p.attendance for p in group_events.participants(desk, event_id)}
        assert people == {"Bertta Nieminen": "absent", "Virtanen Matti": "attended"}
        assert "osallistui 1 · poissa 1" in text_of(app, "#group-info")

        # Back in the week the event shows its new participant count.
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert grid.selected.id == event_id and grid.selected.participants == 2
        assert "2 osallistujaa" in text_of(app, "#week-detail")


async def test_enter_on_an_appointment_opens_the_clients_card(desk):
    ids = small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", "enter")
        assert isinstance(app.screen, ClientCardScreen)
        assert app.screen.client_id == ids["matti"]


async def test_weekend_appointments_are_noted_and_long_days_are_cut(desk, monkeypatch):
    ids = small_day(desk, TODAY)
    add_appointment(desk, TODAY + 5 * DAY, "10:00", staff_id=ids["sari"], client_id=ids["matti"])
    monkeypatch.setattr(appointments_area, "PER_DAY", 2)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4")
        area, grid = week_parts(app)
        note = text_of(app, "#week-note")
        assert "Viikonloppuna myös: la 28.11. 10.00 Virtanen M." in note
        assert "Yli 2 aikaa päivässä" in note
        assert grid.cut == {0} and len(grid.columns[0]) == 2
        assert "3 2+" not in grid.render().plain and "ma 23.11.    2+" in grid.render().plain
        assert "+ lisää (s)" in grid.render().plain


async def test_a_long_day_scrolls_with_the_selection(desk):
    ids = small_day(desk, TODAY)
    for i in range(30):
        add_appointment(desk, TODAY + DAY, f"{8 + i // 4:02d}:{(i % 4) * 15:02d}",
                        staff_id=ids["sari"], client_id=ids["matti"], duration=15)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", "right")
        area, grid = week_parts(app)
        plain = grid.render().plain
        assert "08.00" in plain and "↓" in plain and "↑" not in plain
        await press(pilot, *["down"] * 29)
        assert grid.selected.start == dt.time(15, 15)
        plain = grid.render().plain
        assert "15.15" in plain and "↑" in plain and "08.00" not in plain


# -- the grid's arithmetic, without an app ----------------------------------------------------
def test_column_widths_share_the_width_with_one_gap_between_days():
    assert area_module.column_widths(78) == [15, 15, 15, 15, 14]
    assert sum(area_module.column_widths(118)) + 4 == 118


def test_window_keeps_the_selection_in_view_with_room_for_the_more_lines():
    window = area_module.window
    assert window(10, 16, 9, 0) == (0, 10)  # everything fits
    assert window(30, 16, 0, 0) == (0, 15)  # "↓ 15 more" takes the last line
    first, count = window(30, 16, 20, 0)  # both "↑" and "↓" lines: 14 items around 20
    assert count == 14 and first <= 20 < first + count
    assert window(30, 16, 29, 7) == (15, 15)  # at the end: "↑ 15 more" and the last 15


def test_cell_labels_drop_the_initial_before_cutting_the_surname():
    from duunikulma_tui.services.week import WeekItem

    def item(short: str, **extra) -> WeekItem:
        return WeekItem("x", TODAY, dt.time(9), 45, short, "other", "scheduled", short=short,
                        **extra)

    assert area_module.cell_label(item("Laine P.", client_id="c"), 9) == "Laine P."
    assert area_module.cell_label(item("Virtanen M.", client_id="c"), 9) == "Virtanen"
    assert area_module.cell_label(item("Hämäläinen M.", client_id="c"), 9) == "Hämäläin…"
    assert area_module.cell_label(item("Digipaja", kind="group", participants=6), 12) == \
        "Digipaja (6)"
    assert area_module.cell_label(item("Digipaja", kind="group", participants=6), 9) == "Digipaja"


async def test_public_holidays_are_marked(desk):
    """Christmas week 2026: Thursday 24.12. and Friday 25.12. are holidays in Finland."""
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f4", *["pagedown"] * 4, "right", "right", "right", "right")
        area, grid = week_parts(app)
        assert area.monday == dt.date(2026, 12, 21)
        assert grid.holidays == {3, 4}
        assert "pe 25.12.: ei aikoja · arkipyhä" in text_of(app, "#week-detail")
