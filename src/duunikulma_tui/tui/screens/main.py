"""The main screen: header, area tabs, the area's content, the footer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services import overview
from duunikulma_tui.tui.areas import AREAS
from duunikulma_tui.tui.areas.appointments import AppointmentsArea
from duunikulma_tui.tui.areas.base import AreaData
from duunikulma_tui.tui.areas.clients import ClientsArea
from duunikulma_tui.tui.areas.employers import EmployersArea
from duunikulma_tui.tui.areas.summaries import SummaryArea
from duunikulma_tui.tui.areas.sync import SyncArea
from duunikulma_tui.tui.areas.today import TodayArea
from duunikulma_tui.tui.bindings import FOCUS_BINDINGS, TranslatedBindings
from duunikulma_tui.tui.widgets.header_bar import HeaderBar, HeaderState


class MainScreen(TranslatedBindings, Screen):
    """Every area one F-key away; Today first."""

    BINDINGS = [
        # One visible hint for the seven area keys keeps the footer within 80 columns.
        Binding("f2", "show_area('today')", "key.areas", key_display="F2–F8", id="areas-hint"),
    ] + [
        Binding(key, f"show_area('{area}')", f"area.{area}", show=False, id=f"area-{area}")
        for area, key in AREAS
    ] + [
        Binding("ctrl+r", "refresh", "key.refresh", show=False, id="refresh"),
    ] + FOCUS_BINDINGS

    @dataclass
    class Loaded(Message):
        """The background load finished."""

        data: AreaData
        header: HeaderState

    def compose(self) -> ComposeResult:
        yield HeaderBar(id="header")
        with TabbedContent(id="areas", initial="today"):
            for area, _key in AREAS:
                with TabPane(t(f"area.{area}"), id=area):
                    yield self._area_widget(area)
        yield Footer(compact=True)

    @staticmethod
    def _area_widget(area: str):
        if area == "today":
            return TodayArea()
        if area == "appointments":
            return AppointmentsArea()
        if area == "clients":
            return ClientsArea()
        if area == "employers":
            return EmployersArea()
        if area == "sync":
            return SyncArea()
        return SummaryArea(area, id=f"{area}-summary")

    def on_mount(self) -> None:
        # Start with the agenda in hand, so its one-key actions work at once.
        self.query_one("#today-table").focus()
        self.action_refresh()

    def action_show_area(self, area: str) -> None:
        """Switch to an area and put the keyboard focus into it."""
        # Drop focus first: a focused widget in the area being hidden would
        # hand focus to a sibling there, and that would switch the tab back.
        self.set_focus(None)
        self.query_one(TabbedContent).active = area
        pane = self.query_one(f"TabPane#{area}", TabPane)
        focusable = [w for w in pane.query("*") if w.focusable]
        if focusable:
            focusable[0].focus()

    def action_refresh(self) -> None:
        """Reload the figures of every area in the background."""
        self._load()

    @work(thread=True, exclusive=True, group="main-load")
    def _load(self) -> None:
        desk = self.app.desk
        day = desk.today()
        from duunikulma_tui.services.staff import current_operator

        from duunikulma_tui.services.appointments import stale_scheduled

        data = AreaData(day=day, counts=overview.area_counts(desk),
                        machine=overview.machine_info(desk), stale=stale_scheduled(desk))
        operator = current_operator(desk)
        header = HeaderState(device_name=data.machine.device_name, day=day,
                             operator=operator.display_name if operator else None,
                             pending=data.counts.pending_changes,
                             low_bandwidth=self.app.low_bandwidth)
        self.post_message(self.Loaded(data, header))

    def _offer_missed(self, data: AreaData) -> None:
        """Yesterday's leftovers are offered to be marked missed once a day, never silently."""
        if not data.stale or getattr(self.app, "_stale_offered_on", None) == data.day:
            return
        self.app._stale_offered_on = data.day
        from duunikulma_tui.domain.i18n import format_short_date
        from duunikulma_tui.services.appointments import mark_missed
        from duunikulma_tui.tui.screens.confirm import ConfirmScreen

        rows = "\n".join(f"  {format_short_date(dt.date.fromisoformat(r['on_date']))} "
                         f"{r['start_time'].replace(':', '.')} {r['who']}" for r in data.stale[:8])
        if len(data.stale) > 8:
            rows += f"\n  … (+{len(data.stale) - 8})"

        def answered(mark: bool | None) -> None:
            if mark:
                mark_missed(self.app.desk, [r["id"] for r in data.stale])
                self.action_refresh()

        self.app.push_screen(ConfirmScreen(t("today.stale_title"), t("today.stale_body", rows=rows),
                                           t("today.mark_missed"), t("today.leave")), answered)

    def on_clients_area_open_client(self, message: ClientsArea.OpenClient) -> None:
        self.app.open_client(message.client_id)

    def on_clients_area_new_client(self, message: ClientsArea.NewClient) -> None:
        self.app.open_intake(None)

    def on_clients_area_promote_quick_contact(
            self, message: ClientsArea.PromoteQuickContact) -> None:
        self.app.promote_quick_contact(message.quick_contact_id)

    def on_main_screen_loaded(self, message: Loaded) -> None:
        self.query_one(HeaderBar).show(message.header)
        self.query_one(TodayArea).reload()
        self._offer_missed(message.data)
        for summary in self.query(SummaryArea):
            summary.show(message.data)
        if getattr(self, "_areas_loaded", False):
            # The Sync area loads itself when mounted; later refreshes reload it.
            self.query_one(SyncArea).show(message.data)
        self._areas_loaded = True
        self.query_one(ClientsArea).search()

    def on_employers_area_open_employer(self, message: EmployersArea.OpenEmployer) -> None:
        from duunikulma_tui.tui.screens.employer_card import open_employer_card

        # Back from the card, the list shows any edits made there.
        open_employer_card(self.app, message.employer_id,
                           on_done=lambda _: self.query_one(EmployersArea).search())

    def on_employers_area_new_employer(self, message: EmployersArea.NewEmployer) -> None:
        from duunikulma_tui.tui.screens.employer_card import open_employer_form

        def saved(employer_id: str | None) -> None:
            if employer_id:
                self.query_one(EmployersArea).search(select_id=employer_id)
                self.action_refresh()

        open_employer_form(self.app, None, on_done=saved)
