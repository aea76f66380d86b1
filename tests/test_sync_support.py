"""Helpers shared by the sync tests (no tests here): machines, hashes, bundle surgery."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from duunikulma_tui.services.desk import Desk, open_desk
from duunikulma_tui.services.sync import keys, peers
from duunikulma_tui.services.sync.exporter import export_bundle
from duunikulma_tui.services.sync.importer import import_bundle
from duunikulma_tui.store import records

from .builders import TODAY

LOCAL_BOOKKEEPING = ("version",)


def machine(path: Path, name: str, role: str = "desk") -> Desk:
    """A fresh database with a name, a role and its keys."""
    desk = open_desk(path, today=lambda: TODAY)
    keys.set_name(desk, name)
    if role != "desk":
        keys.set_role(desk, role)
    keys.ensure_keys(desk.store)
    return desk


def introduce(a: Desk, b: Desk) -> None:
    """a and b trust each other's keys (as `bundle peer add` does both ways)."""
    peers.add_peer(a, keys.own_card(b))
    peers.add_peer(b, keys.own_card(a))


def network(tmp_path: Path, names: tuple[str, ...] = ("koordinaattori", "piste1", "piste2"),
            *, mesh: bool = False) -> list[Desk]:
    """The first machine is the coordinator; desks know it (and each other with mesh)."""
    desks = [machine(tmp_path / f"{n}.db", n, "coordinator" if i == 0 else "desk")
             for i, n in enumerate(names)]
    for i, a in enumerate(desks):
        for b in desks[i + 1:]:
            if mesh or a is desks[0]:
                introduce(a, b)
    return desks


def send(a: Desk, b: Desk, out: Path, **kw):
    """a exports a bundle for b and b imports it; returns the import result."""
    out.mkdir(exist_ok=True)
    res = export_bundle(a, out, to=[b.store.device_id], **kw)
    return import_bundle(b, res.path)


def content_hash(desk: Desk) -> str:
    """Every synced row except purely local bookkeeping, in a stable order."""
    digest = hashlib.sha256()
    for table in records.synced_tables(desk.store):
        for row in desk.store.query(f"SELECT * FROM {table} ORDER BY id"):
            for col in LOCAL_BOOKKEEPING:
                row.pop(col, None)
            digest.update(json.dumps([table, row], sort_keys=True, default=str).encode())
    return digest.hexdigest()


def whole_db(desk: Desk) -> str:
    """Everything in the file, local tables included (to prove 'untouched')."""
    return hashlib.sha256("\n".join(desk.store.conn.iterdump()).encode()).hexdigest()


def add_client(desk: Desk, first: str, last: str, **fields) -> str:
    """A client written through the real write path."""
    return records.insert(desk.store, "client", {"first_name": first, "last_name": last,
                                                 "status": "active", **fields},
                          desk.operator_id)


def flip_bit(path: Path, offset: int) -> None:
    """Flip the lowest bit of one byte (negative offsets count from the end)."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 1
    path.write_bytes(bytes(data))


# -- bundle surgery: open a real bundle, change it, sign and seal it again ---
def open_plain(path: Path, reader: Desk) -> dict[str, bytes]:
    """The sections of a bundle that `reader` can decrypt."""
    from duunikulma_tui.services.sync import container

    plain = container.open_sealed(path.read_bytes(), keys.ensure_keys(reader.store).identity)
    return container.unframe(plain)


def dumps(value: object) -> bytes:
    """Canonical JSON like the app's, but able to write what the app would refuse."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")


def reseal(path: Path, sender: Desk, recipients: list[Desk], manifest: dict | bytes,
           blob: bytes, *, signature: bytes | None = None, version: bytes = b"1",
           signer: Desk | None = None) -> Path:
    """Write a bundle from parts, signed by `signer` (default: `sender`) unless given."""
    from duunikulma_tui.services.sync import container

    body = manifest if isinstance(manifest, bytes) else dumps(manifest)
    if signature is None:
        kp = keys.ensure_keys((signer or sender).store)
        signature = dumps({"alg": "ed25519", "key": kp.sign_key,
                           "manifest_sha256": hashlib.sha256(body).hexdigest(),
                           "sig": keys.b64(kp.signer.sign(body))})
    plain = container.frame(body, signature, blob)
    if version != b"1":
        plain = plain.replace(b"DUUNIKULMA-BUNDLE 1\n", b"DUUNIKULMA-BUNDLE " + version + b"\n", 1)
    ages = [keys.ensure_keys(d.store).age_recipient for d in recipients]
    path.write_bytes(container.seal(plain, ages))
    return path


def records_blob(lines: list[dict]) -> tuple[bytes, dict]:
    """A zstd blob of record lines and the matching manifest 'records' entry."""
    import zstandard

    raw = b"".join(dumps(line) + b"\n" for line in lines)
    blob = zstandard.ZstdCompressor(level=3).compress(raw)
    return blob, {"count": len(lines), "encoding": "jsonl+zstd", "bytes": len(blob),
                  "raw_bytes": len(raw), "sha256": hashlib.sha256(blob).hexdigest()}
