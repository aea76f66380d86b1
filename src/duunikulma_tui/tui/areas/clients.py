"""Clients: the registry with search as you type and filters."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from duunikulma_tui.domain.i18n import format_date, format_short_date, format_time, t
from duunikulma_tui.services import client_search, quick_contacts
from duunikulma_tui.services.client_search import ClientRow, RegistryFilter
from duunikulma_tui.tui.bindings import translate_bindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput


# "quick" lists people served without agreement instead of clients.
STATUS_CYCLE = client_search.STATUS_FILTERS + ("quick",)


def _cycle(values: tuple[str, ...], current: str) -> str:
    return values[(values.index(current) + 1) % len(values)]


class ClientsArea(Vertical):
    """Type to search; up/down picks; Enter opens the card."""

    DEFAULT_CSS = """
    ClientsArea #clients-search { width: 1fr; }
    ClientsArea #clients-filters { height: 1; color: $text-muted; }
    ClientsArea DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "open_client", "key.open", id="clients-open"),
        Binding("f9", "new_client", "key.new_client", id="clients-new"),
        # The filter line names these keys, so the footer keeps its room.
        Binding("ctrl+t", "cycle_status", "key.filter_status", show=False, id="clients-status"),
        Binding("ctrl+g", "cycle_group", "key.filter_group", show=False, id="clients-group"),
        Binding("ctrl+y", "toggle_mine", "key.filter_mine", show=False, id="clients-mine"),
    ]

    @dataclass
    class Results(Message):
        """A search finished (posted from the worker)."""

        text: str
        flt: RegistryFilter
        rows: list[ClientRow]

    @dataclass
    class OpenClient(Message):
        """The user asked to open a client's card."""

        client_id: str

    @dataclass
    class NewClient(Message):
        """The user asked for a new intake."""

    @dataclass
    class PromoteQuickContact(Message):
        """The user asked to turn a quick contact into a client."""

        quick_contact_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.flt = RegistryFilter()
        self._shown: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield DeskInput(placeholder=t("clients.search_placeholder"), id="clients-search")
        yield Static("", id="clients-filters")
        table = DataTable(id="clients-table", cursor_type="row", zebra_stripes=True)
        self._set_columns(table, quick=False)
        yield table
        yield Static("", id="clients-count")

    def on_mount(self) -> None:
        self._show_filters()
        self.search()

    @staticmethod
    def _set_columns(table: DataTable, *, quick: bool) -> None:
        table.clear(columns=True)
        if quick:
            cols = (("date", "clients.col_date", 10), ("name", "clients.col_name", 22),
                    ("service", "clients.col_service", 18), ("status", "clients.col_status", 18))
        else:
            cols = (("name", "clients.col_name", 23), ("born", "clients.col_born", 11),
                    ("municipality", "clients.col_municipality", 11),
                    ("status", "clients.col_status", 10), ("next", "clients.col_next", 12))
        for key, label, width in cols:
            table.add_column(t(label), key=key, width=width)

    # -- searching ---------------------------------------------------------
    @on(Input.Changed, "#clients-search")
    def _typed(self, event: Input.Changed) -> None:
        self.search()

    @on(Input.Submitted, "#clients-search")
    def _enter_in_search(self) -> None:
        self.action_open_client()

    @on(DataTable.RowSelected, "#clients-table")
    def _row_chosen(self) -> None:
        self.action_open_client()

    def search(self) -> None:
        """Search in the background with the current text and filters."""
        self._run_search(self.query_one("#clients-search", DeskInput).value, self.flt)

    @work(thread=True, exclusive=True, group="client-search")
    def _run_search(self, text: str, flt: RegistryFilter) -> None:
        if flt.status == "quick":
            rows = quick_contacts.recent_quick_contacts(self.app.desk, text)
        else:
            rows = client_search.search_clients(self.app.desk, text, flt)
        self.post_message(self.Results(text, flt, rows))

    def on_clients_area_results(self, message: Results) -> None:
        signature = (message.flt.status == "quick", tuple(r.id for r in message.rows))
        if signature == self._shown:
            return  # same rows: repaint nothing (bytes matter on slow links)
        table = self.query_one(DataTable)
        if self._shown is None or self._shown[0] != signature[0]:
            self._set_columns(table, quick=signature[0])
        self._shown = signature
        table.clear()
        if message.flt.status == "quick":
            for qc in message.rows:
                state = t("clients.promoted") if qc.promoted else t(f"code.channel.{qc.channel}")
                table.add_row(format_date(qc.contact_date), Text(qc.name or "–"),
                              t(f"code.service_type.{qc.service_type}"), state, key=qc.id)
            self.query_one("#clients-count", Static).update(
                t("clients.count", count=len(message.rows)))
            return
        for row in message.rows:
            born = format_date(row.birth_date) if row.birth_date else (
                str(row.birth_year) if row.birth_year else "–")
            nxt = (f"{format_short_date(row.next_appointment.date())} "
                   f"{format_time(row.next_appointment.time())}" if row.next_appointment else "–")
            table.add_row(Text(f"{row.last_name} {row.first_name}"), born, Text(row.municipality),
                          t(f"code.client_status.{row.status}"), nxt, key=row.id)
        count = len(message.rows)
        self.query_one("#clients-count", Static).update(
            t("clients.count_more", count=count) if count >= 50 else t("clients.count", count=count))

    # -- keys -------------------------------------------------------------
    def on_key(self, event) -> None:
        # Arrow keys move the result cursor while the search field keeps focus.
        if event.key in ("up", "down") and isinstance(self.app.focused, Input):
            table = self.query_one(DataTable)
            (table.action_cursor_up if event.key == "up" else table.action_cursor_down)()
            event.stop()

    def action_open_client(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
            if self.flt.status == "quick":
                self.post_message(self.PromoteQuickContact(key))
            else:
                self.post_message(self.OpenClient(key))

    def action_new_client(self) -> None:
        self.post_message(self.NewClient())

    def action_cycle_status(self) -> None:
        self._set(replace(self.flt, status=_cycle(STATUS_CYCLE, self.flt.status)))

    def action_cycle_group(self) -> None:
        self._set(replace(self.flt, group=_cycle(client_search.GROUP_FILTERS, self.flt.group)))

    def action_toggle_mine(self) -> None:
        self._set(replace(self.flt, mine=not self.flt.mine))

    def _set(self, flt: RegistryFilter) -> None:
        self.flt = flt
        self._show_filters()
        self.search()

    def _show_filters(self) -> None:
        parts = [t(f"clients.status_{self.flt.status}"), t(f"clients.group_{self.flt.group}")]
        if self.flt.mine:
            parts.append(t("clients.mine"))
        keys = t("clients.filter_keys")
        self.query_one("#clients-filters", Static).update(f"{' · '.join(parts)}  [dim]{keys}[/dim]")
