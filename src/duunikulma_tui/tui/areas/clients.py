"""Clients: the registry with search as you type and filters."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from duunikulma_tui.domain.i18n import format_date, format_short_date, format_time, t
from duunikulma_tui.services import client_search, quick_contacts
from duunikulma_tui.services.client_search import ClientRow, RegistryFilter
from duunikulma_tui.tui.bindings import translate_bindings
from duunikulma_tui.tui.widgets.result_list import ResultList, fit
from duunikulma_tui.tui.widgets.desk_input import DeskInput


CLIENT_COLUMNS = (("clients.col_name", 24), ("clients.col_born", 11),
                  ("clients.col_municipality", 11), ("clients.col_status", 10),
                  ("clients.col_next", 12))
QUICK_COLUMNS = (("clients.col_date", 11), ("clients.col_name", 24),
                 ("clients.col_service", 18), ("clients.col_status", 18))
CLIENT_WIDTHS = [w for _k, w in CLIENT_COLUMNS]

# "quick" lists people served without agreement instead of clients.
STATUS_CYCLE = client_search.STATUS_FILTERS + ("quick",)


def _client_cells(row: ClientRow) -> tuple:
    born = format_date(row.birth_date) if row.birth_date else (
        str(row.birth_year) if row.birth_year else "–")
    nxt = (f"{format_short_date(row.next_appointment.date())} "
           f"{format_time(row.next_appointment.time())}" if row.next_appointment else "–")
    return (f"{row.last_name} {row.first_name}", born, row.municipality,
            t(f"code.client_status.{row.status}"), nxt)


def _cycle(values: tuple[str, ...], current: str) -> str:
    return values[(values.index(current) + 1) % len(values)]


class ClientsArea(Vertical):
    """Type to search; up/down picks; Enter opens the card."""

    DEFAULT_CSS = """
    ClientsArea #clients-search { width: 1fr; }
    ClientsArea #clients-filters { height: 1; color: $text-muted; }
    ClientsArea #clients-header { height: 1; background: $primary 30%; text-style: bold; }
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
        self._ids: list[str] = []  # the id behind each table row, by position

    def compose(self) -> ComposeResult:
        yield DeskInput(placeholder=t("clients.search_placeholder"), id="clients-search")
        yield Static("", id="clients-filters")
        yield Static("", id="clients-header")
        yield ResultList(CLIENT_WIDTHS, id="clients-table")
        yield Static("", id="clients-count")

    def on_mount(self) -> None:
        # The first search comes with the main screen's load, not twice.
        self._show_filters()
        self._set_columns(quick=False)

    def _set_columns(self, *, quick: bool) -> None:
        cols = QUICK_COLUMNS if quick else CLIENT_COLUMNS
        widths = [w for _key, w in cols]
        self.query_one(ResultList).set_widths(widths)
        header = " ".join(fit(t(key), w) for key, w in cols)
        self.query_one("#clients-header", Static).update(Text(" " + header))

    # -- searching ---------------------------------------------------------
    @on(Input.Changed, "#clients-search")
    def _typed(self, event: Input.Changed) -> None:
        self.search()

    @on(Input.Submitted, "#clients-search")
    def _enter_in_search(self) -> None:
        self.action_open_client()

    @on(ResultList.Selected, "#clients-table")
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
        table = self.query_one(ResultList)
        if self._shown is None or self._shown[0] != signature[0]:
            self._set_columns(quick=signature[0])
        self._shown = signature
        self._ids = [r.id for r in message.rows]
        if message.flt.status == "quick":
            rows = [(format_date(qc.contact_date), qc.name or "–",
                     t(f"code.service_type.{qc.service_type}"),
                     t("clients.promoted") if qc.promoted else t(f"code.channel.{qc.channel}"))
                    for qc in message.rows]
        else:
            rows = [_client_cells(row) for row in message.rows]
        table.set_rows(rows)
        count = len(message.rows)
        self.query_one("#clients-count", Static).update(
            t("clients.count_more", count=count) if count >= 50 and message.flt.status != "quick"
            else t("clients.count", count=count))

    # -- keys -------------------------------------------------------------
    def on_key(self, event) -> None:
        # Arrow keys move the result cursor while the search field keeps focus.
        steps = {"up": -1, "down": 1, "pageup": -10, "pagedown": 10}
        if event.key in steps and isinstance(self.app.focused, Input):
            self.query_one(ResultList).action_cursor(steps[event.key])
            event.stop()

    def action_open_client(self) -> None:
        cursor = self.query_one(ResultList).cursor
        if self._ids and cursor < len(self._ids):
            key = self._ids[cursor]
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
