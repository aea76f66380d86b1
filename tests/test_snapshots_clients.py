"""Snapshots of the front desk at 80x24 in Finnish and English: registry, intake, card.

Fixed data (tests/builders.py and a full intake), today fixed, device named
'testikone'. Update with `pytest --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from duunikulma_tui.services import intake
from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.store import open_store

from .builders import TODAY, add_appointment, small_day
from .test_intake import full_intake
from .snapshot_support import SIZE, build, keys_then_settle, settle



@pytest.fixture
def front_desk(tmp_path):
    open_store(tmp_path / "snap.db", device_name="testikone").close()
    desk = open_desk(tmp_path / "snap.db", today=lambda: TODAY)
    ids = small_day(desk, TODAY)
    anna = intake.save_intake(desk, full_intake())
    intake.save_intake(desk, full_intake(first_name="Liisa", last_name="Virtanen-Korhonen",
                                         identity_code="", birth_date="4.7.1999",
                                         municipality="Keitele", email=""))
    add_appointment(desk, TODAY.replace(day=25), "10:00", staff_id=ids["sari"], client_id=anna)
    desk.client_id = anna
    yield desk
    desk.close()




@pytest.mark.parametrize("lang", ["fi", "en"])
def test_registry(snap_compare, front_desk, lang):
    """F3: the registry with search field, filters and active clients."""
    assert snap_compare(build(front_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f3"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_intake_form(snap_compare, front_desk, lang):
    """F9 in the registry: the first screenful of a new intake."""
    assert snap_compare(build(front_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f3", "f9"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_client_card_summary(snap_compare, front_desk, lang):
    """Enter on a search hit opens the card: masked code, age, status, next appointment."""
    async def open_card(pilot):
        await pilot.press("f3", *"makinen")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(build(front_desk, lang), terminal_size=SIZE, run_before=open_card)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_client_card_timeline(snap_compare, front_desk, lang):
    """The card's timeline tab (right arrow from the summary)."""
    async def open_timeline(pilot):
        await pilot.press("f3", *"makinen")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(build(front_desk, lang), terminal_size=SIZE, run_before=open_timeline)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_booking_form(snap_compare, front_desk, lang):
    """n on Today: the booking form with the operator and today's date filled in."""
    assert snap_compare(build(front_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("n"))
