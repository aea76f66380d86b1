"""The employer card: a header line, then Summary, Visits, Jobs and Matches.

Summary holds the details and the contact people; `a` adds a contact, `c`
(or Enter on a contact) edits the highlighted one, `x` removes it, `e` edits
the employer. The data loads in a worker; every change reloads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from duunikulma_tui.domain.i18n import format_date, format_time, t
from duunikulma_tui.domain.industries import industry_label
from duunikulma_tui.services import employers
from duunikulma_tui.services.employers import EmployerCard
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.screens.confirm import ConfirmScreen
from duunikulma_tui.tui.screens.employer_form import ContactFormScreen, EmployerFormScreen

TABS = ("summary", "visits", "jobs", "matches")

# (column key, width): each table stays within 76 columns with cell padding,
# so it fits the 80-column frame even with a scrollbar; the contacts table
# sits in a scrolling pane, so it keeps room for two.
COLUMNS = {
    "contacts": (("name", 17), ("role", 15), ("phone", 13), ("email", 21)),
    "visits": (("date", 10), ("time", 5), ("status", 12), ("staff", 16), ("subject", 23)),
    "jobs": (("opened", 10), ("job", 24), ("status", 9), ("positions", 9), ("closes", 12)),
    "matches": (("date", 10), ("client", 18), ("job", 20), ("status", 11), ("score", 7)),
}
LABEL_WIDTH = 14


def open_employer_card(app: App, employer_id: str, on_done=None) -> None:
    """Open an employer's card over the current screen; `on_done` runs when it closes."""
    app.push_screen(EmployerCardScreen(employer_id), on_done)


def open_employer_form(app: App, employer_id: str | None = None, on_done=None) -> None:
    """The employer form, new or editing; `on_done(saved_id or None)` runs when it closes."""
    values = employers.employer_values(app.desk, employer_id) if employer_id else None

    def done(saved_id: str | None) -> None:
        if saved_id:
            app.notify(t("employer.saved"))
        if on_done:
            on_done(saved_id)

    app.push_screen(EmployerFormScreen(employer_id, values), done)


def _cell(value: object) -> Text:
    # User text is never read as markup; long text ends in an ellipsis.
    shown = "–" if value in (None, "") else str(value)
    return Text(shown, overflow="ellipsis", no_wrap=True)


def _time(text: str) -> str:
    try:
        return format_time(dt.time.fromisoformat(text))
    except ValueError:
        return text


