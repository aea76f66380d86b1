"""Building demo and scale databases from the generator, safely.

A demo file is marked in local_meta so `duunikulma demo` can replace an old
demo without ever overwriting a real database that holds people's data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from duunikulma_tui.store import open_store

DEMO_MARK = "demo"


class NotADemo(Exception):
    """The target file exists and is not a demo database: it is never replaced."""


def _is_demo(path: Path) -> bool:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM local_meta WHERE key = ?", (DEMO_MARK,)).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0] == "1")


def _remove(path: Path) -> None:
    for suffix in ("-wal", "-shm", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build(path: Path, *, seed: int = 2026, clients: int = 300, appointments: int | None = None,
          months: int = 18, replace: bool = False, today: dt.date | None = None,
          progress: Callable[[str, int], None] | None = None):
    """Create a generated database at `path`; replaces only an earlier demo file."""
    from duunikulma_tui.services.demo import DemoSpec, generate

    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        if not (replace and _is_demo(path)):
            raise NotADemo(path)
        _remove(path)
    store = open_store(path, device_name="demo")
    try:
        with store.transaction():
            store.meta_set(DEMO_MARK, "1")
        spec = DemoSpec(seed=seed, clients=clients, appointments=appointments, months=months,
                        today=today)
        return generate(store, spec, progress)
    finally:
        store.close()


def rebuild_demo(path: Path, **kwargs):
    """`duunikulma demo`: a fresh demo anchored on today, replacing an earlier demo."""
    return build(path, replace=True, **kwargs)
