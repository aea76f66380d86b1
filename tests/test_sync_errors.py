"""Every bad bundle gets its own error code and leaves the database exactly as it was."""

from __future__ import annotations

import json
import sqlite3

import pyrage
import pytest

from duunikulma_tui.domain.i18n import t
from duunikulma_tui.services.sync import container, keys
from duunikulma_tui.services.sync.errors import CODES, BundleError
from duunikulma_tui.services.sync.exporter import export_bundle
from duunikulma_tui.services.sync.importer import import_bundle
from duunikulma_tui.services.sync.verify import verify_bundle

from .test_sync_support import (add_client, flip_bit, machine, network, open_plain,
                                records_blob, reseal, whole_db)


@pytest.fixture
def setup(tmp_path):
    coord, desk, other = network(tmp_path)
    add_client(desk, "Matti", "Virtanen", phone="0401234567")
    out = tmp_path / "out"
    out.mkdir()
    good = export_bundle(desk, out).path
    yield coord, desk, other, good, out
    for d in (coord, desk, other):
        d.close()


def refused(desk, path, code):
    """Import and verify both refuse with `code`; nothing in the file changes."""
    before = whole_db(desk)
    for action in (import_bundle, verify_bundle):
        with pytest.raises(BundleError) as info:
            action(desk, path)
        assert info.value.code == code, (action.__name__, info.value.params)
        message = t(info.value.key, **info.value.params)
        assert "{" not in message and message != info.value.key
    assert whole_db(desk) == before


def manifest_of(path, reader):
    sections = open_plain(path, reader)
    return json.loads(sections["manifest"]), sections


def test_every_code_has_a_message_in_both_languages():
    for code in CODES:
        for lang in ("fi", "en"):
            assert t(f"bundle.err.{code}", lang) != f"bundle.err.{code}"


def test_empty_file(setup):
    coord, _, _, good, _ = setup
    good.write_bytes(b"")
    refused(coord, good, "empty")


@pytest.mark.parametrize("cut", [1, 10, 30, 120, -1, -17, -200, "half"])
def test_truncated_file(setup, cut):
    coord, _, _, good, _ = setup
    data = good.read_bytes()
    keep = len(data) // 2 if cut == "half" else cut
    good.write_bytes(data[:keep])
    refused(coord, good, "truncated")


@pytest.mark.parametrize("where", ["payload", "last_byte", "mac", "stanza_body"])
def test_flipped_bits(setup, where):
    coord, _, _, good, _ = setup
    data = good.read_bytes()
    start = container.header_end(data)
    offset = {"payload": (start + len(data)) // 2, "last_byte": -1, "mac": start - 10,
              "stanza_body": data.index(b"\n", 30) + 5}[where]
    flip_bit(good, offset)
    code = "wrong_recipient" if where == "stanza_body" else "damaged"
    # A flip in a recipient's own stanza hides the key itself: age cannot
    # tell it from a bundle for someone else, so that one says so.
    if where == "stanza_body":
        before = whole_db(coord)
        with pytest.raises(BundleError) as info:
            import_bundle(coord, good)
        assert info.value.code in ("wrong_recipient", "damaged") and whole_db(coord) == before
    else:
        refused(coord, good, code)


@pytest.mark.parametrize("content", [b"hello world\n", b"\x89PNG\r\n\x1a\n" + b"\0" * 100,
                                     b"SQLite format 3\x00" + b"\0" * 100, b"age-encryption.org/v2\n"])
def test_not_a_bundle(setup, content):
    coord, _, _, good, _ = setup
    good.write_bytes(content)
    refused(coord, good, "not_bundle")


def test_an_age_file_that_is_not_a_bundle(setup):
    coord, _, _, good, _ = setup
    n = next(n for n in range(1000, 2000) if container.payload_size(n) % container.QUANTUM == 0)
    good.write_bytes(pyrage.encrypt(b"x" * n, [pyrage.x25519.Recipient.from_str(
        keys.ensure_keys(coord.store).age_recipient)]))
    refused(coord, good, "not_bundle")


def test_wrong_recipient(setup):
    _, _, other, good, _ = setup
    refused(other, good, "wrong_recipient")


def test_unknown_signer(setup, tmp_path):
    coord, _, _, good, out = setup
    stranger = machine(tmp_path / "vieras.db", "vieras")
    try:
        keys_of_coord = keys.own_card(coord)
        from duunikulma_tui.services.sync import peers

        peers.add_peer(stranger, keys_of_coord)  # it knows us; we do not know it
        add_client(stranger, "Eve", "Vieras")
        refused(coord, export_bundle(stranger, out).path, "unknown_signer")
    finally:
        stranger.close()


