"""An Input that respects the low-bandwidth setting (no blinking cursor)."""

from __future__ import annotations

from textual.widgets import Input


class DeskInput(Input):
    """Input used everywhere in the app: one row high, never blinks on a slow link."""

    # One row per field: forms have to fit 80x24 with their error lines.
    DEFAULT_CSS = """
    DeskInput { border: none; height: 1; padding: 0 1; background: $primary 12%; }
    DeskInput:focus { border: none; background: $primary 35%; }
    DeskInput.-invalid { border: none; background: $error 25%; }
    """

    def on_mount(self) -> None:
        if getattr(self.app, "low_bandwidth", False):
            self.cursor_blink = False
