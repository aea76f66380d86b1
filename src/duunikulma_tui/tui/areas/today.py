"""Today: the day's appointments by time, and what is due, side by side.

One key per action on the selected appointment: a arrived, l log the
contact, o open the client, m no-show, c cancel, u undo today's last move;
n books a new appointment and w logs a walk-in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from duunikulma_tui.domain.errors import FormErrors
from duunikulma_tui.domain.i18n import format_short_date, format_time, t
from duunikulma_tui.services import appointments, due_contacts, follow_ups, overview
from duunikulma_tui.services.overview import AgendaItem
from duunikulma_tui.tui.bindings import translate_bindings


@dataclass(frozen=True)
class SideItem:
    """One line of the side list: a due statutory contact or a follow-up."""

    client_id: str
    who: str
    what: str
    urgent: bool


class TodayArea(Vertical):
    """The agenda (left) and due contacts and follow-ups (right)."""

    DEFAULT_CSS = """
    TodayArea #today-title { height: 1; text-style: bold; }
    TodayArea Horizontal { height: 1fr; }
    TodayArea #today-table { width: 1fr; height: 1fr; overflow-x: hidden; }
    TodayArea #today-side { width: 30; height: 1fr; border-left: solid $primary 50%; }
    TodayArea #today-side-title { height: 1; text-style: bold; padding-left: 1; }
    TodayArea #today-due { height: 1fr; overflow-x: hidden; }
    """

    BINDINGS = [
        Binding("a", "move('arrived')", "key.arrived", id="today-arrived"),
        Binding("l", "log_contact", "key.log_contact", id="today-log"),
        Binding("o", "open_client", "key.open_client", id="today-open"),
        Binding("n", "new_appointment", "key.new_appointment", id="today-new"),
        Binding("m", "move('missed')", "key.missed", id="today-missed"),
        Binding("c", "cancel_appointment", "key.cancel_appointment", show=False, id="today-cancel"),
        Binding("u", "undo", "key.undo", show=False, id="today-undo"),
        Binding("w", "walk_in", "key.walk_in", show=False, id="today-walk-in"),
        Binding("k", "toggle_mine", "key.toggle_mine", show=False, id="today-mine"),
    ]

    @dataclass
    class Loaded(Message):
        """The agenda arrived from the worker."""

        day: dt.date
        items: list[AgendaItem]

    @dataclass
    class SideLoaded(Message):
        """Due contacts and follow-ups arrived (they take longer than the agenda)."""

        side: list[SideItem]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.mine = False
        self.items: list[AgendaItem] = []

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="today-title")
        with Horizontal():
            table = DataTable(id="today-table", cursor_type="row", zebra_stripes=True)
            table.add_column(t("today.col_time"), key="time", width=5)
            table.add_column(t("today.col_who"), key="who", width=15)
            table.add_column(t("today.col_service"), key="service", width=12)
            table.add_column(t("today.col_status"), key="status", width=9)
            yield table
            with Vertical(id="today-side"):
                yield Static(t("today.side_title"), id="today-side-title")
                side = DataTable(id="today-due", cursor_type="row", show_header=False)
                side.add_column("who", key="who", width=11)
                side.add_column("what", key="what", width=14)
                yield side

    # -- loading ----------------------------------------------------------
    def reload(self) -> None:
        """Load the day again in the background: the agenda first, then what is due."""
        self._load_agenda(self.mine)
        self._load_side(self.mine)

    @work(thread=True, exclusive=True, group="today-agenda")
    def _load_agenda(self, mine: bool) -> None:
        desk = self.app.desk
        day = desk.today()
        self.post_message(self.Loaded(day, overview.agenda(desk, day,
                                                           desk.operator_id if mine else None)))

    @work(thread=True, exclusive=True, group="today-side")
    def _load_side(self, mine: bool) -> None:
        desk = self.app.desk
        day = desk.today()
        staff_id = desk.operator_id if mine else None
        side: list[SideItem] = []
        for due in due_contacts.due_contacts(desk, day, staff_id)[:30]:
            c = due.contact
            when = (t("today.days_late", days=c.days_late) if c.status == "overdue"
                    else format_short_date(c.due_date))
            side.append(SideItem(due.client_id, due.name,
                                 f"{t(f'today.kind_short.{c.kind}')} {when}",
                                 c.status == "overdue"))
        for fu in follow_ups.due_follow_ups(desk, staff_id=staff_id):
            side.append(SideItem(fu.client_id, fu.who,
                                 f"{t('today.follow_up')} {format_short_date(fu.due_on)}", False))
        self.post_message(self.SideLoaded(side))

    def on_today_area_loaded(self, message: Loaded) -> None:
        self.items = message.items
        scope = t("today.mine") if self.mine else t("today.everyone")
        count = t("today.count", count=len(message.items)) if message.items else t("today.empty")
        self.query_one("#today-title", Static).update(
            f"{t('today.title', date=format_short_date(message.day))} · {count} · {scope}")
        table = self.query_one("#today-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for item in message.items:
            who = item.who if item.participants is None else t(
                "today.group", title=item.who, count=item.participants)
            table.add_row(format_time(item.start), Text(who),
                          t(f"code.service_type.{item.service_type}"),
                          t(f"code.appointment_status.{item.status}"), key=item.appointment_id)
        if message.items:
            table.move_cursor(row=min(keep, len(message.items) - 1))

    def on_today_area_side_loaded(self, message: SideLoaded) -> None:
        side = self.query_one("#today-due", DataTable)
        side.clear()
        for i, s in enumerate(message.side):
            side.add_row(Text(("! " if s.urgent else "  ") + s.who), s.what, key=f"{i}:{s.client_id}")
        if not message.side:
            side.add_row(t("today.nothing_due"), "")

    # -- actions on the selected appointment ----------------------------------
    def _selected(self) -> AgendaItem | None:
        table = self.query_one("#today-table", DataTable)
        if not self.items or table.cursor_row >= len(self.items):
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((i for i in self.items if i.appointment_id == key), None)

    def action_move(self, status: str) -> None:
        item = self._selected()
        if item is None:
            return
        try:
            appointments.set_status(self.app.desk, item.appointment_id, status)
        except FormErrors as errors:
            self.app.notify(errors.errors[0].message(), severity="warning")
            return
        self.reload()

    def action_undo(self) -> None:
        item = self._selected()
        if item is None:
            return
        restored = appointments.undo_status(self.app.desk, item.appointment_id)
        if restored is None:
            self.app.notify(t("today.nothing_to_undo"), severity="warning")
        else:
            self.app.notify(t("today.undone", status=t(f"code.appointment_status.{restored}")))
        self.reload()

    def action_cancel_appointment(self) -> None:
        item = self._selected()
        if item is None:
            return
        from duunikulma_tui.tui.screens.confirm import ConfirmScreen

        def answered(by_client: bool | None) -> None:
            if by_client is not None:
                self.action_move("cancelled_by_client" if by_client else "cancelled_by_staff")

        self.app.push_screen(ConfirmScreen(t("cancel.title"), "", t("cancel.by_client"),
                                           t("cancel.by_staff"), none_on_escape=True), answered)

    def action_open_client(self) -> None:
        side = self.query_one("#today-due", DataTable)
        if side.has_focus and side.row_count:
            key = str(side.coordinate_to_cell_key(side.cursor_coordinate).row_key.value)
            if ":" in key:
                self.app.open_client(key.split(":", 1)[1])
            return
        item = self._selected()
        if item is not None and item.client_id:
            self.app.open_client(item.client_id)

    def action_log_contact(self) -> None:
        item = self._selected()
        if item is not None:
            self.app.open_log_contact(item.appointment_id, on_done=lambda _: self.reload())

    def action_walk_in(self) -> None:
        self.app.open_log_contact(None, on_done=lambda _: self.reload())

    def action_new_appointment(self) -> None:
        self.app.open_booking(on_done=lambda _: self.reload())

    def action_toggle_mine(self) -> None:
        self.mine = not self.mine
        self.reload()

    @on(DataTable.RowSelected, "#today-due")
    def _due_chosen(self) -> None:
        self.action_open_client()
