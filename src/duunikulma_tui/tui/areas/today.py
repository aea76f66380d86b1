"""Today: the day's appointments by time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from duunikulma_tui.domain.i18n import format_short_date, format_time, t
from duunikulma_tui.services.overview import AgendaItem
from duunikulma_tui.tui.areas.base import AreaData


class TodayArea(Vertical):
    """The agenda of the day, one row per appointment."""

    DEFAULT_CSS = """
    TodayArea #today-title { height: 1; text-style: bold; }
    TodayArea DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(t("loading"), id="today-title")
        table = DataTable(id="today-table", cursor_type="row", zebra_stripes=True)
        table.add_column(t("today.col_time"), key="time", width=5)
        table.add_column(t("today.col_who"), key="who", width=24)
        table.add_column(t("today.col_service"), key="service", width=16)
        table.add_column(t("today.col_status"), key="status", width=11)
        table.add_column(t("today.col_staff"), key="staff", width=10)
        yield table

    def show(self, data: AreaData) -> None:
        """Fill the table from the loaded agenda."""
        items: list[AgendaItem] = data.agenda
        title = f"{t('today.title', date=format_short_date(data.day))} · " + (
            t("today.count", count=len(items)) if items else t("today.empty"))
        self.query_one("#today-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear()
        for item in items:
            who = item.who if item.participants is None else t(
                "today.group", title=item.who, count=item.participants)
            table.add_row(format_time(item.start), who,
                          t(f"code.service_type.{item.service_type}"),
                          t(f"code.appointment_status.{item.status}"), item.staff_name,
                          key=item.appointment_id)
