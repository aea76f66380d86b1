"""Employers: the registry with search as you type."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.domain.industries import industry_label
from duunikulma_tui.services import employers
from duunikulma_tui.services.employers import EmployerRow
from duunikulma_tui.tui.bindings import translate_bindings
from duunikulma_tui.tui.widgets.desk_input import DeskInput

LIMIT = 50


def _cell(value: str | None) -> Text:
    # Typed text is never read as markup; what does not fit ends in an ellipsis.
    return Text(value or "–", overflow="ellipsis", no_wrap=True)


class EmployersArea(Vertical):
    """Type to search; up/down picks; Enter opens the card; F9 adds an employer."""

    DEFAULT_CSS = """
    EmployersArea #employers-bar { height: 1; }
    EmployersArea #employers-search { width: 1fr; }
    EmployersArea DataTable { height: 1fr; }
    EmployersArea #employers-count { height: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("enter", "open_employer", "employers.key_open", id="employers-open"),
        Binding("f9", "new_employer", "employers.key_new", id="employers-new"),
    ]

    @dataclass
    class Results(Message):
        """A search finished (posted from the worker)."""

        text: str
        rows: list[EmployerRow]
        select_id: str | None = None

    @dataclass
    class OpenEmployer(Message):
        """The user asked to open an employer's card."""

        employer_id: str

    @dataclass
    class NewEmployer(Message):
        """The user asked to add an employer."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._shown: tuple[EmployerRow, ...] | None = None

    def compose(self) -> ComposeResult:
        # In its own row: were the table the field's sibling, Textual would move the
        # focus there when the area is hidden, and that switches the tab back here.
        with Horizontal(id="employers-bar"):
            yield DeskInput(placeholder=t("employers.search_placeholder"), id="employers-search")
        table = DataTable(id="employers-table", cursor_type="row", zebra_stripes=True)
        # 76 columns with cell padding: fits 80 with the frame and a scrollbar.
        table.add_column(t("employers.col_name"), key="name", width=20)
        table.add_column(t("employers.col_business_id"), key="business_id", width=9)
        table.add_column(t("employers.col_municipality"), key="municipality", width=12)
        table.add_column(t("employers.col_industry"), key="industry", width=18)
        table.add_column(t("employers.col_open_jobs"), key="open_jobs", width=7)
        yield table
        yield Static("", id="employers-count")

    def on_mount(self) -> None:
        self.search()

    def on_show(self) -> None:
        # Jobs and visits are added elsewhere: the counts are fresh when the area is opened.
        self.search()

    # -- searching ---------------------------------------------------------
    @on(Input.Changed, "#employers-search")
    def _typed(self, event: Input.Changed) -> None:
        self.search()

    def search(self, select_id: str | None = None) -> None:
        """Search in the background; `select_id` puts the cursor on that employer."""
        text = self.query_one("#employers-search", DeskInput).value
        self._run_search(text, select_id)

    @work(thread=True, exclusive=True, group="employer-search")
    def _run_search(self, text: str, select_id: str | None) -> None:
        rows = employers.search_employers(self.app.desk, text, LIMIT)
        self.post_message(self.Results(text, rows, select_id))

    def on_employers_area_results(self, message: Results) -> None:
        table = self.query_one(DataTable)
        signature = tuple(message.rows)
        if signature != self._shown:
            # Same rows: repaint nothing (bytes matter on slow links).
            self._shown = signature
            table.clear()
            for row in message.rows:
                table.add_row(_cell(row.name), row.business_id or "–",
                              _cell(row.municipality), _cell(industry_label(row.industry)),
                              str(row.open_jobs) if row.open_jobs else "–", key=row.id)
            count = len(message.rows)
            if count == 0 and not message.text.strip():
                text = t("employers.empty")
            elif count >= LIMIT:
                text = t("employers.count_more", count=count)
            else:
                text = t("employers.count", count=count)
            self.query_one("#employers-count", Static).update(text)
        if message.select_id is not None:
            ids = [r.id for r in message.rows]
            if message.select_id in ids:
                table.move_cursor(row=ids.index(message.select_id))

    # -- keys -------------------------------------------------------------
    def on_key(self, event) -> None:
        # Arrow keys move the result cursor while the search field keeps focus.
        if event.key in ("up", "down") and isinstance(self.app.focused, Input):
            table = self.query_one(DataTable)
            (table.action_cursor_up if event.key == "up" else table.action_cursor_down)()
            event.stop()

    @on(Input.Submitted, "#employers-search")
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter in the search field opens the highlighted employer.
        event.stop()
        self.action_open_employer()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on the focused table (the table binds Enter itself).
        event.stop()
        self.post_message(self.OpenEmployer(str(event.row_key.value)))

    def action_open_employer(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.post_message(self.OpenEmployer(str(key.value)))

    def action_new_employer(self) -> None:
        self.post_message(self.NewEmployer())
