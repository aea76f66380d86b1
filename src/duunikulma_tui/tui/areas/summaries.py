"""The areas whose full screens come with later features show their figures."""

from __future__ import annotations

from textual.widgets import Static

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.tui.areas.base import AreaData


def _lines(area: str, data: AreaData) -> list[str]:
    c, m = data.counts, data.machine
    if area == "appointments":
        return [t("appointments.summary", count=c.appointments_upcoming)]
    if area == "jobs":
        return [t("jobs.summary", count=c.jobs_open)]
    if area == "indicators":
        return [t("indicators.summary", active=c.clients_active, quick=c.quick_contacts)]
    if area == "sync":
        audit = (t("sync.audit_ok") if m.audit_broken_at is None
                 else t("sync.audit_broken", seq=m.audit_broken_at))
        return [t("sync.device", name=m.device_name, device=m.device_id[-8:]),
                t("sync.pending", count=c.pending_changes),
                t("sync.schema", version=m.schema_version, path=m.path), audit]
    raise ValueError(area)


class SummaryArea(Static):
    """A few lines of figures for one area."""

    def __init__(self, area: str, **kwargs) -> None:
        super().__init__(t("loading"), **kwargs)
        self.area = area

    def show(self, data: AreaData) -> None:
        """Render the area's lines from the loaded data."""
        self.update("\n".join(_lines(self.area, data)))
