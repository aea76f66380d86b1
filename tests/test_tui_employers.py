"""The employer registry driven by keyboard through Textual's pilot, at 80x24."""

from __future__ import annotations

from textual.widgets import DataTable, Label, Static, TabbedContent

from duunikulma_tui.services import employers
from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.factory import make_app
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.employer_card import EmployerCardScreen
from duunikulma_tui.tui.screens.employer_form import ContactFormScreen, EmployerFormScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.widgets.form import FormField

from .builders import TODAY, small_day

SIZE = (80, 24)


def app_for(desk, **settings):
    return make_app(Settings(db_path=desk.path, **settings), desk)


async def settle(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def error_under(screen, field: str) -> str:
    return str(screen.query_one(f"#field-{field}", FormField)
               .query_one(".form-error", Label).render())


def listed(app) -> list[tuple]:
    table = app.screen.query_one("#employers-table", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def employer_count(desk) -> int:
    return desk.store.scalar("SELECT COUNT(*) FROM employer WHERE deleted = 0")


async def test_new_employer_typed_saved_listed_and_opened(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert app.screen.query_one("#areas", TabbedContent).active == "employers"
        assert [r[0] for r in listed(app)] == ["Pielaveden Saha Oy"]
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, EmployerFormScreen)
        # Business ID, name, industry (a select: open it, pick I), kind (left as company),
        # municipality, address, postal code, phone, e-mail.
        await pilot.press(*"1234567-1", "tab", *"Kahvila Kuppi", "tab")
        await pilot.press("enter", *["down"] * 9, "enter", "tab", "tab")
        await pilot.press(*"Pielavesi", "tab", *"Kirkkotie 3", "tab", *"72400", "tab",
                          *"040 111 2233", "tab", *"kuppi@example.fi")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        rows = listed(app)
        assert ("Kahvila Kuppi", "1234567-1", "Pielavesi",
                "I Majoitus- ja ravitsemistoiminta", "–") in rows
        table = app.screen.query_one("#employers-table", DataTable)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Kahvila Kuppi"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EmployerCardScreen)
        header = str(app.screen.query_one("#employer-header", Static).render())
        assert "Kahvila Kuppi" in header and "1234567-1" in header
        assert "Majoitus- ja ravitsemistoiminta" in header
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    row = desk.store.query("SELECT * FROM employer WHERE name = 'Kahvila Kuppi'")[0]
    assert (row["industry"], row["kind"], row["phone"], row["postal_code"]) == (
        "I", "company", "+358401112233", "72400")


async def test_wrong_check_digit_shows_under_the_field_and_saves_nothing(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "f9")
        await pilot.pause()
        await pilot.press(*"0737546-3", "tab", *"Väärä Oy", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EmployerFormScreen)
        assert "tarkistenumero" in error_under(app.screen, "business_id")
        assert error_under(app.screen, "name") == ""
        assert app.focused.id == "business_id"
        # Escape on a changed form asks first; Escape again keeps editing.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EmployerFormScreen)
    assert employer_count(desk) == 1


async def test_messages_follow_the_ui_language(desk):
    small_day(desk, TODAY)
    app = app_for(desk, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "f9")
        await pilot.pause()
        await pilot.press(*"0737546-3", "ctrl+s")
        await pilot.pause()
        assert "check digit" in error_under(app.screen, "business_id")
        assert "required" in error_under(app.screen, "name").lower()
    assert employer_count(desk) == 1


async def test_duplicate_business_id_points_at_the_existing_employer(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "f9")
        await pilot.pause()
        await pilot.press(*"0737546-2", "tab", *"Toinen Saha Oy", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")  # "Open the employer"
        await settle(pilot)
        assert isinstance(app.screen, EmployerCardScreen)
        assert "Pielaveden Saha Oy" in str(app.screen.query_one("#employer-header").render())
    assert employer_count(desk) == 1


async def test_duplicate_business_id_message_stays_under_the_field(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "f9")
        await pilot.pause()
        await pilot.press(*"0737546-2", "tab", *"Toinen Saha Oy", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, EmployerFormScreen)
        assert "Pielaveden Saha Oy" in error_under(app.screen, "business_id")
    assert employer_count(desk) == 1


async def test_search_as_you_type_without_finnish_letters(desk):
    small_day(desk, TODAY)
    employers.save_employer(desk, {"name": "Mäntylän Puutarha", "municipality": "Keitele"})
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert len(listed(app)) == 2
        await pilot.press(*"mantyla")
        await settle(pilot)
        assert [r[0] for r in listed(app)] == ["Mäntylän Puutarha"]
        await pilot.press(*["backspace"] * 7, *"0737546")
        await settle(pilot)
        assert [r[0] for r in listed(app)] == ["Pielaveden Saha Oy"]


async def test_contacts_are_added_edited_and_removed_from_the_card(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "enter")
        await settle(pilot)
        card = app.screen
        assert isinstance(card, EmployerCardScreen)
        assert "a lisää" in str(card.query_one("#employer-contacts-empty").render())

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press(*"Pekka Laine", "tab", *"tuotantopäällikkö", "tab", *"040 765 4321",
                          "enter")
        await settle(pilot)
        assert app.screen is card
        table = card.query_one("#employer-contacts", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == [
            "Pekka Laine", "tuotantopäällikkö", "+358407654321", "–"]

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        await pilot.press("tab", "ctrl+u", *"toimitusjohtaja", "ctrl+s")
        await settle(pilot)
        assert str(table.get_row_at(0)[1]) == "toimitusjohtaja"

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")  # "Remove"
        await settle(pilot)
        assert app.screen is card and table.row_count == 0
    assert desk.store.scalar("SELECT COUNT(*) FROM employer_contact WHERE deleted = 0") == 0


async def test_bad_contact_input_is_shown_and_nothing_saved(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "enter")
        await settle(pilot)
        await pilot.press("a", "tab", "tab", *"abc", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert error_under(app.screen, "name") and error_under(app.screen, "phone")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")  # discard
        await pilot.pause()
        assert isinstance(app.screen, EmployerCardScreen)
    assert desk.store.scalar("SELECT COUNT(*) FROM employer_contact") == 0


async def test_card_tabs_by_arrow_keys_and_edit_by_e(desk):
    small_day(desk, TODAY)
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6", "enter")
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        assert tabs.active == "employer-summary"
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "employer-visits"
        visits = app.screen.query_one("#employer-visits-table", DataTable)
        assert [str(c) for c in visits.get_row_at(0)][:3] == ["23.11.2026", "11.30", "varattu"]
        await pilot.press("left", "left")
        await pilot.pause()
        assert tabs.active == "employer-matches"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EmployerFormScreen)
        await pilot.press("tab", "ctrl+e", *" Ab", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EmployerCardScreen)
        assert "Pielaveden Saha Oy Ab" in str(app.screen.query_one("#employer-header").render())
        await pilot.press("escape")
        await settle(pilot)
        assert listed(app)[0][0] == "Pielaveden Saha Oy Ab"
