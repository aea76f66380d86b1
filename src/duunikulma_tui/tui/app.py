"""The Textual application: global keys, the operator on first start, help."""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import staff
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.tui.bindings import translate_bindings
from duunikulma_tui.tui.commands import AreaCommands
from duunikulma_tui.tui.screens.help import HelpScreen
from duunikulma_tui.tui.screens.main import MainScreen
from duunikulma_tui.tui.screens.operator import OperatorScreen


class DuunikulmaApp(App[None]):
    """One desk's app over one database file."""

    CSS_PATH = "app.tcss"
    TITLE = "Duunikulma"
    COMMANDS = App.COMMANDS | {AreaCommands}
    BINDINGS = [
        Binding("f1", "help", "key.help", id="help"),
        Binding("ctrl+p", "command_palette", "key.commands", show=False, id="commands"),
        Binding("ctrl+o", "choose_operator", "key.operator", id="operator"),
        Binding("ctrl+q", "quit", "key.quit", id="quit", priority=True),
    ]

    def __init__(self, desk: Desk, *, low_bandwidth: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self.desk = desk
        self.low_bandwidth = low_bandwidth
        if low_bandwidth:
            # Nothing may move on an idle screen: every animated redraw is
            # bytes over a mobile link.
            self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        if self.desk.operator_id is None:
            self.action_choose_operator(can_cancel=False)

    # -- actions ------------------------------------------------------------
    def show_area(self, area: str) -> None:
        """Open an area of the main screen from anywhere."""
        main = self._main_screen()
        while self.screen is not main:
            self.pop_screen()
        main.action_show_area(area)

    def _main_screen(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def action_choose_operator(self, can_cancel: bool = True) -> None:
        """Ask who is working; the choice goes into updated_by and the audit log."""
        members = staff.list_staff(self.desk)

        def chosen(staff_id: str | None) -> None:
            if staff_id:
                staff.sign_in(self.desk, staff_id)
                self._main_screen().action_refresh()

        self.push_screen(OperatorScreen(members, can_cancel=can_cancel), chosen)

    def action_help(self) -> None:
        """F1: keys for the current screen and the global ones."""
        if isinstance(self.screen, HelpScreen):
            return
        screen_keys, app_keys = self.keys_for(self.screen)
        area_help = None
        if isinstance(self.screen, MainScreen):
            area = self.screen.query_one("#areas").active
            area_help = t(f"help.area_{area}")
        self.push_screen(HelpScreen(screen_keys, app_keys, area_help))

    def keys_for(self, screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(key, description) pairs of a screen and of the app, as the help lists them."""
        def pairs(bindings) -> list[tuple[str, str]]:
            # Only our own bindings carry ids; Textual's built-ins are left out
            # because their descriptions are English-only.
            return [(binding.key_display or self.get_key_display(binding), binding.description)
                    for _key, binding in bindings if binding.id and binding.description]

        return pairs(screen._bindings), pairs(self._bindings)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Our own palette entries, translated; Textual's English ones are left out."""
        yield SystemCommand(t("key.help"), t("command.help_help"), self.action_help)
        yield SystemCommand(t("key.operator"), t("command.operator_help"),
                            self.action_choose_operator)
        yield SystemCommand(t("key.quit"), t("command.quit_help"), self.action_quit)
