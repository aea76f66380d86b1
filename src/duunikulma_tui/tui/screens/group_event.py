"""One group event (a digital workshop, a recruitment event) and its participants.

a adds a participant: a client found by name, or anyone by a typed name;
space or Enter steps attendance registered → attended → absent; o opens a
participant's client card; Escape goes back to the week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.i18n import format_date, format_time, t
from duunikulma_tui.services import client_search, group_events
from duunikulma_tui.services.client_search import RegistryFilter
from duunikulma_tui.services.group_events import GroupEvent, Participant
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings

# A typed name, not a client: the picker returns it with this prefix as its id.
NAME_PREFIX = "name:"
ATTENDANCE_MARK = {"registered": " ", "attended": "✓", "absent": "✗"}


def participant_choices(desk, text: str) -> list[tuple[str, str]]:
    """Picker rows: clients matching `text`, then the typed name itself as a non-client."""
    found = client_search.search_clients(desk, text, RegistryFilter(status="all"), limit=30)
    rows = []
    for c in found:
        born = format_date(c.birth_date) if c.birth_date else str(c.birth_year or "")
        parts = [f"{c.last_name} {c.first_name}", born, c.municipality]
        if c.status != "active":
            parts.append(t(f"code.client_status.{c.status}"))
        rows.append((_escape("  ".join(p for p in parts if p)), c.id))
    name = " ".join(text.split())
    if name:
        rows.append((_escape(t("group.add_by_name", name=name)), NAME_PREFIX + name))
    return rows


def _escape(label: str) -> str:
    # Option prompts are read as markup; a typed '[' must stay a character.
    from textual.markup import escape

    return escape(label)


class GroupEventScreen(TranslatedBindings, Screen[None]):
    """Title, date and time, counts, and the participants with their attendance."""

    DEFAULT_CSS = """
    GroupEventScreen > Static, GroupEventScreen > DataTable { margin: 0 1; }
    GroupEventScreen #group-header { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    GroupEventScreen #group-info { height: auto; color: $text-muted; margin: 0 1 1 1; }
    GroupEventScreen #group-table { height: 1fr; }
    GroupEventScreen #group-empty { height: auto; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "back", "group.key_back", id="group-back"),
        Binding("a", "add", "group.key_add", id="group-add"),
        # Enter toggles too: it reaches the table, whose RowSelected lands in _enter.
        Binding("space", "toggle", "group.key_toggle", id="group-toggle"),
        # Hidden from the footer (no room at 80 columns); F1 lists it.
        Binding("o", "open_client", "group.key_open_client", show=False, id="group-open-client"),
    ] + FOCUS_BINDINGS

    @dataclass
    class Loaded(Message):
        """The event and its participants arrived from the worker."""

        event: GroupEvent | None
        participants: list[Participant]

    def __init__(self, appointment_id: str) -> None:
        super().__init__()
        self.appointment_id = appointment_id
        self.event: GroupEvent | None = None
        self.participants: list[Participant] = []
        self._added_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="group-header")
        yield Static("", id="group-info")
        yield Static("", id="group-empty")
        yield DataTable(id="group-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in (("name", 30), ("attendance", 18), ("kind", 14)):
            table.add_column(t(f"group.col_{key}"), key=key, width=width)
        table.focus()
        self.reload()

    def reload(self) -> None:
        """Load the event and its participants again in the background."""
        self._load()

    @work(thread=True, exclusive=True, group="group-event-load")
    def _load(self) -> None:
        desk = self.app.desk
        event = group_events.group_event(desk, self.appointment_id)
        people = group_events.participants(desk, self.appointment_id) if event else []
        self.post_message(self.Loaded(event, people))

    def on_group_event_screen_loaded(self, message: Loaded) -> None:
        self.event, self.participants = message.event, message.participants
        if message.event is None:
            self.query_one("#group-header", Static).update(t("group.not_found"))
            return
        self._show_header()
        table = self.query_one(DataTable)
        keep = self._added_id or self._cursor_id()
        table.clear()
        for p in self.participants:
            # Text, not a str: a '[' in a typed name must not read as markup.
            table.add_row(Text(p.name or "–"), self._attendance(p.attendance),
                          t("group.is_client") if p.client_id else t("group.not_client"),
                          key=p.id)
        ids = [p.id for p in self.participants]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        added = next((p for p in self.participants if p.id == self._added_id), None)
        if added is not None:
            self.app.notify(t("group.added", name=added.name), markup=False)
        self._added_id = None
        empty = self.query_one("#group-empty", Static)
        empty.update(t("group.empty"))
        empty.display = not self.participants

    # -- text ---------------------------------------------------------------------
    @staticmethod
    def _attendance(value: str) -> str:
        return f"{ATTENDANCE_MARK.get(value, ' ')} {t(f'code.attendance.{value}')}"

    def _show_header(self) -> None:
        ev = self.event
        assert ev is not None
        end = (dt.datetime.combine(ev.on_date, ev.start)
               + dt.timedelta(minutes=ev.duration_min)).time()
        service = t(f"code.service_type.{ev.service_type}")
        header = Text(ev.title or service, style="bold")
        parts = [f"{t(f'weekday.{ev.on_date.isoweekday()}')} {format_date(ev.on_date)} "
                 f"{format_time(ev.start)}–{format_time(end)}",
                 t(f"code.appointment_status.{ev.status}")]
        parts += [p for p in (ev.staff_name, ev.location) if p]
        header.append(" · " + " · ".join(parts))
        self.query_one("#group-header", Static).update(header)
        counts = {a: sum(1 for p in self.participants if p.attendance == a)
                  for a in ("attended", "absent")}
        lines = [t("group.counts", registered=len(self.participants), **counts)]
        if service.lower() != ev.title.lower():  # "Digipaja · digipaja" says it once
            lines[0] = f"{service} · {lines[0]}"
        if len(ev.series_dates) > 1 and ev.on_date in ev.series_dates:
            lines.append(t("group.series", index=ev.series_dates.index(ev.on_date) + 1,
                           count=len(ev.series_dates), last=format_date(ev.series_dates[-1])))
        self.query_one("#group-info", Static).update(Text("\n".join(lines)))

    # -- keys -----------------------------------------------------------------------
    def _cursor_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _selected(self) -> Participant | None:
        pid = self._cursor_id()
        return next((p for p in self.participants if p.id == pid), None)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(DataTable.RowSelected, "#group-table")
    def _enter(self) -> None:
        self.action_toggle()

    def action_toggle(self) -> None:
        """Step the selected participant's attendance; the row and counts update at once."""
        person = self._selected()
        if person is None:
            return
        new = group_events.toggle_attendance(self.app.desk, person.id)
        self.participants = [replace(p, attendance=new) if p.id == person.id else p
                             for p in self.participants]
        self.query_one(DataTable).update_cell(person.id, "attendance", self._attendance(new))
        self._show_header()

    def action_open_client(self) -> None:
        person = self._selected()
        if person is not None and person.client_id:
            self.app.open_client(person.client_id)

    def action_add(self) -> None:
        """Pick a client by name, or take the typed name for someone who is not a client."""
        if self.event is None:
            return
        from duunikulma_tui.tui.screens.picker import PickerScreen

        desk = self.app.desk
        self.app.push_screen(PickerScreen(t("group.pick_title"),
                                          lambda text: participant_choices(desk, text)),
                             self._picked)

    def _picked(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        _label, key = choice
        try:
            if key.startswith(NAME_PREFIX):
                name = key.removeprefix(NAME_PREFIX)
                pid = group_events.add_participant(self.app.desk, self.appointment_id, name=name)
            else:
                pid = group_events.add_participant(self.app.desk, self.appointment_id,
                                                   client_id=key)
        except FormErrors as errors:
            self.app.notify(errors.errors[0].message(), severity="warning")
            return
        except FieldError as error:
            self.app.notify(error.message(), severity="warning")
            return
        self._added_id = pid
        self.reload()
