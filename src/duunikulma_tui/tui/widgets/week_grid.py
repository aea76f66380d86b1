"""The week grid: five day columns painted by the widget itself, by keyboard.

Only the rows that fit are rendered, so a week costs the same to draw
whatever its size; up/down move within a day, left/right between days.
"""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from duunikulma_tui.domain.i18n import format_short_date, format_time, t
from duunikulma_tui.services.week import WeekItem

WORKDAYS = 5
# One character after the time tells the status; a space means booked.
MARKS = {"scheduled": " ", "arrived": "●", "completed": "✓", "walk_in": "✓",
         "cancelled_by_client": "✗", "cancelled_by_staff": "✗", "missed": "!"}
CANCELLED = ("cancelled_by_client", "cancelled_by_staff")


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[:width - 1] + "…"


def cell_label(item: WeekItem, width: int) -> str:
    """The name in a cell: 'Virtanen M.', else 'Virtanen', else cut; groups add their count."""
    label = item.short or item.who or "–"
    if item.participants is not None:
        counted = f"{label} ({item.participants})"
        return counted if len(counted) <= width else _fit(label, width)
    if len(label) > width and item.client_id and label.endswith("."):
        label = label.rsplit(" ", 1)[0]  # the initial goes first, the surname stays
    return _fit(label, width)


def column_widths(total: int, columns: int = WORKDAYS, gap: int = 1) -> list[int]:
    """Equal columns over `total` characters with `gap` between them."""
    usable = max(total - gap * (columns - 1), columns)
    base, extra = divmod(usable, columns)
    return [base + (1 if i < extra else 0) for i in range(columns)]


def window(total: int, rows: int, cursor: int, offset: int) -> tuple[int, int]:
    """(first, count): which of `total` rows show in `rows` lines, keeping `cursor` in view.

    A line above and below is kept for '↑ n more' / '↓ n more' when needed.
    """
    if total <= rows:
        return 0, total
    if rows < 3:
        first = min(max(cursor, 0), total - rows)
        return first, rows

    def shown(first: int) -> int:
        above = 1 if first > 0 else 0
        below = 1 if first + rows - above < total else 0
        return rows - above - below

    offset = max(0, min(offset, total - 1))
    for _ in range(4):
        count = shown(offset)
        if cursor < offset:
            offset = cursor
        elif cursor >= offset + count:
            offset = cursor - count + 1
        else:
            break
    count = shown(offset)
    if offset + count > total:  # at the end: fill the column rather than leave it short
        offset, count = total - (rows - 1), rows - 1
    return offset, count


