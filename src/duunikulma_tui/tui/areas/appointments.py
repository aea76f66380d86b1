"""Appointments (F4): one staff member's week, Monday to Friday, by keyboard.

The grid paints its five day columns itself, so a week costs the same to
draw whatever its size: only the rows that fit are rendered. Up/down move
within a day, left/right between days, and only past Monday or Friday do
the arrows turn the week; PgUp/PgDn turn it at once, t comes back to this
week and s steps through the staff members and "everyone".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from duunikulma_tui.domain.i18n import format_date, format_short_date, format_time, t
from duunikulma_tui.services import week as week_service
from duunikulma_tui.services.staff import StaffMember, list_staff
from duunikulma_tui.services.week import WeekItem, WeekView
from duunikulma_tui.tui.bindings import translate_bindings

WORKDAYS = 5
# Everyone's day at a large office runs to thousands; nobody scrolls that far.
PER_DAY = 100
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


class AppointmentsArea(Vertical):
    """The week of one staff member (or everyone), Monday to Friday."""

    DEFAULT_CSS = """
    AppointmentsArea #week-title { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    AppointmentsArea #week-detail { height: 1; text-wrap: nowrap; text-overflow: ellipsis;
                                    background: $primary 10%; }
    AppointmentsArea #week-note { height: auto; max-height: 2; color: $text-warning; }
    AppointmentsArea #week-legend { height: 1; color: $text-muted; text-wrap: nowrap;
                                    text-overflow: ellipsis; }
    """

    BINDINGS = [
        # The footer has room for two keys of the area at 80 columns; the line
        # under the grid names t and PgUp/PgDn.
        Binding("s", "next_staff", "week.key_staff", id="week-staff"),
        Binding("enter", "open", "week.key_open", id="week-open"),
        Binding("t", "this_week", "week.key_this_week", show=False, id="week-this"),
        Binding("pagedown", "turn_week(1)", "week.key_next_week", show=False, id="week-next"),
        Binding("pageup", "turn_week(-1)", "week.key_prev_week", show=False, id="week-prev"),
        Binding("g", "open_group", "week.key_group", show=False, id="week-group"),
        Binding("n", "new_appointment", "key.new_appointment", show=False, id="week-new"),
        Binding("left", "day(-1)", "week.key_prev_day", show=False, id="week-left"),
        Binding("right", "day(1)", "week.key_next_day", show=False, id="week-right"),
        Binding("up", "item(-1)", "week.key_prev_item", show=False, id="week-up"),
        Binding("down", "item(1)", "week.key_next_item", show=False, id="week-down"),
    ]

    @dataclass
    class Loaded(Message):
        """A week arrived from the worker."""

        view: WeekView
        staff: list[StaffMember]
        today: dt.date

    @dataclass
    class Holidays(Message):
        """The public holidays of a loaded week (sent after it: the first look-up is slow)."""

        monday: dt.date
        days: frozenset[dt.date]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.monday: dt.date | None = None
        self.staff_id: str | None = None
        self.staff: list[StaffMember] = []
        self.view: WeekView | None = None
        self._staff_chosen = False  # until s is pressed, the week follows the operator
        self._pending_anchor: int | None = None
        self._keep_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="week-title")
        yield WeekGrid(id="week-grid")
        yield Static("", id="week-detail")
        yield Static("", id="week-note")
        yield Static(Text.assemble(t("week.legend"), "  ", (t("week.keys_hint"), "italic")),
                     id="week-legend")

    def on_mount(self) -> None:
        today = self.app.desk.today()
        self.monday = week_service.monday_of(today)
        self.query_one(WeekGrid).place(today.weekday() if today.weekday() < WORKDAYS else 0)
        self.reload()
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    # Coming back to the area (F4, or from a card or a group event) shows fresh data.
    def on_descendant_focus(self) -> None:
        if self.view is not None:
            self.reload()

    def _screen_changed(self, screen) -> None:
        if screen is self.screen and self.view is not None and self.display \
                and self.query_one(WeekGrid).has_focus:
            self.reload()

    # -- loading ------------------------------------------------------------------
    def reload(self) -> None:
        """Load the shown week again in the background, keeping the selection."""
        if not self._staff_chosen:
            self.staff_id = self.app.desk.operator_id
        grid = self.query_one(WeekGrid)
        if self._pending_anchor is None and self._keep_id is None and grid.selected:
            self._keep_id = grid.selected.id
        assert self.monday is not None
        self._load(self.staff_id, self.monday)

    @work(thread=True, exclusive=True, group="week-load")
    def _load(self, staff_id: str | None, monday: dt.date) -> None:
        desk = self.app.desk
        view = week_service.week_view(desk, staff_id, monday, per_day=PER_DAY)
        self.post_message(self.Loaded(view, list_staff(desk), desk.today()))
        # The holiday calendar is built on first use (a few hundred ms): the week
        # is on screen before it, and the holidays follow.
        from duunikulma_tui.domain.workdays import is_working_day

        days = [monday + dt.timedelta(days=i) for i in range(WORKDAYS)]
        self.post_message(self.Holidays(monday, frozenset(d for d in days
                                                          if not is_working_day(d))))

    def on_appointments_area_holidays(self, message: Holidays) -> None:
        grid = self.query_one(WeekGrid)
        if grid.days and grid.days[0] == message.monday:
            grid.holidays = {i for i, d in enumerate(grid.days) if d in message.days}
            grid.refresh()
            self._show_detail()

    def on_appointments_area_loaded(self, message: Loaded) -> None:
        view = message.view
        if view.monday != self.monday or view.staff_id != self.staff_id:
            return  # the user has moved on; a newer load is on its way
        self.view, self.staff = view, message.staff
        days = [view.monday + dt.timedelta(days=i) for i in range(WORKDAYS)]
        columns = [view.on(day) for day in days]
        today_col = (message.today - view.monday).days
        grid = self.query_one(WeekGrid)
        # A reload of the same week keeps its holidays; a new week waits for its own.
        holidays = grid.holidays if grid.days == days else set()
        grid.show_week(days, columns, cut={i for i, d in enumerate(days) if d in view.cut_days},
                       holidays=holidays,
                       today_col=today_col if 0 <= today_col < WORKDAYS else None,
                       keep_id=self._keep_id, anchor=self._pending_anchor)
        self._keep_id = self._pending_anchor = None
        self._show_title(columns)
        self._show_note(view, days)
        self._show_detail()

    # -- text around the grid -----------------------------------------------------
    def _staff_label(self) -> str:
        if self.staff_id is None:
            return t("week.everyone")
        member = next((s for s in self.staff if s.id == self.staff_id), None)
        return member.full_name if member else "–"

    def _show_title(self, columns: list[list[WeekItem]]) -> None:
        assert self.view is not None and self.monday is not None
        count = sum(len(c) for c in columns)
        counted = (t("week.empty") if count == 0 else t("week.count_one") if count == 1
                   else t("week.count", count=f"{count}+" if self.view.cut_days else count))
        friday = self.monday + dt.timedelta(days=WORKDAYS - 1)
        title = Text(t("week.title", week=week_service.week_number(self.monday),
                       first=format_short_date(self.monday), last=format_date(friday)),
                     style="bold")
        title.append(f" · {self._staff_label()} · {counted}")
        self.query_one("#week-title", Static).update(title)

    def _show_note(self, view: WeekView, days: list[dt.date]) -> None:
        notes = []
        weekend = [i for i in view.items if i.on_date > days[-1]]
        if weekend:
            first = weekend[0]
            named = (f"{t(f'weekday.{first.on_date.isoweekday()}')} "
                     f"{format_short_date(first.on_date)} {format_time(first.start)} {first.short}")
            notes.append(t("week.weekend_one", first=named) if len(weekend) == 1 else
                         t("week.weekend_more", first=named, more=len(weekend) - 1))
        if view.cut_days:
            notes.append(t("week.cut", count=PER_DAY))
        note = self.query_one("#week-note", Static)
        note.update(Text("\n".join(notes)))
        note.display = bool(notes)

    def _show_detail(self) -> None:
        grid = self.query_one(WeekGrid)
        item, day = grid.selected, grid.selected_day
        if day is None:
            return
        date = f"{t(f'weekday.{day.isoweekday()}')} {format_short_date(day)}"
        if item is None:
            text = t("week.day_empty", day=date)
            if grid.col in grid.holidays:
                text += f" · {t('week.holiday')}"
        else:
            end = (dt.datetime.combine(day, item.start)
                   + dt.timedelta(minutes=item.duration_min)).time()
            parts = [f"{date} {format_time(item.start)}–{format_time(end)}", item.who or "–"]
            if self.staff_id is None and item.staff_name:
                parts.append(item.staff_name)
            if item.participants is not None:
                parts.append(t("week.participants_one") if item.participants == 1
                             else t("week.participants", count=item.participants))
            parts.append(t(f"code.appointment_status.{item.status}"))
            service = t(f"code.service_type.{item.service_type}")
            if service.lower() != (item.who or "").lower():  # "Digipaja · digipaja" says it once
                parts.append(service)  # last: the first to go when the line is full
            text = " · ".join(parts)
        self.query_one("#week-detail", Static).update(Text(text))

    # -- keys -----------------------------------------------------------------------
    def action_item(self, step: int) -> None:
        self.query_one(WeekGrid).move_row(step)
        self._show_detail()

    def action_day(self, step: int) -> None:
        grid = self.query_one(WeekGrid)
        if grid.move_col(step):
            self._show_detail()
            return
        # Past Monday or Friday: the week turns and the other edge day is selected.
        self._pending_anchor = grid.anchor()
        grid.place(WORKDAYS - 1 if step < 0 else 0)
        self._turn(step)

    def action_turn_week(self, step: int) -> None:
        self._pending_anchor = self.query_one(WeekGrid).anchor()
        self._turn(step)

    def _turn(self, step: int) -> None:
        assert self.monday is not None
        self.monday += dt.timedelta(weeks=step)
        self._keep_id = None
        self.reload()

    def action_this_week(self) -> None:
        today = self.app.desk.today()
        self.monday = week_service.monday_of(today)
        self.query_one(WeekGrid).place(today.weekday() if today.weekday() < WORKDAYS else 0)
        self._keep_id = self._pending_anchor = None
        self._load(self.staff_id, self.monday)

    def action_next_staff(self) -> None:
        ids: list[str | None] = [s.id for s in self.staff] + [None]
        current = ids.index(self.staff_id) if self.staff_id in ids else -1
        self.staff_id = ids[(current + 1) % len(ids)]
        self._staff_chosen = True
        grid = self.query_one(WeekGrid)
        self._pending_anchor = grid.anchor()
        self._keep_id = None
        assert self.monday is not None
        self._load(self.staff_id, self.monday)

    def action_open(self) -> None:
        """Enter: a group event's participants, a client's card or an employer's card."""
        item = self.query_one(WeekGrid).selected
        if item is None:
            return
        if item.kind == "group":
            self.action_open_group()
        elif item.client_id:
            self.app.open_client(item.client_id)
        elif item.employer_id:
            from duunikulma_tui.tui.screens.employer_card import open_employer_card

            open_employer_card(self.app, item.employer_id)

    def action_open_group(self) -> None:
        item = self.query_one(WeekGrid).selected
        if item is None or item.kind != "group":
            return
        from duunikulma_tui.tui.screens.group_event import GroupEventScreen

        self.app.push_screen(GroupEventScreen(item.id))

    def action_new_appointment(self) -> None:
        open_booking = getattr(self.app, "open_booking", None)
        if open_booking is not None:
            open_booking(on_done=lambda _: self.reload())
