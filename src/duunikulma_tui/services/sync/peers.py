"""Peers: the machines this one exchanges bundles with, added from key files.

Public keys are exchanged once, as small files (`duunikulma bundle keys
--write FILE` on one machine, `duunikulma bundle peer add FILE` on the
other); both sides should compare the fingerprint aloud. A desk that
leaves is removed: new bundles are no longer encrypted to it and bundles
it signs are refused.
"""

from __future__ import annotations

from pathlib import Path

from duunikulma_tui.domain.ids import utc_stamp
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.keys import PeerCard, parse_peer_file
from duunikulma_tui.services.sync.reader import read_file
from duunikulma_tui.store import sync_state


def add_peer(desk: Desk, card: PeerCard) -> bool:
    """Trust a peer's keys; True when it is new (False: its keys were updated)."""
    if card.device_id == desk.store.device_id:
        raise BundleError("peer_is_self")
    other = sync_state.peer_by_sign_key(desk.store, card.sign_key)
    if other and other["device_id"] != card.device_id:
        raise BundleError("peer_file_invalid", path=card.name)
    new = sync_state.save_peer(desk.store, device_id=card.device_id, name=card.name,
                               role=card.role, age_recipient=card.age_recipient,
                               sign_key=card.sign_key, now=utc_stamp())
    desk.audit("update", "sync_peer", card.device_id)
    return new


def add_peer_from_file(desk: Desk, path: Path) -> tuple[PeerCard, bool]:
    """Read a public-key file and trust it; returns the card and whether it was new."""
    card = parse_peer_file(read_file(Path(path)), str(path))
    return card, add_peer(desk, card)


def find_peer(desk: Desk, name_or_id: str, *, include_removed: bool = False) -> dict:
    """The one peer with this device id or name; BundleError('unknown_peer') otherwise."""
    found = [p for p in sync_state.peers(desk.store, include_removed=include_removed)
             if name_or_id in (p["device_id"], p["name"])]
    if len(found) != 1:
        raise BundleError("unknown_peer", peer=name_or_id)
    return found[0]


def remove_peer(desk: Desk, name_or_id: str) -> str:
    """Stop encrypting to a peer that left and refuse its bundles; returns its name."""
    peer = find_peer(desk, name_or_id)
    sync_state.remove_peer(desk.store, peer["device_id"], utc_stamp())
    desk.audit("delete", "sync_peer", peer["device_id"])
    return peer["name"]
