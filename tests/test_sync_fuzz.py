"""Fuzzing the manifest and record parsers behind a valid crypto layer.

Every input here is properly signed by a known peer and encrypted to the
receiver, so it reaches the parsers and the apply step. Whatever it holds,
an import either succeeds or raises BundleError, and a refused import
leaves the database exactly as it was.
"""

from __future__ import annotations

import copy
import os
import json

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.exporter import export_bundle
from duunikulma_tui.services.sync.importer import import_bundle
from duunikulma_tui.services.sync.manifest import MANIFEST_KEYS, RECORD_KEYS

from .test_sync_support import add_client, network, open_plain, records_blob, reseal, whole_db

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
JUNK = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=6)
FIELDS = ["phone", "gender", "status", "max_travel_km", "note", "disability",
          "responsible_staff_id", "identity_code"]
FUZZ = settings(max_examples=int(os.environ.get("SYNC_FUZZ_EXAMPLES", "60")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    coord, desk = network(base, ("k", "p"))
    add_client(desk, "Matti", "Virtanen")
    out = base / "out"
    out.mkdir()
    good = export_bundle(desk, out).path
    import_bundle(coord, good)
    yield coord, desk, good, out
    coord.close()
    desk.close()


def base_manifest(world, lines: list[dict]) -> tuple[dict, bytes]:
    """The good bundle's manifest, redone for these lines (which follow what coord holds)."""
    coord, desk, good, _ = world
    m = json.loads(open_plain(good, coord)["manifest"])
    blob, rec = records_blob(lines)
    origin = desk.store.device_id
    after = int(coord.store.scalar("SELECT MAX(device_seq) FROM change_log WHERE device_id = ?",
                                   (origin,)))
    m["ranges"] = {origin: {"after": after, "upto": after + len(lines)}}
    m["records"] = rec
    return m, blob


BAD = {"table": st.sampled_from(["employer", "sync_conflict", "nope", "local_meta",
                                  "client_search"]),
       "row": st.just(""), "op": st.sampled_from(["update", "delete", "drop"]),
       "data": st.dictionaries(st.sampled_from(FIELDS), SCALARS, max_size=3),
       "ctx": st.sampled_from([{"x": 1}, {"y": -1}, [], {"z": 2**70}]),
       "staff": st.sampled_from([7, "", "s" * 100]), "at": st.just("yesterday"),
       "seq": st.sampled_from([0, -1, 10**6, "1", True]), "origin": st.just("someone"),
       "hlc": st.sampled_from(["", "0000000000001.00000@x", "1.1@x"])}


@st.composite
def record_lines(draw, world):
    """New clients, mostly valid; some lines break one field or one key."""
    coord, desk, _, _ = world
    origin = desk.store.device_id
    start = int(coord.store.scalar("SELECT MAX(device_seq) FROM change_log WHERE device_id = ?",
                                   (origin,)))
    lines = []
    for i in range(draw(st.integers(1, 3))):
        line = {"origin": origin, "seq": start + 1 + i, "hlc": str(desk.store.clock.tick()),
                "table": "client", "row": draw(st.sampled_from(
                    ["01ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAW"])),
                "op": "insert", "data": {"first_name": draw(st.text(min_size=1, max_size=8)),
                                         "last_name": draw(st.text(min_size=1, max_size=8)),
                                         **draw(st.dictionaries(st.sampled_from(FIELDS), SCALARS,
                                                                max_size=2))},
                "ctx": {}, "staff": None, "at": "2026-11-23T08:00:00.000000Z"}
        how = draw(st.sampled_from(["valid", "valid", "valid", "field", "key"]))
        if how == "field":
            key = draw(st.sampled_from(sorted(BAD)))
            line[key] = draw(BAD[key])
        elif how == "key":
            key = draw(st.sampled_from(RECORD_KEYS))
            if draw(st.booleans()):
                del line[key]
            else:
                line[key] = draw(JUNK)
        lines.append(line)
    return lines


def refused_or_applied(coord, path):
    before = whole_db(coord)
    try:
        import_bundle(coord, path)
        event("imported")
    except BundleError as err:
        event(err.code)
        assert whole_db(coord) == before
        assert coord.store.conn.in_transaction is False


def test_fuzzed_record_lines(world):
    @FUZZ
    @given(data=st.data())
    def run(data):
        lines = data.draw(record_lines(world))
        m, blob = base_manifest(world, lines)
        coord, desk, good, out = world
        refused_or_applied(coord, reseal(out / "fuzz.age", desk, [coord], m, blob))
    run()


def test_fuzzed_manifests(world):
    @FUZZ
    @given(data=st.data())
    def run(data):
        coord, desk, good, out = world
        m, blob = base_manifest(world, data.draw(record_lines(world)))
        m = copy.deepcopy(m)
        for _ in range(data.draw(st.integers(1, 3))):
            action = data.draw(st.sampled_from(["replace", "delete", "add", "nested"]))
            key = data.draw(st.sampled_from(MANIFEST_KEYS))
            if action == "replace":
                m[key] = data.draw(JUNK)
            elif action == "delete":
                m.pop(key, None)
            elif action == "add":
                m[data.draw(st.text(max_size=8))] = data.draw(JUNK)
            elif isinstance(m.get(key), dict) and m[key]:
                inner = data.draw(st.sampled_from(sorted(m[key])))
                m[key][inner] = data.draw(JUNK)
        refused_or_applied(coord, reseal(out / "fuzz.age", desk, [coord], m, blob))
    run()


def test_fuzzed_raw_sections(world):
    @FUZZ
    @given(manifest=st.binary(max_size=200), records=st.binary(max_size=200),
           signed=st.booleans())
    def run(manifest, records, signed):
        coord, desk, good, out = world
        sig = None if signed else b'{"alg":"ed25519"}'
        refused_or_applied(coord, reseal(out / "fuzz.age", desk, [coord], manifest, records,
                                         signature=sig))
    run()

