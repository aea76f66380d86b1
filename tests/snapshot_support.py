"""What every snapshot test shares: build the app like the CLI does, and let it settle.

Pictures must not depend on timing, so workers are awaited, toasts cleared
and input cursors stopped blinking before a snapshot is taken.
"""

from __future__ import annotations

from textual.widgets import Input

from duunikulma_tui.settings import Settings
from duunikulma_tui.tui.factory import make_app

SIZE = (80, 24)


def build(desk, lang: str):
    """The app over `desk` in `lang`, made by the same factory as the CLI."""
    return make_app(Settings(db_path=desk.path, language=lang), desk)


async def settle(pilot) -> None:
    """Wait for background loads, then freeze what would move."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    pilot.app.clear_notifications()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def keys_then_settle(*keys: str):
    """A run_before that presses `keys` one by one, settling after each."""
    async def run(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run
