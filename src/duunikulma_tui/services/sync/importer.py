"""Importing bundles: check everything first, then apply all of it or nothing.

Order: open and check (reader.py) → inside one BEGIN IMMEDIATE transaction
with synchronous=FULL: prerequisites (no gap before the bundle's first
change of each origin, no reused change numbers) → apply → the sender's
acknowledgements → the bundle log → commit. What this machine acknowledges
in its next bundle is read from change_log, so it can only ever name
changes that were committed.
"""

from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from duunikulma_tui.domain.ids import utc_stamp
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync.conflicts import possible_duplicates
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.reader import Opened, open_bundle
from duunikulma_tui.store.sync_apply import MissingRow, apply_changes, durable_transaction
from duunikulma_tui.store.sync_state import log_bundle, record_acks, stamps_of, watermark


@dataclass(frozen=True)
class ImportResult:
    """What one bundle brought."""

    path: Path
    bundle_id: str
    sender: str
    changes: int
    applied: int
    skipped: int
    conflicts: int
    duplicates: int

    @property
    def already(self) -> bool:
        """Everything in it was here before (a replay or a duplicate delivery)."""
        return self.applied == 0


def device_name(desk: Desk, device_id: str) -> str:
    """A machine's name as the device table knows it, else the end of its id."""
    name = desk.store.scalar("SELECT name FROM device WHERE id = ?", (device_id,))
    return name or device_id[-8:]


def _check_prerequisites(desk: Desk, opened: Opened) -> None:
    for origin, rng in sorted(opened.manifest["ranges"].items()):
        have = watermark(desk.store, origin)
        if have < rng["after"]:
            raise BundleError("gap", origin=device_name(desk, origin), have=have,
                              needs=rng["after"])
        overlap = min(have, rng["upto"])
        if overlap > rng["after"]:
            # Changes we already hold must be the very same ones: different
            # stamps mean a machine reused its numbers (restored from a backup).
            ours = stamps_of(desk.store, origin, rng["after"] + 1, overlap)
            for c in opened.changes:
                if c.origin == origin and c.seq <= overlap and ours.get(c.seq) != c.hlc:
                    raise BundleError("seq_clash", origin=device_name(desk, origin))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # A big bundle allocates hundreds of thousands of small objects that all
    # live until the end: the cyclic collector would rescan them again and
    # again for nothing (reference counting still frees everything).
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def import_bundle(desk: Desk, path: Path) -> ImportResult:
    """Import one bundle file; BundleError (database untouched) when it cannot be."""
    with _no_cyclic_gc():
        return _import(desk, Path(path))


def _import(desk: Desk, path: Path) -> ImportResult:
    opened = open_bundle(desk, path)
    if opened.own:
        raise BundleError("own_bundle")
    m = opened.manifest
    store = desk.store
    try:
        with durable_transaction(store):
            _check_prerequisites(desk, opened)
            now = utc_stamp()
            result = apply_changes(store, opened.changes, received_at=now)
            record_acks(store, opened.sender_id, m["applied"], m["clock"])
            log_bundle(store, bundle_id=m["bundle_id"], direction="in", at=now,
                       peer_id=opened.sender_id,
                       recipients=[r["device"] for r in m["recipients"]], kind=m["kind"],
                       week=m["week"], file_name=opened.path.name, size=opened.size,
                       changes=len(opened.changes), applied=result.applied,
                       conflicts=len(result.conflicts))
            desk.audit("import", detail=f"bundle {m['bundle_id']}: {result.applied} applied, "
                                        f"{result.skipped} already here")
    except MissingRow as exc:
        raise BundleError("missing_row", table=exc.table) from None
    except sqlite3.IntegrityError as exc:
        # A record the schema refuses (a CHECK, NOT NULL or reference).
        raise BundleError("rejected_record", detail=str(exc)[:80]) from None
    return ImportResult(opened.path, m["bundle_id"], opened.sender_name, len(opened.changes),
                        result.applied, result.skipped, len(result.conflicts),
                        len(possible_duplicates(desk)))


def import_many(desk: Desk, paths: list[Path]) -> list[tuple[Path, ImportResult | BundleError]]:
    """Import several bundles in any order: one that needs another first is retried after it."""
    outcome: dict[int, ImportResult | BundleError] = {}
    waiting = list(range(len(paths)))
    progress = True
    while waiting and progress:
        progress = False
        for i in list(waiting):
            try:
                outcome[i] = import_bundle(desk, paths[i])
            except BundleError as err:
                outcome[i] = err
                if err.code == "gap":
                    continue
            waiting.remove(i)
            progress = progress or isinstance(outcome[i], ImportResult)
    return [(Path(paths[i]), outcome[i]) for i in range(len(paths))]