class WeekGrid(Widget, can_focus=True):
    """Five day columns; one cell is selected (a day with nothing selects its empty line)."""

    COMPONENT_CLASSES = {
        "week-grid--header", "week-grid--today-header", "week-grid--holiday-header",
        "week-grid--today", "week-grid--cursor", "week-grid--cancelled", "week-grid--missed",
        "week-grid--done", "week-grid--arrived", "week-grid--group", "week-grid--muted",
        "week-grid--rule",
    }

    DEFAULT_CSS = """
    WeekGrid { height: 1fr; }
    WeekGrid > .week-grid--header { text-style: bold; background: $primary 20%; }
    WeekGrid > .week-grid--today-header { text-style: bold; color: $block-cursor-foreground;
                                           background: $accent; }
    WeekGrid > .week-grid--holiday-header { text-style: bold italic; color: $text-muted;
                                             background: $primary 10%; }
    WeekGrid > .week-grid--today { background: $accent 12%; }
    WeekGrid > .week-grid--cursor { background: $block-cursor-blurred-background; }
    WeekGrid:focus > .week-grid--cursor { color: $block-cursor-foreground;
                                          background: $block-cursor-background; }
    WeekGrid > .week-grid--cancelled { color: $text-muted; text-style: strike; }
    WeekGrid > .week-grid--missed { color: $text-error; }
    WeekGrid > .week-grid--done { color: $text-success; }
    WeekGrid > .week-grid--arrived { color: $text-warning; }
    WeekGrid > .week-grid--group { color: $text-accent; }
    WeekGrid > .week-grid--muted { color: $text-muted; }
    WeekGrid > .week-grid--rule { color: $primary 40%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.days: list[dt.date] = []
        self.columns: list[list[WeekItem]] = [[] for _ in range(WORKDAYS)]
        self.cut: set[int] = set()
        self.holidays: set[int] = set()
        self.today_col: int | None = None
        self.col = 0
        self.row = 0
        self.offsets = [0] * WORKDAYS

    # -- state ----------------------------------------------------------------
    def show_week(self, days: list[dt.date], columns: list[list[WeekItem]], *, cut: set[int],
                  holidays: set[int], today_col: int | None, keep_id: str | None = None,
                  anchor: int | None = None) -> None:
        """Show a loaded week; select `keep_id` if still there, else the item nearest `anchor`."""
        if days != self.days:
            self.offsets = [0] * WORKDAYS
        self.days, self.columns, self.cut = days, columns, cut
        self.holidays, self.today_col = holidays, today_col
        found = next(((c, r) for c, items in enumerate(columns) for r, item in enumerate(items)
                      if item.id == keep_id), None) if keep_id else None
        if found:
            self.col, self.row = found
        else:
            self.row = self._nearest(self.col, anchor)
        self.refresh()

    def _nearest(self, col: int, anchor: int | None) -> int:
        items = self.columns[col]
        if not items or anchor is None:
            return 0
        return min(range(len(items)), key=lambda i: (abs(_minutes(items[i].start) - anchor), i))

    @property
    def selected(self) -> WeekItem | None:
        """The selected appointment, or None on an empty day."""
        items = self.columns[self.col]
        return items[self.row] if 0 <= self.row < len(items) else None

    @property
    def selected_day(self) -> dt.date | None:
        """The day of the selected column."""
        return self.days[self.col] if self.days else None

    def anchor(self) -> int | None:
        """The selected time of day in minutes, to land near it in another day."""
        item = self.selected
        return _minutes(item.start) if item else None

    def move_row(self, step: int) -> None:
        """Up or down within the day."""
        count = len(self.columns[self.col])
        if count:
            self.row = max(0, min(count - 1, self.row + step))
            self.refresh()

    def move_col(self, step: int) -> bool:
        """To the day before or after; False (and no move) at Monday or Friday."""
        target = self.col + step
        if not 0 <= target < WORKDAYS:
            return False
        anchor = self.anchor()
        self.col = target
        self.row = self._nearest(target, anchor)
        self.refresh()
        return True

    def place(self, col: int) -> None:
        """Select a column before its week has loaded (its first item once it does)."""
        self.col, self.row = col, 0
        self.refresh()

    # -- painting ---------------------------------------------------------------
    # Backgrounds come blended (headers, today, cursor); text styles lend only
    # their colour and attributes, so they sit on whichever background is there.
    _BACKGROUNDS = ("header", "today-header", "holiday-header", "today", "cursor")

    def _style(self, name: str) -> Style:
        full = self.get_component_rich_style(f"week-grid--{name}", partial=False)
        if name in self._BACKGROUNDS:
            return full
        return Style(color=full.color, bold=full.bold, italic=full.italic, strike=full.strike)

    def render(self) -> Text:
        if not self.days:
            return Text(t("loading"))
        widths = column_widths(self.size.width)
        body = max(self.size.height - 1, 1)
        cells = [[self._header(col, w)] + self._column(col, w, body)
                 for col, w in enumerate(widths)]
        rule = self._style("rule")
        lines = []
        for line_no in range(body + 1):
            line = Text(no_wrap=True, overflow="crop", end="")
            for col in range(WORKDAYS):
                if col:  # a thin rule between the days, so a row is not read across
                    line.append("│" if line_no else " ", style=rule)
                line.append_text(cells[col][line_no])
            lines.append(line)
        return Text("\n", no_wrap=True, end="").join(lines)

    def _header(self, col: int, width: int) -> Text:
        day = self.days[col]
        label = f"{t(f'weekday.{day.isoweekday()}')} {format_short_date(day)}"
        items = self.columns[col]
        count = f"{len(items)}+" if col in self.cut else (str(len(items)) if items else "")
        room = width - len(label) - 1
        text = label + (" " * (room - len(count) + 1) + count if count and room >= len(count)
                        else "")
        style = ("today-header" if col == self.today_col
                 else "holiday-header" if col in self.holidays else "header")
        return Text(_fit(text, width).ljust(width), style=self._style(style))

    def _column(self, col: int, width: int, rows: int) -> list[Text]:
        items = self.columns[col]
        base = self._style("today") if col == self.today_col else Style()
        cursor = self._style("cursor") if col == self.col else None
        cut = col in self.cut
        total = len(items) + (1 if cut else 0)
        out: list[Text] = []
        if not items:
            mark = Text("–".ljust(width), style=base + self._style("muted"))
            if cursor:
                mark.stylize(cursor)
            out.append(mark)
        else:
            first, count = window(total, rows, self.row if col == self.col else 0,
                                  self.offsets[col])
            self.offsets[col] = first
            if first > 0:
                out.append(Text(_fit(t("week.more_above", count=first), width).ljust(width),
                                style=base + self._style("muted")))
            for index in range(first, first + count):
                if index == len(items):
                    out.append(Text(_fit(t("week.more_cut"), width).ljust(width),
                                    style=base + self._style("muted")))
                    continue
                cell = self._cell(items[index], width, base)
                if cursor and index == self.row:
                    cell.stylize(cursor)
                out.append(cell)
            hidden = len(items) - (first + count)
            if hidden > 0:
                out.append(Text(_fit(t("week.more_below", count=hidden), width).ljust(width),
                                style=base + self._style("muted")))
        while len(out) < rows:
            out.append(Text(" " * width, style=base))
        return out[:rows]

    def _cell(self, item: WeekItem, width: int, base: Style) -> Text:
        mark = MARKS.get(item.status, " ")
        label = cell_label(item, max(width - 6, 0))
        cell = Text(style=base, no_wrap=True, end="")
        if item.status in CANCELLED:
            cell.append(f"{format_time(item.start)}{mark}{label}".ljust(width)[:width],
                        style=self._style("cancelled"))
            return cell
        whole = self._style("missed") if item.status == "missed" else Style()
        cell.append(format_time(item.start), style=whole)
        mark_style = {"completed": "done", "walk_in": "done", "arrived": "arrived",
                      "missed": "missed"}.get(item.status)
        cell.append(mark, style=self._style(mark_style) if mark_style else whole)
        label_style = self._style("group") if item.kind == "group" else whole
        cell.append(label.ljust(max(width - 6, 0)), style=label_style)
        cell.truncate(width)
        return cell
