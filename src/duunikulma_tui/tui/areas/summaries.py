"""The areas whose full screens come with later features show their figures."""

from __future__ import annotations

from textual.widgets import Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.areas.base import AreaData


def _lines(area: str, data: AreaData) -> list[str]:
    c = data.counts
    if area == "appointments":
        return [t("appointments.summary", count=c.appointments_upcoming)]
    if area == "jobs":
        return [t("jobs.summary", count=c.jobs_open)]
    if area == "indicators":
        return [t("indicators.summary", active=c.clients_active, quick=c.quick_contacts)]
    raise ValueError(area)


class SummaryArea(Static):
    """A few lines of figures for one area."""

    def __init__(self, area: str, **kwargs) -> None:
        super().__init__(t("loading"), **kwargs)
        self.area = area

    def show(self, data: AreaData) -> None:
        """Render the area's lines from the loaded data."""
        self.update("\n".join(_lines(self.area, data)))
