"""The table (Markdown, so it pastes into docs/benchmarks.md) and the JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3

from bench.core import format_value
from bench.runner import Result

LOAD_AT_START = os.getloadavg()[0]  # this module is imported when a run starts
MARK = {"met": "✓", "not met": "✗", "info": "info", "error": "error"}


def environment() -> dict:
    """Date, cores, Python, SQLite and Textual versions of this run."""
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # not installed: the table still prints
        textual = "?"
    return {"date": dt.datetime.now().isoformat(timespec="minutes"), "cores": os.cpu_count(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "textual": textual, "machine": platform.machine(),
            # Other work on a 2-core machine slows every figure: say how busy it was.
            "load_1min_start": round(LOAD_AT_START, 2),
            "load_1min_end": round(os.getloadavg()[0], 2)}


def table(results: list[Result]) -> str:
    """One Markdown table: figure, target, median, min–max, runs, met."""
    env = environment()
    lines = [f"{env['date']} · {env['cores']} cores ({env['machine']}) · Python {env['python']}"
             f" · SQLite {env['sqlite']} · Textual {env['textual']}"
             f" · load average {env['load_1min_start']} → {env['load_1min_end']}", "",
             "| id | figure | target | median | min–max | runs | met |",
             "|---|---|---|---:|---:|---:|:---:|"]
    for r in results:
        unit = r.row.unit
        if r.values:
            median = format_value(r.median, unit)
            spread = f"{_bare(min(r.values), unit)}–{format_value(max(r.values), unit)}"
        else:
            median = spread = "–"
        lines.append(f"| {r.row.id} | {r.row.title} | {r.row.target_text} | {median} | "
                     f"{spread} | {len(r.values)} | {MARK[r.status]} |")
    notes = [f"- {r.row.id}: {r.error or r.note}" for r in results if r.error or r.note]
    if notes:
        lines += [""] + notes
    return "\n".join(lines)


def _bare(value: float, unit: str) -> str:
    return format_value(value, unit).removesuffix(unit).strip()


def as_json(results: list[Result]) -> str:
    """The same rows as JSON, with the environment."""
    return json.dumps({"environment": environment(), "rows": [r.as_dict() for r in results]},
                      indent=2, ensure_ascii=False)
