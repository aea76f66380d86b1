"""The append-only audit log with a hash chain.

Each row's hash covers the previous row's hash and its own fields, so an
edited, inserted or removed row breaks the chain from that point on. The
schema's triggers refuse UPDATE and DELETE outright.
"""

from __future__ import annotations

import hashlib
import json

from duunikulma_tui.domain.ids import utc_stamp
from duunikulma_tui.store.database import Store

GENESIS = "0" * 64


def _digest(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def append(store: Store, *, staff_id: str | None, action: str, table_name: str | None = None,
           record_id: str | None = None, detail: str | None = None) -> int:
    """Append one audit row; returns its sequence number. Never holds personal data in detail."""
    with store.transaction():
        prev = store.scalar("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1") or GENESIS
        fields = {"at": utc_stamp(), "staff_id": staff_id, "device_id": store.device_id,
                  "action": action, "table_name": table_name, "record_id": record_id,
                  "detail": detail}
        digest = _digest(prev, fields)
        cur = store.conn.execute(
            "INSERT INTO audit_log (at, staff_id, device_id, action, table_name, record_id, "
            "detail, prev_hash, hash) VALUES (:at, :staff_id, :device_id, :action, :table_name, "
            ":record_id, :detail, :prev_hash, :hash)",
            {**fields, "prev_hash": prev, "hash": digest})
        return int(cur.lastrowid)


def verify_chain(store: Store) -> int | None:
    """The seq of the first row whose hash does not check out, or None when intact."""
    prev = GENESIS
    for row in store.query("SELECT * FROM audit_log ORDER BY seq"):
        fields = {k: row[k] for k in ("at", "staff_id", "device_id", "action", "table_name",
                                      "record_id", "detail")}
        if row["prev_hash"] != prev or row["hash"] != _digest(prev, fields):
            return int(row["seq"])
        prev = row["hash"]
    return None
