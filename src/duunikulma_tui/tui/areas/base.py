"""What the shell loads for its areas in one background pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.services.overview import AgendaItem, AreaCounts, MachineInfo


@dataclass(frozen=True)
class AreaData:
    """Everything the area panes show, loaded off the UI thread."""

    day: dt.date
    agenda: list[AgendaItem]
    counts: AreaCounts
    machine: MachineInfo
