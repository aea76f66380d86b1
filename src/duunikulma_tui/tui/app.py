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
        Binding("ctrl+n", "quick_contact", "key.quick_contact", id="quick-contact"),
        Binding("ctrl+o", "choose_operator", "key.operator", show=False, id="operator"),
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

    def action_quick_contact(self) -> None:
        """ctrl+n: log a walk-in or a caller from anywhere."""
        from duunikulma_tui.tui.screens.quick_contact import QuickContactScreen

        if isinstance(self.screen, QuickContactScreen):
            return

        def done(qc_id: str | None) -> None:
            if qc_id:
                self.notify(t("quick.saved"))
                self._main_screen().action_refresh()

        self.push_screen(QuickContactScreen(), done)

    def promote_quick_contact(self, quick_contact_id: str) -> None:
        """Open an intake filled with what a quick contact already knows."""
        from duunikulma_tui.services.quick_contacts import promotion_values

        self.open_intake(None, values=promotion_values(self.desk, quick_contact_id),
                         quick_contact_id=quick_contact_id)

    def open_providers(self) -> None:
        """The list of purchased-service providers."""
        from duunikulma_tui.tui.screens.providers import ProvidersScreen

        self.push_screen(ProvidersScreen())

    def open_client(self, client_id: str) -> None:
        """Open a client's card over the current screen."""
        from duunikulma_tui.tui.screens.client_card import ClientCardScreen

        self.push_screen(ClientCardScreen(client_id))

    def open_intake(self, client_id: str | None = None, *, values: dict[str, str] | None = None,
                    quick_contact_id: str | None = None, on_done=None) -> None:
        """The intake form: new, from a quick contact, or editing `client_id`."""
        from duunikulma_tui.services.intake import intake_values
        from duunikulma_tui.tui.screens.intake import IntakeScreen

        if client_id and values is None:
            values = intake_values(self.desk, client_id)

        def done(saved_id: str | None) -> None:
            if saved_id:
                self.notify(t("intake.saved"))
                self._main_screen().action_refresh()
                if client_id is None:
                    self.open_client(saved_id)
            if on_done:
                on_done(saved_id)

        self.push_screen(IntakeScreen(client_id=client_id, values=values,
                                      quick_contact_id=quick_contact_id), done)

    def open_booking(self, *, client: tuple[str, str] | None = None, on_done=None) -> None:
        """The booking form (client preselected when given as (label, id))."""
        from duunikulma_tui.tui.screens.booking import BookingScreen

        def done(ids: list[str] | None) -> None:
            if ids:
                self.notify(t("booking.saved") if len(ids) == 1
                            else t("booking.saved_series", count=len(ids)))
                self._main_screen().action_refresh()
            if on_done:
                on_done(ids)

        self.push_screen(BookingScreen(client=client), done)

    def open_log_contact(self, appointment_id: str | None, on_done=None) -> None:
        """Log a contact on a booked appointment, or a walk-in when None."""
        from duunikulma_tui.tui.screens.log_contact import LogContactScreen

        def done(appt_id: str | None) -> None:
            if appt_id:
                self.notify(t("contact.saved"))
                self._main_screen().action_refresh()
            if on_done:
                on_done(appt_id)

        self.push_screen(LogContactScreen(appointment_id), done)

    def open_exit(self, client_id: str, on_done=None) -> None:
        """The exit form that ends a client's agreement period."""
        from duunikulma_tui.tui.screens.exit_form import ExitScreen

        def done(result) -> None:
            if result:
                self._main_screen().action_refresh()
            if on_done:
                on_done(result)

        self.push_screen(ExitScreen(client_id), done)

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
        """(key, description) pairs active on `screen` (its focused widget included) and
        the app's own, as the help lists them.

        Only our bindings carry ids: Textual's built-ins are left out, their
        descriptions being English-only.
        """
        here: list[tuple[str, str]] = []
        everywhere: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or binding.id in seen:
                continue
            seen.add(binding.id)
            pair = (binding.key_display or self.get_key_display(binding), binding.description)
            (everywhere if active.node is self else here).append(pair)
        return here, everywhere

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Our own palette entries, translated; Textual's English ones are left out."""
        yield SystemCommand(t("key.help"), t("command.help_help"), self.action_help)
        yield SystemCommand(t("key.operator"), t("command.operator_help"),
                            self.action_choose_operator)
        yield SystemCommand(t("providers.title"), t("providers.command_help"),
                            self.open_providers)
        yield SystemCommand(t("key.quit"), t("command.quit_help"), self.action_quit)
