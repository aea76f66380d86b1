"""The one-line header: app, machine, day, operator, pending changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.widgets import Static

from duunikulma_tui.domain.i18n import format_weekday_date, t


@dataclass(frozen=True)
class HeaderState:
    """What the header shows; the app builds it from services."""

    device_name: str
    day: dt.date
    operator: str | None
    pending: int
    low_bandwidth: bool = False


class HeaderBar(Static):
    """A static line redrawn only when its state changes (no clock ticking)."""

    DEFAULT_CSS = """
    HeaderBar { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def show(self, state: HeaderState) -> None:
        """Render `state`."""
        parts = [f"[b]{t('app.title')}[/b] · {state.device_name}",
                 format_weekday_date(state.day),
                 state.operator or t("header.no_operator"),
                 t("header.pending", count=state.pending)]
        if state.low_bandwidth:
            parts.append(t("header.low_bandwidth"))
        self.update(" · ".join(parts))
