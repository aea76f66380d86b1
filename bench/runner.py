"""Running rows: warm-up, repeated runs, lazy data sets, results."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from bench import datasets
from bench.core import Row
from bench.paths import CACHE


class Context:
    """What a row's measure function gets: data sets on demand and scratch folders."""

    def __init__(self) -> None:
        self._datasets: dict[str, datasets.Dataset] = {}
        self.notes: dict[str, str] = {}  # row id -> a remark for the report

    def dataset(self, name: str) -> datasets.Dataset:
        """A cached data set ("demo", "scale"), built the first time a row asks."""
        known = self._datasets.get(name)
        # Another run may have replaced the file after a generator change.
        if known is None or not known.path.exists():
            self._datasets[name] = datasets.get(name)
        return self._datasets[name]

    @contextmanager
    def tmpdir(self) -> Iterator[Path]:
        """A scratch folder on the project's disk, removed afterwards."""
        (CACHE / "tmp").mkdir(parents=True, exist_ok=True)
        path = Path(tempfile.mkdtemp(dir=CACHE / "tmp"))
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)


@dataclass
class Result:
    """The runs of one row and what they add up to."""

    row: Row
    values: list[float] = field(default_factory=list)
    error: str | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def status(self) -> str:
        """"met", "not met", "info" or "error"."""
        if self.error or self.median is None:
            return "error"
        if self.row.parsed is None:
            return "info"
        return "met" if self.row.parsed.met(self.median) else "not met"

    def as_dict(self) -> dict:
        """The JSON form of the row."""
        return {"id": self.row.id, "title": self.row.title, "target": self.row.target,
                "unit": self.row.unit, "median": self.median,
                "min": min(self.values, default=None), "max": max(self.values, default=None),
                "runs": len(self.values), "values": self.values, "status": self.status,
                "met": None if self.status in ("info", "error") else self.status == "met",
                "error": self.error, "note": self.note}


def run_row(row: Row, ctx: Context, runs: int | None = None) -> Result:
    """Warm up, then measure `runs` times; an exception ends the row as "error"."""
    result = Result(row)
    total = runs or row.runs
    try:
        for i in range(row.warmup):
            _say(f"{row.id}: warm-up {i + 1}/{row.warmup}")
            row.measure(ctx)
        for i in range(total):
            began = time.monotonic()
            value = float(row.measure(ctx))
            result.values.append(value)
            _say(f"{row.id}: run {i + 1}/{total} = {value:g} {row.unit}"
                 f" ({time.monotonic() - began:.1f} s)")
    except Exception as err:  # one broken row must not hide the others
        result.error = f"{type(err).__name__}: {err}"
        _say(traceback.format_exc())
    result.note = ctx.notes.get(row.id, "")
    return result


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)
