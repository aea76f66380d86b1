"""Writing bundles: every change the recipients have not acknowledged.

A bundle to several recipients (the weekly one goes to every desk) starts,
for each origin machine, after the lowest number any of them acknowledged;
each recipient skips what it already holds. The sender forgets nothing:
change_log is never trimmed, so a lost bundle is covered by the next one.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from duunikulma_tui.domain.ids import new_id, utc_stamp
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.sync import container, manifest as mf
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.keys import b64, ensure_keys, own_card
from duunikulma_tui.store.schema import schema_version
from duunikulma_tui.store.sync_state import acks, changes_after, log_bundle, peers, watermarks

APP = "duunikulma-tui"
# Test hook for the crash tests: die just before the rename.
KILL_ENV = "DUUNIKULMA_TEST_KILL_EXPORT"
SUFFIX = ".age"


@dataclass(frozen=True)
class ExportResult:
    """One bundle written."""

    path: Path
    bundle_id: str
    changes: int
    size: int
    recipients: tuple[str, ...]
    seconds: float


def _recipients(desk: Desk, to: list[str] | None) -> list[dict]:
    active = peers(desk.store)
    if to:
        picked = []
        for wanted in to:
            match = [p for p in active if wanted in (p["device_id"], p["name"])]
            if not match:
                raise BundleError("unknown_peer", peer=wanted)
            picked += [p for p in match if p not in picked]
        active = picked
    if not active:
        raise BundleError("no_peers")
    return active


def start_points(desk: Desk, recipients: list[dict]) -> dict[str, int]:
    """Per origin, the lowest number every recipient has acknowledged."""
    held = watermarks(desk.store)
    per_peer = [acks(desk.store, p["device_id"]) for p in recipients]
    return {o: min(a.get(o, 0) for a in per_peer) for o in held}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:24] or "kone"


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary name, fsync, rename, fsync the directory.

    A crash leaves either the complete file under its name or nothing there
    (at worst a hidden temporary file).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if os.environ.get(KILL_ENV) == "before_rename":
            os.kill(os.getpid(), signal.SIGKILL)
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BundleError("not_writable", path=str(path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_bundle(desk: Desk, out_dir: Path, *, to: list[str] | None = None, full: bool = False,
                  kind: str = "changes", week: str | None = None) -> ExportResult:
    """Write one bundle for the given peers (default: every active peer) into `out_dir`.

    `full` ignores acknowledgements and sends everything held (for a peer
    restored from a backup, or a new machine).
    """
    started = time.perf_counter()
    if week is not None:
        mf.check_week(week)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise BundleError("not_writable", path=str(out_dir))
    keys, me = ensure_keys(desk.store), own_card(desk)
    recipients = _recipients(desk, to)
    start = {} if full else start_points(desk, recipients)
    changes = changes_after(desk.store, start)
    blob, raw_size = mf.encode_records(changes)
    ranges: dict[str, dict[str, int]] = {}
    for c in changes:
        ranges.setdefault(c.origin, {"after": start.get(c.origin, 0), "upto": 0})["upto"] = c.seq
    bundle_id, now = new_id(), utc_stamp()
    manifest = {
        "format": container.FORMAT, "schema": schema_version(), "app": APP,
        "bundle_id": bundle_id, "kind": kind, "week": week, "created_at": now,
        # A fresh tick: each bundle of a sender has a higher clock than its
        # last, which is how receivers tell a newer bundle from a replay.
        "clock": str(desk.store.clock.tick()),
        "sender": {"device": me.device_id, "name": me.name, "role": me.role},
        "recipients": [{"device": p["device_id"], "name": p["name"]} for p in recipients],
        "ranges": ranges, "applied": watermarks(desk.store),
        "records": {"count": len(changes), "encoding": mf.RECORD_ENCODING, "bytes": len(blob),
                    "raw_bytes": raw_size, "sha256": hashlib.sha256(blob).hexdigest()},
        "report": None,
    }
    body = mf.dumps(manifest)
    signature = mf.dumps({"alg": "ed25519", "key": keys.sign_key,
                          "manifest_sha256": hashlib.sha256(body).hexdigest(),
                          "sig": b64(keys.signer.sign(body))})
    # Encrypted to ourselves too, so the sender can verify what it sends.
    sealed = container.seal(container.frame(body, signature, blob),
                            [p["age_recipient"] for p in recipients] + [keys.age_recipient])
    label = week if kind == "weekly" else now[:19].replace("-", "").replace(":", "")
    path = out_dir / f"duunikulma-{kind}-{label}-{_slug(me.name)}-{bundle_id[-6:].lower()}{SUFFIX}"
    atomic_write(path, sealed)
    with desk.store.transaction():
        log_bundle(desk.store, bundle_id=bundle_id, direction="out", at=now, peer_id=None,
                   recipients=[p["device_id"] for p in recipients], kind=kind, week=week,
                   file_name=path.name, size=len(sealed), changes=len(changes))
        desk.audit("export", detail=f"bundle {bundle_id}: {len(changes)} changes")
    return ExportResult(path, bundle_id, len(changes), len(sealed),
                        tuple(p["name"] for p in recipients), time.perf_counter() - started)


def weekly_bundle(desk: Desk, out_dir: Path, week: str) -> ExportResult:
    """The coordinator's weekly bundle to every desk: the merged changes they lack."""
    return export_bundle(desk, out_dir, kind="weekly", week=mf.check_week(week))
