"""Open conflicts and possible duplicates, and resolving a conflict.

A conflict row stays open on every machine until a person resolves it;
the resolution is an ordinary change and travels like any other. Taking
the other value writes it with a new stamp that has seen both sides, so it
wins everywhere without starting a new conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from duunikulma_tui.domain.ids import utc_stamp
from duunikulma_tui.domain.validation import mask_identity_code
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.store import records

CHOICES = ("keep", "take_other")


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict as the Sync screen lists it."""

    id: str
    kind: str
    table: str
    row_id: str
    field: str
    winner_value: object
    loser_value: object
    winner_device: str
    loser_device: str
    winner_at: str
    loser_at: str


@dataclass(frozen=True)
class DuplicateGroup:
    """Records that name the same person (identity code) or company (business id)."""

    kind: str
    key: str
    ids: tuple[str, ...]
    names: tuple[str, ...]


def _load(value: str | None) -> object:
    return None if value is None else json.loads(value)


def open_conflicts(desk: Desk, limit: int = 200) -> list[ConflictItem]:
    """Unresolved conflicts, newest first."""
    rows = desk.store.query(
        "SELECT c.*, wd.name AS wname, ld.name AS lname FROM sync_conflict c "
        "LEFT JOIN device wd ON wd.id = c.winner_device "
        "LEFT JOIN device ld ON ld.id = c.loser_device "
        "WHERE c.resolved_at IS NULL AND c.deleted = 0 ORDER BY c.winner_hlc DESC LIMIT ?",
        (limit,))
    return [ConflictItem(r["id"], r["kind"], r["table_name"], r["row_id"], r["field"],
                         _load(r["winner_value"]), _load(r["loser_value"]),
                         r["wname"] or r["winner_device"][-8:],
                         r["lname"] or r["loser_device"][-8:], r["winner_at"], r["loser_at"])
            for r in rows]


def count_open(desk: Desk) -> int:
    """How many conflicts wait for a person."""
    return int(desk.store.scalar(
        "SELECT COUNT(*) FROM sync_conflict WHERE resolved_at IS NULL AND deleted = 0") or 0)


def resolve_conflict(desk: Desk, conflict_id: str, choice: str) -> None:
    """Close a conflict: 'keep' the winner, or 'take_other' (the losing value) for an edit."""
    if choice not in CHOICES:
        raise BundleError("bad_choice", choice=choice)
    store = desk.store
    rows = store.query("SELECT * FROM sync_conflict WHERE id = ? AND deleted = 0", (conflict_id,))
    if not rows:
        raise BundleError("conflict_not_found", id=conflict_id)
    c = rows[0]
    if c["resolved_at"]:
        raise BundleError("conflict_resolved", id=conflict_id)
    with store.transaction():
        if choice == "take_other":
            if c["kind"] != "edit_edit":
                raise BundleError("bad_choice", choice=choice)
            try:
                records.update(store, c["table_name"], c["row_id"],
                               {c["field"]: _load(c["loser_value"])}, desk.operator_id)
            except KeyError:
                # The record was deleted meanwhile: a delete always wins.
                raise BundleError("bad_choice", choice=choice) from None
            desk.audit("update", c["table_name"], c["row_id"])
        records.update(store, "sync_conflict", conflict_id,
                       {"resolved_by": desk.operator_id, "resolved_at": utc_stamp(),
                        "resolution": "kept" if choice == "keep" else "took_other"},
                       desk.operator_id)
        desk.audit("update", "sync_conflict", conflict_id)


def possible_duplicates(desk: Desk) -> list[DuplicateGroup]:
    """Live clients sharing an identity code and employers sharing a business id.

    Two machines may register the same person offline; both records arrive
    everywhere and are listed here to be merged, never silently kept twice.
    """
    groups = []
    for kind, sql in (
            ("client", "SELECT identity_code AS k, group_concat(id, char(31)) AS ids, "
                       "group_concat(last_name || ' ' || first_name, char(31)) AS names "
                       "FROM client WHERE identity_code IS NOT NULL AND deleted = 0 "
                       "GROUP BY identity_code HAVING COUNT(*) > 1"),
            ("employer", "SELECT business_id AS k, group_concat(id, char(31)) AS ids, "
                         "group_concat(name, char(31)) AS names FROM employer "
                         "WHERE business_id IS NOT NULL AND deleted = 0 "
                         "GROUP BY business_id HAVING COUNT(*) > 1")):
        for r in desk.store.query(sql):
            key = mask_identity_code(r["k"]) if kind == "client" else r["k"]
            groups.append(DuplicateGroup(kind, key, tuple(r["ids"].split("\x1f")),
                                         tuple(r["names"].split("\x1f"))))
    return groups
