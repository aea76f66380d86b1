"""Writing an import's rows fast, with a kill switch for the crash tests.

New rows go in with one INSERT ... SELECT per table from a staging table
(see `insert_staged`); changed rows with one executemany per column set.
"""

from __future__ import annotations

import os
import signal
from operator import itemgetter

from duunikulma_tui.store.database import Store

# Test hook for the crash tests: SIGKILL this process after k write steps.
KILL_ENV = "DUUNIKULMA_TEST_KILL_IMPORT_AFTER"
_STAGE_MIN = 64


class Killer:
    """Counts write steps and kills the process at the k-th (crash tests only)."""

    def __init__(self) -> None:
        raw = os.environ.get(KILL_ENV)
        self.left = int(raw) if raw and raw.lstrip("-").isdigit() else None

    def step(self) -> None:
        if self.left is None:
            return
        if self.left <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
        self.left -= 1


def run_many(store: Store, killer: Killer, sql: str, params: list[tuple]) -> None:
    """executemany, or row by row when the crash hook is armed (so it can hit any row)."""
    if killer.left is None:
        store.conn.executemany(sql, params)
        return
    for p in params:
        killer.step()
        store.conn.execute(sql, p)


def insert_staged(store: Store, table: str, cols: tuple[str, ...], params: list[tuple]) -> None:
    """Many new rows in one INSERT ... SELECT from a temporary table.

    FTS5 flushes its pending index at every statement, so inserting row by
    row into a table with a search-index trigger (client) costs ~100 µs a
    row; one statement fires the same triggers at a quarter of the cost.
    The staging columns have no type, so values reach the table's own
    (STRICT) checks exactly as they came; id order keeps the primary-key
    index appending.
    """
    names = ", ".join(cols)
    store.conn.execute(f"CREATE TEMP TABLE sync_stage ({names})")
    try:
        store.conn.executemany(f"INSERT INTO temp.sync_stage ({names}) "
                               f"VALUES ({', '.join('?' * len(cols))})", params)
        store.conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} "
                           "FROM temp.sync_stage ORDER BY id")
    finally:
        store.conn.execute("DROP TABLE temp.sync_stage")


def write_rows(store: Store, rows: list, killer: Killer) -> int:
    """Insert the new and update the changed records of an import; returns how many."""
    inserts: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
    updates: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
    getters: dict[tuple[str, ...], itemgetter] = {}
    for row in rows:
        if row.values is None or not row.dirty:
            continue
        if not row.exists:
            cols = tuple(sorted(row.values))
            pick = getters.get(cols) or getters.setdefault(cols, itemgetter(*cols))
            inserts.setdefault((row.table, cols), []).append(pick(row.values))
        else:
            cols = tuple(sorted(row.dirty))
            updates.setdefault((row.table, cols), []).append(
                (*(row.values[c] for c in cols), row.values["id"]))
    for (table, cols), params in inserts.items():
        if killer.left is None and len(params) >= _STAGE_MIN:
            insert_staged(store, table, cols, params)
        else:
            run_many(store, killer, f"INSERT INTO {table} ({', '.join(cols)}) "
                      f"VALUES ({', '.join('?' * len(cols))})", params)
    for (table, cols), params in updates.items():
        sets = ", ".join(f"{c} = ?" for c in cols)
        run_many(store, killer, f"UPDATE {table} SET {sets} WHERE id = ?", params)
    return sum(len(p) for p in inserts.values()) + sum(len(p) for p in updates.values())
