"""A keyboard list of fixed-width rows that repaints only the lines that change.

DataTable repaints its whole region whenever a cell changes; typing a search
over a slow link then costs 4-10 KB a keystroke. This list draws each row as
one styled line (Textual's line API) and refreshes just the lines whose text
changed, so narrowing a search sends a few hundred bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells, with … when cut."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…"


class ResultList(ScrollView, can_focus=True):
    """Rows of cells in fixed-width columns; up/down moves, Enter selects."""

    DEFAULT_CSS = """
    ResultList { height: 1fr; background: $surface; }
    ResultList > .result-list--cursor { background: $primary 40%; text-style: bold; }
    ResultList:focus > .result-list--cursor { background: $primary; }
    ResultList > .result-list--row { color: $text; }
    """
    COMPONENT_CLASSES = {"result-list--cursor", "result-list--row"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-10)", show=False),
        Binding("pagedown", "cursor(10)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    @dataclass
    class Selected(Message):
        """Enter was pressed on row `index`."""

        result_list: "ResultList"
        index: int

        @property
        def control(self) -> "ResultList":
            """The list that sent it (lets @on match it by selector)."""
            return self.result_list

    def __init__(self, widths: Sequence[int], **kwargs) -> None:
        super().__init__(**kwargs)
        self.widths = list(widths)
        self.lines: list[str] = []

    def set_widths(self, widths: Sequence[int]) -> None:
        """New column widths (all lines repaint)."""
        self.widths = list(widths)
        self.lines = []

    def format_row(self, cells: Sequence[object]) -> str:
        """One row as a line of fixed-width columns."""
        return " ".join(fit(str(c), w) for c, w in zip(cells, self.widths))

    def set_rows(self, rows: Sequence[Sequence[object]]) -> int:
        """Show `rows`; refresh only changed lines. Returns how many lines changed."""
        new = [self.format_row(r) for r in rows]
        old = self.lines
        self.lines = new
        self.virtual_size = Size(sum(self.widths) + len(self.widths), len(new))
        changed = [i for i in range(max(len(old), len(new)))
                   if i >= len(old) or i >= len(new) or old[i] != new[i]]
        if self.cursor >= len(new):
            self.cursor = max(0, len(new) - 1)
        top = self.scroll_offset.y
        for index in changed:
            self.refresh(Region(0, index - top, self.size.width, 1))
        return len(changed)

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.size.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        component = "result-list--cursor" if index == self.cursor else "result-list--row"
        style = self.get_component_rich_style(component)
        return Strip([Segment(fit(" " + self.lines[index], width), style)], width)

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        for index in (old, new):
            self.refresh(Region(0, index - top, self.size.width, 1))
        self.scroll_to_region(Region(0, new, 1, 1), animate=False)

    def action_cursor(self, step: int) -> None:
        """Move the cursor by `step` rows, staying inside the list."""
        if self.lines:
            self.cursor = max(0, min(len(self.lines) - 1, self.cursor + step))

    def action_select(self) -> None:
        """Post Selected for the row under the cursor."""
        if self.lines:
            self.post_message(self.Selected(self, self.cursor))
