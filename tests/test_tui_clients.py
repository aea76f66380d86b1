"""The front desk by keyboard: registry, intake, card, exit, quick contact, promotion."""

from __future__ import annotations

from textual.widgets import Select

from duunikulma_tui.services import intake
from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.factory import make_app
from duunikulma_tui.tui.screens.client_card import ClientCardScreen
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.exit_form import ExitScreen
from duunikulma_tui.tui.screens.intake import IntakeScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.screens.quick_contact import QuickContactScreen
from duunikulma_tui.tui.widgets.desk_input import DeskInput
from duunikulma_tui.tui.widgets.result_list import ResultList

from .builders import TODAY, add_staff
from .test_intake import full_intake

SIZE = (80, 24)


def app_for(desk, lang="fi"):
    desk.operator_id = desk.operator_id or add_staff(desk)
    return make_app(Settings(db_path=desk.path, language=lang), desk)


async def type_into(pilot, field_id: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#{field_id}", DeskInput)
    widget.focus()
    await pilot.pause()
    await pilot.press(*text) if text else None


async def choose(pilot, field_id: str, value: str) -> None:
    """Pick an option of a blank Select by keyboard: Enter opens it on the first option,
    arrows move, Enter picks."""
    select = pilot.app.screen.query_one(f"#{field_id}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    values = [v for _label, v in select._options if v is not Select.BLANK]
    for _ in range(values.index(value)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert select.value == value


async def test_a_complete_intake_typed_by_keyboard(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f9")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press(*"Anna", "tab", *"Mäkinen", "tab", *"131052-308T")
        await choose(pilot, "gender", "woman")
        for field, text in (("municipality", "Pielavesi"), ("phone", "040 123 4567"),
                            ("consent_processing_on", "23.11.2026"), ("start_date", "23.11.2026"),
                            ("unemployed_since", "1.9.2025"), ("occupations", "8344"),
                            ("cards", "trukkikortti 31.12.2027"), ("sa_work_ability", "7")):
            await type_into(pilot, field, text)
        await choose(pilot, "labour_status", "unemployed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)
        header = str(app.screen.query_one("#card-header").render())
        assert "Mäkinen Anna" in header and "131052-***T" in header and "308T" not in \
            header.replace("***T", "")
        await pilot.press("r")
        await pilot.pause()
        assert "131052-308T" in str(app.screen.query_one("#card-header").render())
    row = desk.store.query("SELECT status, phone, updated_by FROM client")[0]
    assert row == {"status": "active", "phone": "+358401234567", "updated_by": desk.operator_id}


async def test_errors_show_under_their_fields_and_nothing_is_saved(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f9")
        await pilot.pause()
        await pilot.press(*"Anna", "tab", *"Mäkinen", "tab", *"131052-308U")
        await type_into(pilot, "postal_code", "7240")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        shown = {f.field: str(f.query_one(".form-error").render())
                 for f in app.screen.query("FormField") if f.query_one(".form-error").has_class("-shown")}
        assert "tarkiste" in shown["identity_code"].lower()
        assert "postinumero" in shown["postal_code"].lower()
        assert app.focused.id == "identity_code"
        await pilot.press("escape")  # unsaved changes: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
    assert desk.store.scalar("SELECT COUNT(*) FROM client") == 0


async def test_a_known_identity_code_offers_to_open_the_existing_client(desk):
    desk.operator_id = add_staff(desk)
    existing = intake.save_intake(desk, full_intake())
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f9")
        await pilot.pause()
        await pilot.press(*"Annikki", "tab", *"Mäkinen", "tab", *"131052-308T", "ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("shift+tab", "enter")  # "Avaa asiakas"
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ClientCardScreen) and app.screen.client_id == existing
    assert desk.store.scalar("SELECT COUNT(*) FROM client") == 1


async def test_registry_search_open_card_and_exit(desk):
    desk.operator_id = add_staff(desk)
    cid = intake.save_intake(desk, full_intake())
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *"makin")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#clients-table", ResultList)
        assert len(results.lines) == 1 and results.lines[0].startswith("Mäkinen Anna ")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExitScreen)
        await choose(pilot, "exit_outcome", "education")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)
    assert desk.store.scalar("SELECT status FROM client WHERE id = ?", (cid,)) == "exited"
    assert desk.store.scalar("SELECT exit_outcome FROM agreement_period") == "education"


async def test_quick_contact_from_anywhere_and_its_promotion(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, QuickContactScreen)
        await pilot.press("backspace", "backspace", *"20")
        await type_into(pilot, "name", "Matti Virtanen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        qc = desk.store.query("SELECT * FROM quick_contact")[0]
        assert (qc["minutes"], qc["name"], qc["service_type"], qc["channel"]) == \
            (20, "Matti Virtanen", "digital_advice", "desk")
        # Clients area, status filter cycled to "served without agreement", Enter promotes.
        await pilot.press("f3", "ctrl+t", "ctrl+t", "ctrl+t", "ctrl+t")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#first_name", DeskInput).value == "Matti"
        assert app.screen.query_one("#last_name", DeskInput).value == "Virtanen"
        await pilot.press("ctrl+b")
        await pilot.pause()
    promoted = desk.store.scalar("SELECT promoted_client_id FROM quick_contact")
    assert promoted and desk.store.scalar("SELECT status FROM client WHERE id = ?",
                                          (promoted,)) == "draft"


async def test_a_returning_client_gets_a_new_period_from_the_card(desk):
    desk.operator_id = add_staff(desk)
    cid = intake.save_intake(desk, full_intake())
    from duunikulma_tui.services import exits

    exits.exit_client(desk, cid, {"end_date": "23.11.2026", "exit_outcome": "unemployed"})
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_client(cid)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("x")  # no open period: ending one is not offered
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#start_date", DeskInput).value = "24.11.2026"
        await choose(pilot, "labour_status", "unemployed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClientCardScreen)
    assert desk.store.scalar("SELECT COUNT(*) FROM agreement_period WHERE client_id = ?",
                             (cid,)) == 2
    assert desk.store.scalar("SELECT status FROM client WHERE id = ?", (cid,)) == "active"


async def test_an_occupation_is_found_by_name(desk):
    app = app_for(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", "f9")
        await pilot.pause()
        await type_into(pilot, "occupations", "5322")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"trukinkulj")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#occupations", DeskInput).value == "5322, 8344"
