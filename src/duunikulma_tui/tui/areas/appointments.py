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

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from duunikulma_tui.domain.i18n import format_date, format_short_date, format_time, t
from duunikulma_tui.services import week as week_service
from duunikulma_tui.services.staff import StaffMember, list_staff
from duunikulma_tui.services.week import WeekItem, WeekView
from duunikulma_tui.tui.bindings import translate_bindings
from duunikulma_tui.tui.widgets.week_grid import WORKDAYS, WeekGrid

# Everyone's day at a large office runs to thousands; nobody scrolls that far.
PER_DAY = 100


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
