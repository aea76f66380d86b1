"""What the Sync screen and `bundle peer list` show, gathered in one call."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.conflicts import (ConflictItem, DuplicateGroup, open_conflicts,
                                                    possible_duplicates)
from duunikulma_tui.services.sync.keys import fingerprint, own_card
from duunikulma_tui.store import sync_state


@dataclass(frozen=True)
class PeerStatus:
    """One peer: what it has acknowledged and what still waits to go to it."""

    device_id: str
    name: str
    role: str
    fingerprint: str
    acked_own: int
    waiting: int
    last_in: str | None
    last_out: str | None
    removed_at: str | None


@dataclass(frozen=True)
class BundleLine:
    """One bundle in the log."""

    at: str
    direction: str
    kind: str
    week: str | None
    file_name: str
    changes: int
    applied: int
    conflicts: int
    peers: tuple[str, ...]


@dataclass(frozen=True)
class SyncOverview:
    """Everything the Sync screen shows."""

    device_id: str
    name: str
    role: str
    fingerprint: str
    own_changes: int
    waiting: int
    peers: list[PeerStatus]
    last_in: list[BundleLine]
    last_out: list[BundleLine]
    conflicts: list[ConflictItem]
    duplicates: list[DuplicateGroup]


def peer_statuses(desk: Desk, *, include_removed: bool = False) -> list[PeerStatus]:
    """Every peer with its acknowledgements and what waits for it."""
    store = desk.store
    held = sync_state.watermarks(store)
    out = []
    for p in sync_state.peers(store, include_removed=include_removed):
        acked = sync_state.acks(store, p["device_id"])
        # Each origin's changes are numbered without gaps, so this is a count.
        waiting = sum(max(0, top - acked.get(o, 0)) for o, top in held.items())
        last_in = store.scalar("SELECT MAX(at) FROM sync_bundle WHERE direction = 'in' AND "
                               "peer_id = ?", (p["device_id"],))
        last_out = store.scalar("SELECT MAX(b.at) FROM sync_bundle b, json_each(b.recipients) r "
                                "WHERE b.direction = 'out' AND r.value = ?", (p["device_id"],))
        out.append(PeerStatus(p["device_id"], p["name"], p["role"],
                              fingerprint(p["sign_key"], p["age_recipient"]),
                              acked.get(store.device_id, 0), waiting, last_in, last_out,
                              p["removed_at"]))
    return out


def _bundles(desk: Desk, direction: str) -> list[BundleLine]:
    names = {p["device_id"]: p["name"] for p in sync_state.peers(desk.store, include_removed=True)}
    lines = []
    for b in sync_state.last_bundles(desk.store, direction, 3):
        ids = [b["peer_id"]] if direction == "in" else json.loads(b["recipients"])
        lines.append(BundleLine(b["at"], direction, b["kind"], b["week"], b["file_name"],
                                b["changes"], b["applied"], b["conflicts"],
                                tuple(names.get(i, (i or "")[-8:]) for i in ids)))
    return lines


def overview(desk: Desk) -> SyncOverview:
    """This machine, its peers, waiting changes, recent bundles, conflicts and duplicates."""
    card = own_card(desk)
    statuses = peer_statuses(desk)
    return SyncOverview(card.device_id, card.name, card.role, card.fingerprint,
                        sync_state.watermark(desk.store, desk.store.device_id),
                        max((p.waiting for p in statuses), default=0), statuses,
                        _bundles(desk, "in"), _bundles(desk, "out"), open_conflicts(desk, 50),
                        possible_duplicates(desk))


def default_outbox(desk: Desk) -> Path:
    """Where the Sync screen writes bundles: 'bundles' beside the db (made owner-only)."""
    path = desk.path.parent / "bundles"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
