"""Writing synced rows with their bookkeeping and change log, in one place.

Services never write synced tables with hand-made SQL: they call `insert`,
`update` and `soft_delete` here, which set ids, timestamps, version, HLC
stamp and updated_by, and append the change to change_log. That is what
bundles (sync), as-of figures and the audit build on.
"""

from __future__ import annotations

import orjson
from typing import Any, Mapping

from duunikulma_tui.domain.ids import new_id, utc_stamp
from duunikulma_tui.store.database import Store

BOOKKEEPING = ("id", "created_at", "updated_at", "updated_by", "origin_device",
               "version", "hlc", "deleted")


def _columns(store: Store, table: str) -> set[str]:
    cache = store.__dict__.setdefault("_column_cache", {})
    if table not in cache:
        cols = {r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")}
        if "origin_device" not in cols:
            raise ValueError(f"{table} is not a synced table")
        cache[table] = cols
    return cache[table]


def _check_fields(store: Store, table: str, values: Mapping[str, Any]) -> None:
    unknown = set(values) - (_columns(store, table) - set(BOOKKEEPING))
    if unknown:
        raise ValueError(f"unknown or bookkeeping fields for {table}: {sorted(unknown)}")


def _json(data: Mapping[str, Any]) -> str:
    # Compact, sorted keys: the same change always serialises to the same text.
    return orjson.dumps(dict(data), option=orjson.OPT_SORT_KEYS).decode()


def log_change(store: Store, table: str, row_id: str, op: str, data: Mapping[str, Any],
               stamp: str, staff_id: str | None, at: str) -> None:
    """Append one change made on this machine to change_log."""
    seq = store.conn.execute(
        "SELECT COALESCE(MAX(device_seq), 0) + 1 FROM change_log WHERE device_id = ?",
        (store.device_id,)).fetchone()[0]
    store.conn.execute(
        "INSERT INTO change_log (device_id, device_seq, hlc, table_name, row_id, op, data, "
        "staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (store.device_id, seq, stamp, table, row_id, op,
         _json(data), staff_id, at))


def insert(store: Store, table: str, values: Mapping[str, Any], staff_id: str | None,
           *, row_id: str | None = None) -> str:
    """Insert a new synced row and log it; returns its id."""
    _check_fields(store, table, values)
    row_id = row_id or new_id()
    now = utc_stamp()
    with store.transaction():
        stamp = str(store.clock.tick())
        row = {**values, "id": row_id, "created_at": now, "updated_at": now,
               "updated_by": staff_id, "origin_device": store.device_id,
               "version": 1, "hlc": stamp, "deleted": 0}
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        store.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        log_change(store, table, row_id, "insert", values, stamp, staff_id, now)
    return row_id


def update(store: Store, table: str, row_id: str, changes: Mapping[str, Any],
           staff_id: str | None) -> bool:
    """Change some fields of a live row; only fields whose value differs are written.

    Returns False (and writes nothing) when nothing changed.
    Raises KeyError when the row does not exist or is deleted.
    """
    _check_fields(store, table, changes)
    with store.transaction():
        current = store.conn.execute(
            f"SELECT * FROM {table} WHERE id = ? AND deleted = 0", (row_id,))
        names = [d[0] for d in current.description]
        row = current.fetchone()
        if row is None:
            raise KeyError(f"{table}/{row_id}")
        old = dict(zip(names, row))
        diff = {k: v for k, v in changes.items() if old.get(k) != v}
        if not diff:
            return False
        now = utc_stamp()
        stamp = str(store.clock.tick())
        sets = ", ".join(f"{k} = ?" for k in diff)
        store.conn.execute(
            f"UPDATE {table} SET {sets}, updated_at = ?, updated_by = ?, version = version + 1, "
            f"hlc = ? WHERE id = ?", (*diff.values(), now, staff_id, stamp, row_id))
        log_change(store, table, row_id, "update", diff, stamp, staff_id, now)
    return True


def soft_delete(store: Store, table: str, row_id: str, staff_id: str | None) -> bool:
    """Mark a row deleted (never DELETE: the tombstone must travel to other machines)."""
    _columns(store, table)
    with store.transaction():
        now = utc_stamp()
        stamp = str(store.clock.tick())
        cur = store.conn.execute(
            f"UPDATE {table} SET deleted = 1, updated_at = ?, updated_by = ?, "
            f"version = version + 1, hlc = ? WHERE id = ? AND deleted = 0",
            (now, staff_id, stamp, row_id))
        if cur.rowcount == 0:
            return False
        log_change(store, table, row_id, "delete", {}, stamp, staff_id, now)
    return True


def get(store: Store, table: str, row_id: str, *, include_deleted: bool = False) -> dict | None:
    """One row as a dict, or None."""
    _columns(store, table)
    where = "id = ?" if include_deleted else "id = ? AND deleted = 0"
    rows = store.query(f"SELECT * FROM {table} WHERE {where}", (row_id,))
    return rows[0] if rows else None


def synced_tables(store: Store) -> list[str]:
    """Names of every table that carries the sync bookkeeping columns."""
    names = [r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [n for n in names
            if any(c[1] == "origin_device" for c in store.conn.execute(f"PRAGMA table_info({n})"))]


def bulk_insert(store: Store, table: str, rows: list[Mapping[str, Any]],
                staff_id: str | None = None) -> int:
    """Insert many new rows (each with the same keys) and their change_log lines.

    For generators and imports: one executemany per table inside the caller's
    transaction, far faster than `insert` row by row. Rows may carry their own
    `id`, `created_at` and `updated_by`; the rest of the bookkeeping is set here.
    """
    if not rows:
        return 0
    keys = [k for k in rows[0] if k not in ("id", "created_at", "updated_by")]
    _check_fields(store, table, dict.fromkeys(keys))
    cols = ["id", "created_at", "updated_at", "updated_by", "origin_device", "version",
            "hlc", "deleted", *keys]
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    dev = store.device_id
    with store.transaction():
        seq = store.conn.execute(
            "SELECT COALESCE(MAX(device_seq), 0) FROM change_log WHERE device_id = ?",
            (dev,)).fetchone()[0]
        now = utc_stamp()
        values, changes = [], []
        for row in rows:
            seq += 1
            row_id = row.get("id") or new_id()
            created = row.get("created_at") or now
            staff = row.get("updated_by", staff_id)
            stamp = str(store.clock.tick())
            data = {k: row[k] for k in keys}
            values.append((row_id, created, created, staff, dev, 1, stamp, 0, *data.values()))
            changes.append((dev, seq, stamp, table, row_id, "insert", _json(data), staff, created))
        store.conn.executemany(sql, values)
        store.conn.executemany(
            "INSERT INTO change_log (device_id, device_seq, hlc, table_name, row_id, op, data, "
            "staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", changes)
    return len(rows)
