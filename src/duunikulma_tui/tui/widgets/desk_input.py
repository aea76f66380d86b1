"""An Input that respects the low-bandwidth setting (no blinking cursor)."""

from __future__ import annotations

from textual.widgets import Input


class DeskInput(Input):
    """Input used everywhere in the app; never blinks on a slow link."""

    def on_mount(self) -> None:
        if getattr(self.app, "low_bandwidth", False):
            self.cursor_blink = False
