"""The client card: a header line, then Summary, Timeline, Skills, Matches, Outcomes."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from duunikulma_tui.domain.i18n import format_date, format_short_date, format_time, t
from duunikulma_tui.domain.models.derive import age_on
from duunikulma_tui.services import client_card
from duunikulma_tui.services.client_card import ClientCard
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.card_text import (outcomes_text, skills_text, summary_text,
                                                  timeline_rows)

TABS = ("summary", "timeline", "skills", "matches", "outcomes")


class ClientCardScreen(TranslatedBindings, Screen):
    """One client's card; the identity code stays masked until `r` is pressed."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="card-back"),
        Binding("r", "reveal", "key.reveal", id="card-reveal"),
        Binding("e", "edit", "key.edit", id="card-edit"),
        Binding("x", "exit_period", "key.exit_period", id="card-exit"),
        Binding("p", "new_period", "key.new_period", id="card-new-period"),
        Binding("b", "book", "key.new_appointment", show=False, id="card-book"),
        Binding("s", "referral_status", "key.referral_status", show=False, id="card-referral"),
        Binding("left", "tab(-1)", show=False, id="card-tab-left"),
        Binding("right", "tab(1)", show=False, id="card-tab-right"),
    ] + FOCUS_BINDINGS

    @dataclass
    class Loaded(Message):
        """The card's data arrived from the background load."""

        card: ClientCard | None

    def __init__(self, client_id: str) -> None:
        super().__init__()
        self.client_id = client_id
        self.card: ClientCard | None = None
        self.revealed: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="card-header")
        with TabbedContent(id="card-tabs", initial="card-summary"):
            for tab in TABS:
                with TabPane(t(f"card.tab_{tab}"), id=f"card-{tab}"):
                    if tab == "timeline":
                        yield DataTable(id="card-timeline-table", cursor_type="row", zebra_stripes=True)
                    else:
                        yield Static("", id=f"card-{tab}-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#card-timeline-table", DataTable)
        for key, width in (("date", 11), ("what", 24), ("status", 18), ("detail", 14)):
            table.add_column(t(f"card.col_{key}"), key=key, width=width)
        self.reload()

    def reload(self) -> None:
        """Load (again) in the background."""
        self._load()

    @work(thread=True, exclusive=True, group="card-load")
    def _load(self) -> None:
        self.post_message(self.Loaded(client_card.load_card(self.app.desk, self.client_id)))

    def on_client_card_screen_loaded(self, message: Loaded) -> None:
        self.card = card = message.card
        self.refresh_bindings()
        if card is None:
            self.query_one("#card-header", Static).update(t("card.not_found"))
            return
        self._render_header()
        self.query_one("#card-summary-text", Static).update(summary_text(card))
        self.query_one("#card-skills-text", Static).update(skills_text(card))
        self.query_one("#card-outcomes-text", Static).update(outcomes_text(card))
        matches = [e for e in card.timeline if e.kind == "match"]
        self.query_one("#card-matches-text", Static).update(
            "\n".join(f"{format_date(e.on)}  {e.detail}  · {t(f'code.match_status.{e.code}')}"
                      for e in matches) or t("card.no_matches"))
        table = self.query_one("#card-timeline-table", DataTable)
        table.clear()
        for i, row in enumerate(timeline_rows(card)):
            table.add_row(*row, key=str(i))

    def _render_header(self) -> None:
        card = self.card
        assert card is not None
        code = self.revealed or card.masked_code or t("card.no_code")
        age = age_on(card.birth_date, self.app.desk.today()) if card.birth_date else None
        parts = [f"[b]{card.last_name} {card.first_name}[/b]", code,
                 t("card.age", age=age) if age is not None else "",
                 t(f"code.client_status.{card.status}"),
                 card.responsible or t("card.no_responsible")]
        if card.next_appointment:
            nxt = card.next_appointment
            parts.append(t("card.next", when=f"{format_short_date(nxt.date())} "
                                                f"{format_time(nxt.time())}"))
        self.query_one("#card-header", Static).update(" · ".join(p for p in parts if p))

    def action_reveal(self) -> None:
        """Show or hide the full identity code (showing it is audited)."""
        if self.card is None or not self.card.masked_code:
            return
        self.revealed = None if self.revealed else client_card.reveal_identity_code(
            self.app.desk, self.client_id)
        self._render_header()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        current = TABS.index(tabs.active.removeprefix("card-"))
        tabs.active = f"card-{TABS[(current + step) % len(TABS)]}"

    def action_edit(self) -> None:
        self.app.open_intake(self.client_id, on_done=lambda _: self.reload())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A period is ended when one is open and started when none is.
        if self.card is not None and action in ("exit_period", "new_period"):
            has_open = self.card.open_period is not None
            return has_open if action == "exit_period" else not has_open
        return True

    def action_new_period(self) -> None:
        from duunikulma_tui.tui.screens.new_period import NewPeriodScreen

        self.app.push_screen(NewPeriodScreen(self.client_id), lambda _: self.reload())

    def action_referral_status(self) -> None:
        """On a referral in the timeline: move it on (started, completed) or interrupt it."""
        from duunikulma_tui.services import referrals
        from duunikulma_tui.tui.screens.confirm import ConfirmScreen

        tabs = self.query_one(TabbedContent)
        table = self.query_one("#card-timeline-table", DataTable)
        if self.card is None or tabs.active != "card-timeline" or not table.row_count:
            return
        event = self.card.timeline[table.cursor_row]
        moves = referrals.next_statuses(event.status or "") if event.kind == "referral" else ()
        if not moves:
            self.app.notify(t("card.no_referral_move"), severity="warning")
            return
        forward = moves[0]

        def answered(go_forward: bool | None) -> None:
            if go_forward is None:
                return
            referrals.set_referral_status(self.app.desk, event.record_id,
                                          forward if go_forward else "interrupted")
            self.reload()

        self.app.push_screen(ConfirmScreen(
            t("card.referral_status_title"), t(f"code.referral_kind.{event.code}"),
            t(f"code.referral_status.{forward}"), t("code.referral_status.interrupted"),
            none_on_escape=True), answered)

    def action_book(self) -> None:
        if self.card is not None:
            label = f"{self.card.last_name} {self.card.first_name}"
            self.app.open_booking(client=(label, self.client_id), on_done=lambda _: self.reload())

    def action_exit_period(self) -> None:
        self.app.open_exit(self.client_id, on_done=lambda _: self.reload())
