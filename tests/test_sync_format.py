"""The bundle format: documented completely, readable by `age`, version 1 keeps importing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.services.sync import container, keys
from duunikulma_tui.services.sync.errors import CODES
from duunikulma_tui.services.sync.exporter import export_bundle
from duunikulma_tui.services.sync.importer import import_bundle
from duunikulma_tui.services.sync.manifest import RECORD_KEYS, SIGNATURE_KEYS
from duunikulma_tui.services.sync.peers import add_peer_from_file
from duunikulma_tui.services.sync.verify import verify_bundle
from duunikulma_tui.store import records

from .test_sync_support import add_client, network, open_plain

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "bundle-format.md").read_text(encoding="utf-8")
FIXTURE = Path(__file__).parent / "fixtures" / "bundle_v1"


@pytest.fixture
def pair(tmp_path):
    coord, desk = network(tmp_path, ("k", "p"))
    add_client(desk, "Matti", "Virtanen")
    out = tmp_path / "out"
    out.mkdir()
    yield coord, desk, export_bundle(desk, out).path
    coord.close()
    desk.close()


def _paths(value: object, prefix: str = "") -> set[str]:
    """Field names of a JSON object, nested ones as `parent.child` (not per-device keys)."""
    out = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if re.fullmatch(r"[0-9A-Z]{26}", key):  # a device id: its fields count, not it
                out |= _paths(inner, prefix)
                continue
            out.add(key)
            out |= _paths(inner, key + ".")
    elif isinstance(value, list):
        for inner in value:
            out |= _paths(inner, prefix)
    return out


def test_every_manifest_field_is_documented(pair):
    coord, _, path = pair
    manifest = json.loads(open_plain(path, coord)["manifest"])
    documented = set(re.findall(r"`([a-z_0-9]+)`", DOC))
    missing = {p.split(".")[-1] for p in _paths(manifest)} - documented
    assert not missing, f"fields missing from docs/bundle-format.md: {sorted(missing)}"


def test_every_record_and_signature_field_and_error_is_documented():
    documented = set(re.findall(r"`([a-z_0-9]+)`", DOC))
    for names in (RECORD_KEYS, SIGNATURE_KEYS, CODES[:CODES.index("no_peers")]):
        assert set(names) <= documented, sorted(set(names) - documented)


def test_the_version_1_fixture_keeps_importing(tmp_path):
    expected = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
    secret = json.loads((FIXTURE / "receiver.key").read_text())
    desk = open_desk(tmp_path / "new.db")
    try:
        keys.install_keys(desk.store, secret["age_identity"], secret["sign_key"])
        add_peer_from_file(desk, FIXTURE / "sender.peer.json")
        info = verify_bundle(desk, FIXTURE / "bundle.age")
        assert (info.format, info.sender, info.changes) == (1, "Piste 1", expected["changes"])
        res = import_bundle(desk, FIXTURE / "bundle.age")
        assert res.applied == expected["changes"]
        clients = [[r["last_name"], r["first_name"], r["deleted"], r["note"]]
                   for r in desk.store.query("SELECT * FROM client ORDER BY last_name")]
        assert clients == expected["clients"]
        assert desk.store.scalar("SELECT COUNT(*) FROM appointment") == expected["appointments"]
        assert desk.store.scalar("SELECT COUNT(*) FROM client_language") == expected["languages"]
        assert import_bundle(desk, FIXTURE / "bundle.age").already
    finally:
        desk.close()


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_the_standard_age_tool_opens_a_bundle(pair, tmp_path):
    coord, _, path = pair
    key = tmp_path / "key.txt"
    key.write_text(coord.store.meta_get(keys.META_AGE) + "\n")
    plain = subprocess.run(["age", "-d", "-i", str(key), str(path)], capture_output=True,
                           check=True).stdout
    assert plain.startswith(b"DUUNIKULMA-BUNDLE 1\nmanifest ")
    assert container.unframe(plain)["manifest"] == open_plain(path, coord)["manifest"]


@settings(max_examples=40, deadline=None, database=None)
@given(st.integers(0, 3 * 65536), st.integers(0, 3000))
def test_padding_makes_the_payload_a_multiple_of_the_quantum(records_size, manifest_size):
    plain = container.frame(b"m" * manifest_size, b"s", b"r" * records_size)
    assert container.payload_size(len(plain)) % container.QUANTUM == 0
    assert container.unframe(plain)["records"] == b"r" * records_size


def test_a_week_of_one_desk_fits_the_budget(tmp_path):
    """About 500 changed records: a small file, written quickly (issue 5's targets)."""
    coord, desk = network(tmp_path, ("k", "p"))
    out = tmp_path / "out"
    out.mkdir()
    try:
        rows = [{"first_name": f"Etu{i}", "last_name": f"Suku{i % 97}", "status": "active",
                 "gender": ("woman", "man")[i % 2], "municipality": "Kuopio",
                 "phone": f"+35840{i:07d}", "birth_year": 1960 + i % 40} for i in range(400)]
        records.bulk_insert(desk.store, "client", rows)
        for row in desk.store.query("SELECT id FROM client LIMIT 100"):
            records.update(desk.store, "client", row["id"], {"note": "soitettu"}, None)
        res = export_bundle(desk, out)
        assert res.changes >= 500
        assert res.size <= 60_000 and res.seconds <= 1.5
        assert import_bundle(coord, res.path).applied == res.changes
    finally:
        coord.close()
        desk.close()
