"""F1: the keys that work on the screen it was opened from, and everywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.bindings import MODAL_BINDINGS, TranslatedBindings


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    """A modal list of keys; Escape or F1 closes it."""

    BINDINGS = [
        Binding("escape,f1", "dismiss", "key.close", id="close-help"),
    ] + MODAL_BINDINGS

    def __init__(self, screen_keys: list[tuple[str, str]], app_keys: list[tuple[str, str]],
                 area_help: str | None = None) -> None:
        super().__init__()
        self.screen_keys = screen_keys
        self.app_keys = app_keys
        self.area_help = area_help

    def compose(self) -> ComposeResult:
        def block(title: str, keys: list[tuple[str, str]]) -> str:
            rows = "\n".join(f"  [b]{key:<12}[/b] {desc}" for key, desc in keys)
            return f"[b]{title}[/b]\n{rows}\n"

        with VerticalScroll(id="help-box"):
            yield Static(f"[b]{t('help.title')}[/b]\n", id="help-title")
            if self.area_help:
                yield Static(self.area_help + "\n")
            yield Static(block(t("help.this_screen"), self.screen_keys), id="help-screen-keys")
            yield Static(block(t("help.everywhere"), self.app_keys), id="help-app-keys")
            yield Static(t("help.tip"))
        yield Footer(compact=True)
