"""Opening a bundle file and checking it, layer by layer, without writing anything.

Order (docs/bundle-format.md, "Errors"): read → age layer → container →
signer → signature → manifest → schema → records → sender's clock. Import
and verify share it; only import goes on to write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature

from duunikulma_tui.domain.hlc import Stamp
from duunikulma_tui.domain.ids import utc_now
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync import container, manifest as mf
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.keys import ensure_keys, unb64, verifier
from duunikulma_tui.store.schema import schema_version
from duunikulma_tui.store.sync_state import BOOKKEEPING, Change, peer_by_sign_key, table_columns

MAX_FILE = 1 << 30
# A sender whose clock runs further ahead than this would push every stamp
# on every machine into its future: refused until its clock is fixed.
CLOCK_AHEAD_LIMIT_MS = 60 * 60 * 1000


@dataclass
class Opened:
    """A bundle that passed every check: who sent it, what it says, its records."""

    path: Path
    size: int
    manifest: dict
    changes: list[Change]
    sender_id: str
    sender_name: str
    own: bool


def read_file(path: Path) -> bytes:
    """The file's bytes, or BundleError for a missing, unreadable or huge file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise BundleError("too_large", path=str(path))
        return path.read_bytes()
    except OSError:
        raise BundleError("unreadable", path=str(path)) from None


def _signer(desk: Desk, block: dict, own_key: str) -> tuple[str, str, bool]:
    if block["key"] == own_key:
        return desk.store.device_id, "", True
    peer = peer_by_sign_key(desk.store, block["key"])
    if peer is None:
        raise BundleError("unknown_signer")
    if peer["removed_at"]:
        raise BundleError("signer_removed", name=peer["name"], on=peer["removed_at"][:10])
    return peer["device_id"], peer["name"], False


def _check_signature(sections: dict[str, bytes], block: dict, key: str) -> None:
    if hashlib.sha256(sections["manifest"]).hexdigest() != block["manifest_sha256"]:
        raise BundleError("edited_manifest")
    try:
        verifier(key).verify(unb64(block["sig"]), sections["manifest"])
    except (InvalidSignature, ValueError):
        raise BundleError("bad_signature") from None


def columns_of(desk: Desk):
    """A function giving a synced table's data columns (None for anything else)."""
    def lookup(table: str) -> set[str] | None:
        cols = table_columns(desk.store, table)
        return None if cols is None else cols - set(BOOKKEEPING)
    return lookup


def open_bundle(desk: Desk, path: Path) -> Opened:
    """Decrypt and check a bundle; BundleError (with its own code) at the first problem."""
    data = read_file(path)
    keys = ensure_keys(desk.store)
    plain = container.open_sealed(data, keys.identity)
    sections = container.unframe(plain)
    block = mf.check_signature_block(mf.parse_json(sections["signature"], "signature"))
    sender_id, sender_name, own = _signer(desk, block, keys.sign_key)
    _check_signature(sections, block, block["key"])
    m = mf.check_manifest(mf.parse_json(sections["manifest"], "manifest"))
    if m["format"] != container.FORMAT:
        raise BundleError("malformed", part="format")
    if m["sender"]["device"] != sender_id:
        raise BundleError("unknown_signer")
    if m["schema"] > schema_version():
        raise BundleError("newer_schema", found=m["schema"], supported=schema_version())
    changes = mf.decode_records(sections["records"], m, columns_of(desk))
    # Stamps are checked and string-ordered: the highest one has the newest time.
    newest = max(Stamp.parse(m["clock"]).millis,
                 Stamp.parse(max(c.hlc for c in changes)).millis if changes else 0)
    ahead = newest - int(utc_now().timestamp() * 1000)
    if ahead > CLOCK_AHEAD_LIMIT_MS:
        raise BundleError("clock_ahead", name=sender_name or m["sender"]["name"],
                          hours=f"{ahead / 3_600_000:.1f}")
    return Opened(path, len(data), m, changes, sender_id, sender_name or m["sender"]["name"], own)
