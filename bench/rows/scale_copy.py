"""One private, writable copy of the scale data set per bench process.

The scale file is gigabytes: copying it for every run would measure the
disk, so the rows that need it share one copy made on first use.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

_copy: dict[str, object] = {}


def scale_copy(ctx):
    """(path of the writable copy, the Dataset it came from)."""
    if "path" not in _copy:
        data = ctx.dataset("scale")
        folder = Path(tempfile.mkdtemp(prefix="dk-scale-"))
        atexit.register(shutil.rmtree, folder, True)
        _copy["path"] = data.copy_to(folder)
        _copy["data"] = data
    return _copy["path"], _copy["data"]


def open_scale_desk(ctx):
    """A Desk on the copy, signed in as the data set's first staff member."""
    from duunikulma_tui.services import staff
    from duunikulma_tui.services.desk import open_desk

    path, data = scale_copy(ctx)
    desk = open_desk(path, today=lambda: data.anchor)
    if desk.operator_id is None:
        desk.operator_id = staff.list_staff(desk)[0].id
    return desk


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
