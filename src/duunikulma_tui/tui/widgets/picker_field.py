"""A form field whose value is a record id chosen from a search modal."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from duunikulma_tui.tui.widgets.desk_input import DeskInput


class PickerInput(DeskInput):
    """Type a few letters and press Enter: a picker opens; the choice shows by name.

    `picked_id` is the value the form hands to the service.
    """

    def __init__(self, search, title: str, *, picked: tuple[str, str] | None = None,
                 **kwargs) -> None:
        super().__init__(value=picked[0] if picked else "", **kwargs)
        self.search, self.title = search, title
        self.picked_id: str | None = picked[1] if picked else None
        self._picked_label = picked[0] if picked else ""

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.value != self._picked_label:
            self.picked_id = None  # typing again forgets the earlier choice

    @on(Input.Submitted)
    def _open(self, event: Input.Submitted) -> None:
        event.stop()
        from duunikulma_tui.tui.screens.picker import PickerScreen

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice:
                self._picked_label, self.picked_id = choice
                self.value = choice[0]
                self.screen.focus_next()

        self.app.push_screen(PickerScreen(self.title, self.search, self.value), chosen)