def test_bad_signature(setup):
    coord, desk, other, good, _ = setup
    m, sections = manifest_of(good, coord)
    block = json.loads(sections["signature"])
    forged = keys.ensure_keys(other.store).signer.sign(sections["manifest"])
    block["sig"] = keys.b64(forged)
    sig = json.dumps(block).encode()
    refused(coord, reseal(good, desk, [coord], sections["manifest"], sections["records"],
                          signature=sig), "bad_signature")


def test_edited_manifest(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    m["sender"]["name"] = "someone else"
    refused(coord, reseal(good, desk, [coord], m, sections["records"],
                          signature=sections["signature"]), "edited_manifest")


def test_records_altered_after_signing(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    blob, _ = records_blob([])
    refused(coord, reseal(good, desk, [coord], m, blob, signature=sections["signature"]),
            "records_altered")


def test_newer_format(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    refused(coord, reseal(good, desk, [coord], m, sections["records"], version=b"2"),
            "newer_format")


def test_newer_schema(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    m["schema"] = 99
    refused(coord, reseal(good, desk, [coord], m, sections["records"]), "newer_schema")


def test_malformed_manifest_even_when_properly_signed(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    del m["ranges"]
    refused(coord, reseal(good, desk, [coord], m, sections["records"]), "malformed")


def test_gap_import_the_earlier_bundle_first(setup):
    coord, desk, _, good, _ = setup
    m, sections = manifest_of(good, coord)
    lines = [json.loads(x) for x in __import__("zstandard").ZstdDecompressor().decompress(
        sections["records"]).splitlines()]
    origin = desk.store.device_id
    later = [ln for ln in lines if ln["seq"] > 1]
    blob, rec = records_blob(later)
    m["ranges"][origin] = {"after": 1, "upto": later[-1]["seq"]}
    m["records"] = rec
    path = reseal(good, desk, [coord], m, blob)
    before = whole_db(coord)
    with pytest.raises(BundleError) as info:
        import_bundle(coord, path)
    assert info.value.code == "gap" and whole_db(coord) == before
    assert "aiempi nippu" in t(info.value.key, **info.value.params)
    assert verify_bundle(coord, path).gap  # verify says so without failing


def test_sender_clock_far_ahead(setup, tmp_path):
    coord, desk, _, _, out = setup
    real = desk.store.clock._now_ms
    desk.store.clock._now_ms = lambda: real() + 3 * 3600 * 1000
    add_client(desk, "Tulevaisuus", "Aikamatkaaja")
    refused(coord, export_bundle(desk, out).path, "clock_ahead")


def test_reused_change_numbers_are_caught(setup):
    coord, desk, _, good, _ = setup
    import_bundle(coord, good)
    m, sections = manifest_of(good, coord)
    lines = [json.loads(x) for x in __import__("zstandard").ZstdDecompressor().decompress(
        sections["records"]).splitlines()]
    lines[-1]["hlc"] = lines[-1]["hlc"].replace(".00000@", ".00007@")
    lines[-1]["data"] = {"first_name": "Toinen"} if lines[-1]["op"] != "delete" else {}
    blob, m["records"] = records_blob(lines)
    refused_import_only(coord, reseal(good, desk, [coord], m, blob), "seq_clash")


def _one_record_bundle(setup, record: dict):
    coord, desk, _, good, _ = setup
    m, _ = manifest_of(good, coord)
    origin = desk.store.device_id
    have = max(ln for ln in [m["ranges"][origin]["upto"]])
    import_bundle(coord, good)
    line = {"origin": origin, "seq": have + 1, "hlc": f"{desk.store.clock.tick()}",
            "table": "client", "row": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "op": "insert",
            "data": {"first_name": "A", "last_name": "B"}, "ctx": {}, "staff": None,
            "at": "2026-11-23T08:00:00.000000Z", **record}
    blob, rec = records_blob([line])
    m.update(ranges={origin: {"after": have, "upto": have + 1}}, records=rec)
    return reseal(good, desk, [coord], m, blob)


def test_a_record_the_schema_refuses_rolls_everything_back(setup):
    coord = setup[0]
    path = _one_record_bundle(setup, {"data": {"first_name": "A", "last_name": "B",
                                               "gender": "alien"}})
    refused_import_only(coord, path, "rejected_record")


def test_an_update_of_a_record_never_seen_is_refused(setup):
    coord = setup[0]
    path = _one_record_bundle(setup, {"op": "update", "data": {"phone": "1"}})
    refused_import_only(coord, path, "missing_row")


def refused_import_only(desk, path, code):
    before = whole_db(desk)
    with pytest.raises(BundleError) as info:
        import_bundle(desk, path)
    assert info.value.code == code
    assert whole_db(desk) == before
    assert desk.store.scalar("PRAGMA integrity_check") == "ok"
    # The connection is usable afterwards (the transaction was rolled back).
    assert desk.store.conn.in_transaction is False
    with pytest.raises(sqlite3.IntegrityError):
        desk.store.conn.execute("DELETE FROM client")