class EmployerCardScreen(TranslatedBindings, Screen):
    """One employer's card."""

    DEFAULT_CSS = """
    EmployerCardScreen #employer-header { height: auto; max-height: 2; padding: 0 1;
                                          background: $primary 25%; }
    EmployerCardScreen TabPane { padding: 0 1; }
    EmployerCardScreen #employer-summary-scroll { height: 1fr; }
    EmployerCardScreen .employer-section { text-style: bold; color: $accent; margin-top: 1; }
    EmployerCardScreen DataTable { height: auto; max-height: 100%; }
    /* Contacts stay in view above a long note; more than seven scroll in the table. */
    EmployerCardScreen #employer-contacts { max-height: 8; overflow-x: hidden; }
    EmployerCardScreen .employer-empty { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "back", "key.back", id="employer-back"),
        Binding("e", "edit", "employer.key_edit", id="employer-edit"),
        Binding("a", "add_contact", "employer.key_add_contact", id="employer-add-contact"),
        # Not in the footer (80 columns): the contacts heading names them, F1 lists them.
        Binding("c", "edit_contact", "employer.key_edit_contact", show=False,
                id="employer-edit-contact"),
        Binding("x", "remove_contact", "employer.key_remove_contact", show=False,
                id="employer-remove-contact"),
        Binding("left", "tab(-1)", show=False, id="employer-tab-left"),
        Binding("right", "tab(1)", show=False, id="employer-tab-right"),
    ] + FOCUS_BINDINGS

    @dataclass
    class Loaded(Message):
        """The card's data arrived from the background load."""

        card: EmployerCard | None

    def __init__(self, employer_id: str) -> None:
        super().__init__()
        self.employer_id = employer_id
        self.card: EmployerCard | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="employer-header")
        with TabbedContent(id="employer-tabs", initial="employer-summary"):
            with TabPane(t("employer.tab_summary"), id="employer-summary"):
                with VerticalScroll(id="employer-summary-scroll"):
                    yield Static("", id="employer-details")
                    yield Static(f"{t('employer.contacts_title')}  "
                                 f"[$text-muted not bold]{t('employer.contacts_keys')}[/]",
                                 classes="employer-section")
                    yield DataTable(id="employer-contacts", cursor_type="row",
                                    zebra_stripes=True)
                    yield Static("", id="employer-contacts-empty", classes="employer-empty")
                    yield Static(t("field.note"), id="employer-note-title",
                                 classes="employer-section")
                    yield Static("", id="employer-note")
            for tab in TABS[1:]:
                with TabPane(t(f"employer.tab_{tab}"), id=f"employer-{tab}"):
                    yield DataTable(id=f"employer-{tab}-table", cursor_type="row",
                                    zebra_stripes=True)
                    yield Static("", id=f"employer-{tab}-empty", classes="employer-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for name, columns in COLUMNS.items():
            table_id = "employer-contacts" if name == "contacts" else f"employer-{name}-table"
            table = self.query_one(f"#{table_id}", DataTable)
            for key, width in columns:
                table.add_column(t(f"employer.col_{key}"), key=key, width=width)
        self.reload()

    # -- loading -------------------------------------------------------------
    def reload(self) -> None:
        """Load (again) in the background."""
        self._load()

    @work(thread=True, exclusive=True, group="employer-card-load")
    def _load(self) -> None:
        self.post_message(self.Loaded(employers.load_employer_card(self.app.desk,
                                                                   self.employer_id)))

    def on_employer_card_screen_loaded(self, message: Loaded) -> None:
        self.card = card = message.card
        header = self.query_one("#employer-header", Static)
        if card is None:
            header.update(t("employer.not_found"))
            return
        header.update(" · ".join((
            f"[b]{escape(card.name)}[/b]",
            card.business_id or t("employer.no_business_id"),
            escape(industry_label(card.industry)) or t("employer.no_industry"))))
        self.query_one("#employer-details", Static).update(self._details(card))
        self.query_one("#employer-note", Static).update(escape(card.note or ""))
        for note_id in ("#employer-note-title", "#employer-note"):
            self.query_one(note_id).display = bool(card.note)
        self._fill("contacts", [(c.id, (c.name, c.role, c.phone, c.email))
                                for c in card.contacts], "employer.no_contacts")
        self._fill("visits", [(v.id, (format_date(v.on), _time(v.start_time),
                                      t(f"code.appointment_status.{v.status}"), v.staff,
                                      v.title)) for v in card.visits], "employer.no_visits")
        self._fill("jobs", [(j.id, (format_date(j.opened_on), j.title,
                                    t(f"code.job_status.{j.status}"), j.positions,
                                    format_date(j.closes_on) if j.closes_on else None))
                            for j in card.jobs], "employer.no_jobs")
        self._fill("matches", [(m.id, (format_date(m.proposed_on), m.client_name, m.job_title,
                                       t(f"code.match_status.{m.status}"), m.score))
                               for m in card.matches], "employer.no_matches")

    @staticmethod
    def _details(card: EmployerCard) -> str:
        def line(label: str, value: object) -> str:
            shown = escape(str(value)) if value not in (None, "") else "–"
            return f"[dim]{label:<{LABEL_WIDTH}}[/dim] {shown}"

        address = ", ".join(x for x in (card.street_address, card.postal_code) if x)
        return "\n".join([
            line(t("field.kind"), t(f"code.employer_kind.{card.kind}")),
            line(t("employer.label_municipality"), card.municipality),
            line(t("field.street_address"), address),
            line(t("field.phone"), card.phone),
            line(t("field.email"), card.email),
            t("employer.figures", jobs=card.open_jobs, visits=len(card.visits),
              matches=len(card.matches)),
        ])

    def _fill(self, name: str, rows: list[tuple[str, tuple]], empty_key: str) -> None:
        table_id = "employer-contacts" if name == "contacts" else f"employer-{name}-table"
        table = self.query_one(f"#{table_id}", DataTable)
        cursor = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*(_cell(c) for c in cells), key=key)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        table.display = bool(rows)
        empty = self.query_one(f"#employer-{name}-empty", Static)
        empty.update("" if rows else t(empty_key))
        empty.display = not rows

    # -- keys -------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        current = TABS.index(tabs.active.removeprefix("employer-"))
        tabs.active = f"employer-{TABS[(current + step) % len(TABS)]}"

    def action_edit(self) -> None:
        if self.card is not None:
            open_employer_form(self.app, self.employer_id, on_done=lambda _: self.reload())

    def action_add_contact(self) -> None:
        if self.card is not None:
            self._contact_form(None)

    def _highlighted_contact(self) -> str | None:
        table = self.query_one("#employer-contacts", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_edit_contact(self) -> None:
        contact_id = self._highlighted_contact()
        if self.card is not None and contact_id:
            self._contact_form(contact_id)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on a contact edits it; the other tables only list.
        if event.data_table.id == "employer-contacts":
            self._contact_form(str(event.row_key.value))

    def _contact_form(self, contact_id: str | None) -> None:
        assert self.card is not None
        values = employers.contact_values(self.app.desk, contact_id) if contact_id else None

        def done(saved: str | None) -> None:
            if saved:
                self.notify(t("employer.contact_saved"))
                self.reload()

        self.app.push_screen(ContactFormScreen(self.employer_id, self.card.name, contact_id,
                                               values), done)

    def action_remove_contact(self) -> None:
        contact_id = self._highlighted_contact()
        if self.card is None or not contact_id:
            return
        name = next((c.name for c in self.card.contacts if c.id == contact_id), "")

        def answered(remove: bool | None) -> None:
            if remove and employers.remove_contact(self.app.desk, contact_id):
                self.notify(t("employer.contact_removed"))
                self.reload()

        self.app.push_screen(ConfirmScreen(t("employer.remove_contact_title"),
                                           t("employer.remove_contact_body", name=escape(name)),
                                           t("employer.remove_contact_yes"),
                                           t("key.cancel")), answered)

