"""Applying other machines' changes: per-field last-writer-wins, kept conflicts.

Each field's value is the one written by the change with the highest HLC
stamp among every change this machine holds (its own and received ones), so
the result does not depend on the order bundles arrive in. A delete always
wins and is never undone by an edit. Two changes are concurrent when neither
maker had seen the other (their causal contexts, see schema.sql version 3);
concurrent different values of one field, or a delete against an edit,
become a sync_conflict row whose id is derived from the two changes, so
every machine that notices writes the same row.

All of a bundle is applied in the caller's transaction (`durable_transaction`).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import orjson
from ulid import ULID

from duunikulma_tui.domain.hlc import Stamp
from duunikulma_tui.store import records
from duunikulma_tui.store.database import Store
from duunikulma_tui.store.sync_state import Change, watermark
from duunikulma_tui.store.sync_write import KILL_ENV, Killer, run_many, write_rows

__all__ = ["KILL_ENV", "ApplyResult", "Conflict", "MissingRow", "apply_changes",
           "durable_transaction"]

# Conflict rows themselves merge silently: a conflict about a conflict helps nobody.
NO_CONFLICTS = frozenset({"sync_conflict"})
_CHUNK = 500
IMPORT_CACHE_KIB = -65536  # negative: KiB, i.e. 64 MiB at most


class MissingRow(Exception):
    """An update or delete arrived for a record this machine has never had."""

    def __init__(self, table: str, row: str):
        super().__init__(f"{table}/{row}")
        self.table, self.row = table, row


@dataclass(frozen=True)
class Conflict:
    """Two concurrent changes that disagree about one field (or delete vs edit)."""

    kind: str
    table: str
    row: str
    field: str
    winner: Change
    loser: Change
    winner_value: object
    loser_value: object

    @property
    def id(self) -> str:
        """The same id on every machine: time of the later change + hash of both."""
        lo, hi = sorted((self.winner.hlc, self.loser.hlc))
        key = "\x1f".join((self.table, self.row, self.field, lo, hi)).encode()
        millis = Stamp.parse(hi).millis
        return str(ULID.from_bytes(millis.to_bytes(6, "big") + hashlib.sha256(key).digest()[:10]))


@dataclass
class ApplyResult:
    """What one import did."""

    applied: int = 0
    skipped: int = 0
    conflicts: list[str] = field(default_factory=list)
    rows: int = 0


class _Row:
    """One record during an import: its values, field stamps and known changes."""

    # A plain class with slots: a big bundle makes 100,000 of these.
    __slots__ = ("table", "values", "exists", "stamps", "first_insert", "known", "dirty")

    def __init__(self, table: str, values: dict | None, exists: bool) -> None:
        self.table, self.values, self.exists = table, values, exists
        self.stamps: dict[str, str] = {}
        self.first_insert: str | None = None
        self.known: list[Change] = []
        self.dirty: set[str] = set()


@contextmanager
def durable_transaction(store: Store) -> Iterator[None]:
    """BEGIN IMMEDIATE with synchronous=FULL: a commit survives a power cut."""
    cache = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute("PRAGMA synchronous = FULL")
    # A big bundle touches many index pages: a larger page cache (grown only
    # as used) keeps them from spilling to the WAL mid-transaction.
    store.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        with store.transaction():
            # Rows of one bundle may reference each other in any order.
            store.conn.execute("PRAGMA defer_foreign_keys = ON")
            yield
    finally:
        store.conn.execute("PRAGMA synchronous = NORMAL")
        store.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _concurrent(a: Change, b: Change) -> bool:
    if a.origin == b.origin:
        return False
    return a.ctx.get(b.origin, 0) < b.seq and b.ctx.get(a.origin, 0) < a.seq


def _conflicts(row: _Row, x: Change) -> list[Conflict]:
    if row.table in NO_CONFLICTS:
        return []
    found = []
    for k in row.known:
        if not _concurrent(x, k):
            continue
        x_del, k_del = x.op == "delete", k.op == "delete"
        if x_del and k_del:
            continue
        if x_del or k_del:
            gone, edit = (x, k) if x_del else (k, x)
            if edit.data:
                found.append(Conflict("delete_edit", row.table, x.row, "deleted", gone, edit,
                                      None, edit.data))
            continue
        for name in sorted(x.data.keys() & k.data.keys()):
            if x.data[name] != k.data[name]:
                win, lose = (x, k) if x.hlc > k.hlc else (k, x)
                found.append(Conflict("edit_edit", row.table, x.row, name, win, lose,
                                      win.data[name], lose.data[name]))
    return found


def _create(row: _Row, x: Change) -> None:
    """The fast path of `_fold` for the first insert of a record."""
    row.values = {**x.data, "id": x.row, "version": 1, "hlc": x.hlc, "deleted": 0,
                  "created_at": x.at, "origin_device": x.origin, "updated_at": x.at,
                  "updated_by": x.staff}
    row.stamps = dict.fromkeys(x.data, x.hlc)
    row.first_insert = x.hlc
    row.dirty.add("id")
    row.known.append(x)


def _fold(row: _Row, x: Change) -> None:
    """Apply one change to the in-memory row."""
    if row.values is None:
        if x.op != "insert":
            raise MissingRow(x.table, x.row)
        row.values = {"id": x.row, "version": 0, "hlc": "", "deleted": 0}
    vals = row.values
    if x.op == "delete":
        if not vals["deleted"]:
            vals["deleted"] = 1
            row.dirty.add("deleted")
    for name, value in x.data.items():
        if x.hlc > row.stamps.get(name, ""):
            row.stamps[name] = x.hlc
            vals[name] = value
            row.dirty.add(name)
    if x.op == "insert" and (row.first_insert is None or x.hlc < row.first_insert):
        # The earliest creation names the row's origin, whatever the arrival order.
        row.first_insert = x.hlc
        vals.update(created_at=x.at, origin_device=x.origin)
        row.dirty.update(("created_at", "origin_device"))
    if x.hlc > vals["hlc"]:
        vals.update(hlc=x.hlc, updated_at=x.at, updated_by=x.staff)
        row.dirty.update(("hlc", "updated_at", "updated_by"))
    vals["version"] += 1
    row.dirty.add("version")
    row.known.append(x)


def _load_rows(store: Store, targets: dict[tuple[str, str], None]) -> dict[tuple[str, str], _Row]:
    """Current values and every held change of the records a bundle touches."""
    by_table: dict[str, list[str]] = {}
    for table, row_id in targets:
        by_table.setdefault(table, []).append(row_id)
    rows: dict[tuple[str, str], _Row] = {}
    for table, ids in by_table.items():
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(part))
            # Ids first (the primary key index alone): most records of a big
            # bundle are new here, and only the others need their values.
            present = [r for (r,) in store.conn.execute(
                f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(part))]
            if present:
                marks = ",".join("?" * len(present))
                for vals in store.query(f"SELECT * FROM {table} WHERE id IN ({marks})",
                                        tuple(present)):
                    rows[(table, vals["id"])] = _Row(table, vals, True)
                _load_history(store, table, present, rows)
    for key in targets:
        if key not in rows:
            rows[key] = _Row(key[0], None, False)
    return rows


def _load_history(store: Store, table: str, ids: list[str],
                  rows: dict[tuple[str, str], _Row]) -> None:
    marks = ",".join("?" * len(ids))
    running: dict[str, dict[str, int]] = {}
    for (row_id, dev, dseq, hlc, op, data, ctx, staff, at) in store.conn.execute(
            "SELECT row_id, device_id, device_seq, hlc, op, data, ctx, staff_id, at FROM change_log "
            f"WHERE table_name = ? AND row_id IN ({marks}) ORDER BY seq", (table, *ids)):
        seen = running.setdefault(row_id, {})
        # A change from here saw every earlier logged change of its row.
        context = json.loads(ctx) if ctx is not None else dict(seen)
        change = Change(dev, int(dseq), hlc, table, row_id, op, json.loads(data), context,
                        staff, at)
        row = rows[(table, row_id)]
        row.known.append(change)
        for name in change.data:
            if hlc > row.stamps.get(name, ""):
                row.stamps[name] = hlc
        if op == "insert" and (row.first_insert is None or hlc < row.first_insert):
            row.first_insert = hlc
        seen[dev] = max(seen.get(dev, 0), int(dseq))


def _dump(value: object) -> str:
    if not value and isinstance(value, dict):
        return "{}"
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


def _record_conflicts(store: Store, found: list[Conflict]) -> list[str]:
    made: list[str] = []
    for c in found:
        cid = c.id
        if cid in made or store.scalar("SELECT 1 FROM sync_conflict WHERE id = ?", (cid,)):
            continue
        w, lo = c.winner, c.loser
        # Resolution fields are left out on purpose: an insert from a late
        # detector must never overwrite a resolution made elsewhere.
        records.insert(store, "sync_conflict", {
            "kind": c.kind, "table_name": c.table, "row_id": c.row, "field": c.field,
            "winner_value": None if c.winner_value is None else _dump(c.winner_value),
            "winner_hlc": w.hlc, "winner_device": w.origin, "winner_staff": w.staff,
            "winner_at": w.at, "loser_value": _dump(c.loser_value), "loser_hlc": lo.hlc,
            "loser_device": lo.origin, "loser_staff": lo.staff, "loser_at": lo.at,
        }, None, row_id=cid)
        made.append(cid)
    return made


def apply_changes(store: Store, changes: list[Change], *, received_at: str) -> ApplyResult:
    """Apply the changes this machine does not hold yet; call inside `durable_transaction`.

    `changes` must be in the sender's order and, per origin, numbered without
    gaps from at most this machine's watermark + 1 (the caller checks).
    Raises MissingRow, or sqlite3.IntegrityError for a row the schema refuses;
    the caller's transaction then rolls everything back.
    """
    result = ApplyResult()
    marks = {o: watermark(store, o) for o in {c.origin for c in changes}}
    fresh = [c for c in changes if c.seq > marks[c.origin]]
    result.skipped = len(changes) - len(fresh)
    if not fresh:
        return result
    store.clock.observe(Stamp.parse(max(c.hlc for c in fresh)))
    rows = _load_rows(store, dict.fromkeys((c.table, c.row) for c in fresh))
    found: list[Conflict] = []
    for x in fresh:
        row = rows[(x.table, x.row)]
        if row.values is None and x.op == "insert":
            _create(row, x)  # a brand-new record: nothing to merge or compare
            continue
        found += _conflicts(row, x)
        _fold(row, x)
    killer = Killer()
    result.rows = write_rows(store, list(rows.values()), killer)
    run_many(store, killer,
              "INSERT INTO change_log (device_id, device_seq, hlc, table_name, row_id, op, data, "
              "staff_id, at, ctx, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              [(c.origin, c.seq, c.hlc, c.table, c.row, c.op, _dump(c.data), c.staff, c.at,
                _dump(c.ctx), received_at) for c in fresh])
    killer.step()
    result.conflicts = _record_conflicts(store, found)
    result.applied = len(fresh)
    return result
