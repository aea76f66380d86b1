"""Manifest, signature block and record lines: writing them and checking them strictly.

Everything read here has already passed age decryption, but a peer's
software may be buggy or its key stolen, so every field is checked for type
and range and anything else is refused as `malformed` (the parsers are
fuzzed with properly encrypted and signed junk).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import orjson
import zstandard

from duunikulma_tui.domain.hlc import Stamp
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.store.sync_state import Change

RECORD_ENCODING = "jsonl+zstd"
KINDS = ("changes", "weekly")
OPS = ("insert", "update", "delete")
MANIFEST_KEYS = ("format", "schema", "app", "bundle_id", "kind", "week", "created_at", "clock",
                 "sender", "recipients", "ranges", "applied", "records", "report")
SENDER_KEYS = ("device", "name", "role")
RECIPIENT_KEYS = ("device", "name")
RANGE_KEYS = ("after", "upto")
RECORDS_KEYS = ("count", "encoding", "bytes", "raw_bytes", "sha256")
SIGNATURE_KEYS = ("alg", "key", "manifest_sha256", "sig")
RECORD_KEYS = ("origin", "seq", "hlc", "table", "row", "op", "data", "ctx", "staff", "at")
_RECORD_KEYSET = frozenset(RECORD_KEYS)
MAX_RAW = 4 << 30
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_STAMP = re.compile(r"[0-9]{13}\.[0-9]{5}@(.{1,64})", re.DOTALL)
_INT64 = 2**63


def dumps(value: object) -> bytes:
    """Compact canonical JSON (sorted keys, UTF-8)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def check_week(text: str) -> str:
    """'2026-W48' if it names a real ISO week, else BundleError('bad_week')."""
    match = _WEEK.fullmatch(text) if isinstance(text, str) else None
    if match:
        try:
            dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return text
        except ValueError:
            pass
    raise BundleError("bad_week", week=text)


def _bad(part: str) -> BundleError:
    return BundleError("malformed", part=part)


def _obj(value: object, keys: tuple[str, ...], part: str) -> dict:
    if not isinstance(value, dict) or set(value) != set(keys):
        raise _bad(part)
    return value


