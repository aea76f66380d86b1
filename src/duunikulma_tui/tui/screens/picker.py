"""A generic search-and-choose modal: type, up/down, Enter."""

from __future__ import annotations

from typing import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput

SearchFn = Callable[[str], list[tuple[str, str]]]


class PickerScreen(TranslatedBindings, ModalScreen[tuple[str, str] | None]):
    """Returns (label, id) of the chosen item, or None on Escape."""

    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical { width: 72; height: 20; border: round $primary;
                              background: $panel; padding: 0 1; }
    PickerScreen OptionList { height: 1fr; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "key.cancel", id="picker-cancel")] \
        + MODAL_BINDINGS

    def __init__(self, title: str, search: SearchFn, text: str = "") -> None:
        super().__init__()
        self.title_text, self.search, self.initial = title, search, text
        self.found: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{self.title_text}[/b]")
            yield DeskInput(value=self.initial, id="picker-search")
            yield OptionList(id="picker-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._find(self.initial)

    @on(Input.Changed, "#picker-search")
    def _typed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @work(thread=True, exclusive=True, group="picker")
    def _find(self, text: str) -> None:
        found = self.search(text)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[tuple[str, str]]) -> None:
        self.found = found
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(label, id=str(i)) for i, (label, _id) in enumerate(found)])
        if found:
            options.highlighted = 0

    def on_key(self, event) -> None:
        if event.key in ("up", "down"):
            options = self.query_one(OptionList)
            (options.action_cursor_up if event.key == "up" else options.action_cursor_down)()
            event.stop()

    @on(Input.Submitted, "#picker-search")
    def _enter(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.found):
            self.dismiss(self.found[highlighted])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.found[int(event.option.id)])
