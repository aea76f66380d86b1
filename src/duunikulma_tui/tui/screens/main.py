"""The main screen: header, area tabs, the area's content, the footer."""

from __future__ import annotations

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
from duunikulma_tui.tui.areas.base import AreaData
from duunikulma_tui.tui.areas.summaries import SummaryArea
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
        Binding("ctrl+r", "refresh", "key.refresh", id="refresh"),
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
                    yield TodayArea() if area == "today" else SummaryArea(area, id=f"{area}-summary")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh()

    def action_show_area(self, area: str) -> None:
        """Switch to an area and put the keyboard focus into it."""
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

        data = AreaData(day=day, agenda=overview.agenda(desk, day),
                        counts=overview.area_counts(desk), machine=overview.machine_info(desk))
        operator = current_operator(desk)
        header = HeaderState(device_name=data.machine.device_name, day=day,
                             operator=operator.display_name if operator else None,
                             pending=data.counts.pending_changes,
                             low_bandwidth=self.app.low_bandwidth)
        self.post_message(self.Loaded(data, header))

    def on_main_screen_loaded(self, message: Loaded) -> None:
        self.query_one(HeaderBar).show(message.header)
        self.query_one(TodayArea).show(message.data)
        for summary in self.query(SummaryArea):
            summary.show(message.data)
