"""What sync needs to know about this copy: watermarks, changes to send, peers, acks.

Watermarks are read from change_log itself (the highest device_seq of each
origin) because imports keep every origin's changes contiguous; a separate
counter could drift from the log, this cannot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from duunikulma_tui.store.database import Store

BOOKKEEPING = ("id", "created_at", "updated_at", "updated_by", "origin_device",
               "version", "hlc", "deleted")


@dataclass
class Change:
    """One change as it travels: who made it (origin, seq), when (hlc), what."""

    origin: str
    seq: int
    hlc: str
    table: str
    row: str
    op: str
    data: dict
    ctx: dict = field(default_factory=dict)
    staff: str | None = None
    at: str = ""


def table_columns(store: Store, table: str) -> set[str] | None:
    """Columns of a synced table, or None when `table` is not one (cached per store)."""
    cache = store.__dict__.setdefault("_sync_columns", {})
    if table not in cache:
        if not table.isidentifier():
            cache[table] = None
        else:
            cols = {r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")}
            cache[table] = cols if "origin_device" in cols else None
    return cache[table]


def watermark(store: Store, device_id: str) -> int:
    """The highest device_seq of `device_id` this machine holds (0 for none)."""
    return int(store.scalar("SELECT MAX(device_seq) FROM change_log WHERE device_id = ?",
                            (device_id,)) or 0)


def watermarks(store: Store) -> dict[str, int]:
    """Every origin device's watermark: one index probe per device (a skip scan)."""
    rows = store.conn.execute(
        "WITH RECURSIVE d(id) AS ("
        " SELECT MIN(device_id) FROM change_log"
        " UNION ALL SELECT (SELECT MIN(device_id) FROM change_log WHERE device_id > d.id)"
        " FROM d WHERE d.id IS NOT NULL) "
        "SELECT id, (SELECT MAX(device_seq) FROM change_log WHERE device_id = d.id) "
        "FROM d WHERE id IS NOT NULL").fetchall()
    return {dev: int(seq) for dev, seq in rows}


def _own_ctx(store: Store, table: str, row_id: str, seq: int) -> dict[str, int]:
    # This machine's own change saw exactly the rows it had logged before it.
    rows = store.conn.execute(
        "SELECT device_id, MAX(device_seq) FROM change_log WHERE table_name = ? AND row_id = ? "
        "AND seq < ? GROUP BY device_id", (table, row_id, seq)).fetchall()
    return {dev: int(n) for dev, n in rows}


def changes_after(store: Store, after: dict[str, int]) -> list[Change]:
    """Every held change whose origin's seq is above `after` (missing origins: 0).

    Ordered as this machine learned them, which is a causal order: a change
    never comes before one its maker had seen.
    """
    picked: list[tuple[int, Change]] = []
    for origin, top in watermarks(store).items():
        start = int(after.get(origin, 0))
        if top <= start:
            continue
        rows = store.conn.execute(
            "SELECT seq, device_seq, hlc, table_name, row_id, op, data, ctx, staff_id, at "
            "FROM change_log WHERE device_id = ? AND device_seq > ? ORDER BY device_seq",
            (origin, start)).fetchall()
        for seq, dseq, hlc, table, row_id, op, data, ctx, staff, at in rows:
            if ctx is not None:
                context = json.loads(ctx)
            elif op == "insert":
                context = {}  # an insert cannot follow other changes of its own row
            else:
                context = _own_ctx(store, table, row_id, seq)
            picked.append((seq, Change(origin, int(dseq), hlc, table, row_id, op,
                                       json.loads(data), context, staff, at)))
    picked.sort(key=lambda p: p[0])
    return [c for _, c in picked]


def stamps_of(store: Store, origin: str, first: int, last: int) -> dict[int, str]:
    """hlc of the held changes of `origin` numbered first..last (to spot reused numbers)."""
    return {int(n): h for n, h in store.conn.execute(
        "SELECT device_seq, hlc FROM change_log WHERE device_id = ? AND device_seq BETWEEN ? AND ?",
        (origin, first, last))}


# -- peers ------------------------------------------------------------------
def peers(store: Store, *, include_removed: bool = False) -> list[dict]:
    """Peers by name; removed ones only when asked."""
    where = "" if include_removed else "WHERE removed_at IS NULL"
    return store.query(f"SELECT * FROM sync_peer {where} ORDER BY name, device_id")