def _int(value: object, part: str, low: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low or value > 2**62:
        raise _bad(part)
    return value


def _text(value: object, part: str, *, optional: bool = False, limit: int = 200) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _bad(part)
    return value


def _stamp(value: object, part: str) -> Stamp:
    try:
        stamp = Stamp.parse(_text(value, part))
    except ValueError:
        raise _bad(part) from None
    if str(stamp) != value:
        raise _bad(part)
    return stamp


def _utc(value: object, part: str) -> str:
    if not isinstance(value, str) or not _UTC.fullmatch(value):
        raise _bad(part)
    return value


def _counts(value: object, part: str) -> dict[str, int]:
    if type(value) is not dict:
        raise _bad(part)
    if not value:
        return value
    return {_text(k, part, limit=64): _int(v, part) for k, v in value.items()}


def parse_json(raw: bytes, part: str) -> object:
    """Strict JSON from bytes (UTF-8, no NaN, no lone surrogates), or BundleError('malformed')."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise _bad(part) from None


def check_manifest(data: object) -> dict:
    """A manifest whose every field has the right type; raises BundleError otherwise."""
    m = _obj(data, MANIFEST_KEYS, "manifest")
    _int(m["format"], "format", 1)
    _int(m["schema"], "schema", 1)
    _text(m["app"], "app")
    _text(m["bundle_id"], "bundle_id", limit=64)
    if m["kind"] not in KINDS:
        raise _bad("kind")
    if m["week"] is not None:
        try:
            check_week(m["week"])
        except BundleError:
            raise _bad("week") from None
    _utc(m["created_at"], "created_at")
    _stamp(m["clock"], "clock")
    sender = _obj(m["sender"], SENDER_KEYS, "sender")
    for key in SENDER_KEYS:
        _text(sender[key], "sender", limit=200)
    if not isinstance(m["recipients"], list) or not m["recipients"]:
        raise _bad("recipients")
    for r in m["recipients"]:
        _text(_obj(r, RECIPIENT_KEYS, "recipients")["device"], "recipients", limit=64)
        _text(r["name"], "recipients")
    if not isinstance(m["ranges"], dict):
        raise _bad("ranges")
    for origin, rng in m["ranges"].items():
        _text(origin, "ranges", limit=64)
        rng = _obj(rng, RANGE_KEYS, "ranges")
        if _int(rng["upto"], "ranges", 1) <= _int(rng["after"], "ranges"):
            raise _bad("ranges")
    _counts(m["applied"], "applied")
    rec = _obj(m["records"], RECORDS_KEYS, "records")
    total = sum(r["upto"] - r["after"] for r in m["ranges"].values())
    if _int(rec["count"], "records") != total or rec["encoding"] != RECORD_ENCODING:
        raise _bad("records")
    _int(rec["bytes"], "records")
    if _int(rec["raw_bytes"], "records") > MAX_RAW:
        raise _bad("records")
    if not isinstance(rec["sha256"], str) or not _HEX64.fullmatch(rec["sha256"]):
        raise _bad("records")
    if m["report"] is not None:
        raise _bad("report")  # reserved for the weekly indicator report
    return m


def check_signature_block(data: object) -> dict:
    """The signature section's fields, checked for shape only."""
    block = _obj(data, SIGNATURE_KEYS, "signature")
    if block["alg"] != "ed25519":
        raise _bad("signature")
    for key in ("key", "sig"):
        _text(block[key], "signature")
    if not isinstance(block["manifest_sha256"], str) or not _HEX64.fullmatch(
            block["manifest_sha256"]):
        raise _bad("signature")
    return block


def encode_records(changes: list[Change]) -> tuple[bytes, int]:
    """JSON Lines of the changes, zstd-compressed; returns (blob, raw size)."""
    raw = b"".join(orjson.dumps({"origin": c.origin, "seq": c.seq, "hlc": c.hlc,
                                 "table": c.table, "row": c.row, "op": c.op, "data": c.data,
                                 "ctx": c.ctx, "staff": c.staff, "at": c.at}) + b"\n"
                   for c in changes)
    # Level 19 is the physical best but ~1 MB/s: keep it for the everyday
    # bundle (a week is well under a megabyte) and speed up huge first syncs.
    level = 19 if len(raw) < (4 << 20) else 9
    return zstandard.ZstdCompressor(level=level).compress(raw), len(raw)


def _clean(data: dict, part: str) -> dict:
    """Field values: JSON scalars only (booleans become 0/1, as SQLite stores them)."""
    out = {}
    for key, value in data.items():
        kind = type(value)
        if kind is str or value is None or kind is float:
            out[key] = value
        elif kind is int and -_INT64 <= value < _INT64:
            out[key] = value
        elif kind is bool:
            out[key] = int(value)
        else:
            raise _bad(part)
    return out


def parse_record(line: bytes, columns_of) -> Change:
    """One record line; `columns_of(table)` gives a synced table's data columns or None.

    Written out flat rather than with the small checkers above: it runs once
    per record, 100,000 times for a first sync.
    """
    r = parse_json(line, "record")
    if type(r) is not dict or r.keys() != _RECORD_KEYSET:
        raise _bad("record")
    origin, hlc, op, data, table = r["origin"], r["hlc"], r["op"], r["data"], r["table"]
    seq, row, ctx, staff, at = r["seq"], r["row"], r["ctx"], r["staff"], r["at"]
    stamp = _STAMP.fullmatch(hlc) if type(hlc) is str else None
    if stamp is None or stamp[1] != origin or op not in OPS:
        raise _bad("record")
    columns = columns_of(table) if type(table) is str else None
    if columns is None or type(data) is not dict or not data.keys() <= columns:
        raise _bad("record")
    if (op == "delete" and data) or (op == "update" and not data):
        raise _bad("record")
    if (type(seq) is not int or not 1 <= seq <= 2**62
            or type(row) is not str or not 0 < len(row) <= 64
            or (staff is not None and (type(staff) is not str or not 0 < len(staff) <= 64))
            or type(at) is not str or not _UTC.fullmatch(at)):
        raise _bad("record")
    if not all(type(v) is str or v is None for v in data.values()):
        data = _clean(data, "record")
    return Change(origin, seq, hlc, table, row, op, data,
                  ctx if type(ctx) is dict and not ctx else _counts(ctx, "record"), staff, at)


def decode_records(blob: bytes, manifest: dict, columns_of) -> list[Change]:
    """Every record of a bundle, checked against the manifest's counts and ranges."""
    rec = manifest["records"]
    if hashlib.sha256(blob).hexdigest() != rec["sha256"] or len(blob) != rec["bytes"]:
        raise BundleError("records_altered")
    try:
        raw = zstandard.ZstdDecompressor().decompress(blob, max_output_size=rec["raw_bytes"] + 1)
    except zstandard.ZstdError:
        raise _bad("records") from None
    if len(raw) != rec["raw_bytes"] or (raw and not raw.endswith(b"\n")):
        raise _bad("records")
    lines = raw.split(b"\n")[:-1] if raw else []
    if len(lines) != rec["count"]:
        raise _bad("records")
    changes = [parse_record(line, columns_of) for line in lines]
    expected = {o: r["after"] for o, r in manifest["ranges"].items()}
    for c in changes:
        # Each origin's records run after+1, after+2, ... upto without a hole.
        if expected.get(c.origin) != c.seq - 1:
            raise _bad("records")
        expected[c.origin] = c.seq
    if any(expected[o] != r["upto"] for o, r in manifest["ranges"].items()):
        raise _bad("records")
    return changes
