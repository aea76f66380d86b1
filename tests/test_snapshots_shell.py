"""Snapshots of the app shell at 80x24, in Finnish and English.

Each snapshot uses the same small, fixed day (tests/builders.py) on a
database whose device is named 'testikone', so the pictures only change
when the UI does. Update them with `pytest --snapshot-update` and look
at the SVGs before committing.
"""

from __future__ import annotations

import pytest

from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.store import open_store

from .builders import TODAY, small_day
from .snapshot_support import SIZE, build, keys_then_settle, settle



@pytest.fixture
def day_desk(tmp_path):
    """A desk with a signed-in operator and five appointments today."""
    open_store(tmp_path / "snap.db", device_name="testikone").close()
    desk = open_desk(tmp_path / "snap.db", today=lambda: TODAY)
    small_day(desk, TODAY)
    yield desk
    desk.close()


@pytest.fixture
def empty_desk(tmp_path):
    """A brand-new database: the operator is asked on first start."""
    open_store(tmp_path / "new.db", device_name="testikone").close()
    desk = open_desk(tmp_path / "new.db", today=lambda: TODAY)
    yield desk
    desk.close()




@pytest.mark.parametrize("lang", ["fi", "en"])
def test_today_is_the_first_screen(snap_compare, day_desk, lang):
    """The app opens on Today: header, area tabs, the day's agenda, footer keys."""
    assert snap_compare(build(day_desk, lang), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_help_lists_the_keys(snap_compare, day_desk, lang):
    """F1 over Today: keys of this screen and the global ones."""
    assert snap_compare(build(day_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f1"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_first_start_asks_for_the_operator(snap_compare, empty_desk, lang):
    """A new database: who is working at this machine?"""
    assert snap_compare(build(empty_desk, lang), terminal_size=SIZE, run_before=settle)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_clients_area_summary(snap_compare, day_desk, lang):
    """F3 shows the Clients area with its counts."""
    assert snap_compare(build(day_desk, lang), terminal_size=SIZE,
                        run_before=keys_then_settle("f3"))
