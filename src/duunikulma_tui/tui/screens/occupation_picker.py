"""Find an occupation of Ammattiluokitus 2010 by name or code."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.domain.occupations import search_occupations
from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput


class OccupationPicker(TranslatedBindings, ModalScreen[str | None]):
    """Type to filter; up/down and Enter choose; Escape cancels."""

    DEFAULT_CSS = """
    OccupationPicker { align: center middle; }
    OccupationPicker > Vertical { width: 72; height: 20; border: round $primary;
                                  background: $panel; padding: 0 1; }
    OccupationPicker OptionList { height: 1fr; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "key.cancel", id="picker-cancel")] \
        + MODAL_BINDINGS

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{t('intake.find_occupation')}[/b]")
            yield DeskInput(id="picker-search", placeholder=t("intake.find_occupation_hint"))
            yield OptionList(id="picker-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed, "#picker-search")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        found = search_occupations(text)
        options.add_options([Option(f"{o.code}  {o.name()}", id=o.code) for o in found])
        if found:
            options.highlighted = 0

    def on_key(self, event) -> None:
        if event.key in ("up", "down"):
            options = self.query_one(OptionList)
            (options.action_cursor_up if event.key == "up" else options.action_cursor_down)()
            event.stop()

    @on(Input.Submitted, "#picker-search")
    def _enter(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
