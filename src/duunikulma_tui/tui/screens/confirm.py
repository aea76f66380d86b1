"""A yes/no question in a small modal; Escape means no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings


class ConfirmScreen(TranslatedBindings, ModalScreen[bool | None]):
    """Returns True for the first button, False for the second; Escape gives False,
    or None when `none_on_escape` (for questions whose two answers both act)."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 60; height: auto; border: round $warning;
                               background: $panel; padding: 0 1; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "no", "key.cancel", id="confirm-no")] + MODAL_BINDINGS

    def __init__(self, title: str, body: str, yes: str, no: str, *,
                 none_on_escape: bool = False) -> None:
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no
        self.none_on_escape = none_on_escape

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{self.title_text}[/b]")
            yield Static(self.body)
            with Horizontal():
                yield Button(self.yes, id="confirm-yes", variant="warning")
                yield Button(self.no, id="confirm-no", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_no(self) -> None:
        self.dismiss(None if self.none_on_escape else False)