def peer(store: Store, device_id: str) -> dict | None:
    """One peer (removed or not), or None."""
    rows = store.query("SELECT * FROM sync_peer WHERE device_id = ?", (device_id,))
    return rows[0] if rows else None


def peer_by_sign_key(store: Store, sign_key: str) -> dict | None:
    """The peer whose Ed25519 public key (base64) this is, or None."""
    rows = store.query("SELECT * FROM sync_peer WHERE sign_key = ?", (sign_key,))
    return rows[0] if rows else None


def save_peer(store: Store, *, device_id: str, name: str, role: str, age_recipient: str,
              sign_key: str, now: str) -> bool:
    """Add or update a peer (re-adding a removed one brings it back); True when new."""
    with store.transaction():
        existed = peer(store, device_id) is not None
        store.conn.execute(
            "INSERT INTO sync_peer (device_id, name, role, age_recipient, sign_key, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, "
            "role = excluded.role, age_recipient = excluded.age_recipient, "
            "sign_key = excluded.sign_key, removed_at = NULL",
            (device_id, name, role, age_recipient, sign_key, now))
    return not existed


def remove_peer(store: Store, device_id: str, now: str) -> bool:
    """Mark a peer removed; False when there is no such active peer."""
    with store.transaction():
        cur = store.conn.execute(
            "UPDATE sync_peer SET removed_at = ? WHERE device_id = ? AND removed_at IS NULL",
            (now, device_id))
    return cur.rowcount > 0


def acks(store: Store, peer_id: str) -> dict[str, int]:
    """What `peer_id` has told us it applied, per origin device."""
    return {o: int(n) for o, n in store.conn.execute(
        "SELECT origin, acked_seq FROM sync_peer_ack WHERE peer_id = ?", (peer_id,))}


def record_acks(store: Store, peer_id: str, applied: dict[str, int], clock: str) -> bool:
    """Take a peer's watermarks from a bundle newer than the last one seen from it.

    An older bundle replayed changes nothing. A newer one replaces the numbers
    even when they went down: a peer restored from a backup really has less,
    and must be sent it again. Returns True when the acks were taken.
    """
    last = store.scalar("SELECT last_clock FROM sync_peer WHERE device_id = ?", (peer_id,))
    if last is not None and clock <= last:
        return False
    store.conn.execute("DELETE FROM sync_peer_ack WHERE peer_id = ?", (peer_id,))
    store.conn.executemany(
        "INSERT INTO sync_peer_ack (peer_id, origin, acked_seq) VALUES (?, ?, ?)",
        [(peer_id, o, int(n)) for o, n in sorted(applied.items())])
    store.conn.execute("UPDATE sync_peer SET last_clock = ? WHERE device_id = ?", (clock, peer_id))
    # The shell's "changes not yet sent" counter reads this key.
    own = store.scalar("SELECT MAX(a.acked_seq) FROM sync_peer_ack a JOIN sync_peer p "
                       "ON p.device_id = a.peer_id WHERE p.removed_at IS NULL AND "
                       "a.origin = ?", (store.device_id,))
    store.meta_set("acked_seq", str(int(own or 0)))
    return True


# -- bundle log --------------------------------------------------------------
def log_bundle(store: Store, *, bundle_id: str, direction: str, at: str, peer_id: str | None,
               recipients: Iterable[str], kind: str, week: str | None, file_name: str,
               size: int, changes: int, applied: int = 0, conflicts: int = 0) -> None:
    """Remember a bundle written or imported (a replayed one keeps its first entry)."""
    store.conn.execute(
        "INSERT OR IGNORE INTO sync_bundle (bundle_id, direction, at, peer_id, recipients, kind, "
        "week, file_name, bytes, changes, applied, conflicts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (bundle_id, direction, at, peer_id, json.dumps(sorted(recipients)), kind, week,
         file_name, size, changes, applied, conflicts))


def last_bundles(store: Store, direction: str, limit: int = 5) -> list[dict]:
    """The newest bundles in one direction, newest first."""
    return store.query("SELECT * FROM sync_bundle WHERE direction = ? ORDER BY at DESC LIMIT ?",
                       (direction, limit))
