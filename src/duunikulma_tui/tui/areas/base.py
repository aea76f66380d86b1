"""What the shell loads for its areas in one background pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duunikulma_tui.services.overview import AreaCounts, MachineInfo


@dataclass(frozen=True)
class AreaData:
    """Everything the area panes show, loaded off the UI thread."""

    day: dt.date
    counts: AreaCounts
    machine: MachineInfo
    stale: list[dict]
    """Past appointments still booked: offered to be marked missed."""
