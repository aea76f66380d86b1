"""Bundles between real database files: incremental, idempotent, conflicts kept."""

from __future__ import annotations

import pytest

from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.services.sync import conflicts, peers
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.exporter import export_bundle, weekly_bundle
from duunikulma_tui.services.sync.importer import import_bundle, import_many
from duunikulma_tui.services.sync.status import overview
from duunikulma_tui.services.sync.verify import verify_bundle
from duunikulma_tui.store import records

from .test_sync_support import add_client, content_hash, network, send, whole_db


@pytest.fixture
def net(tmp_path):
    desks = network(tmp_path)
    yield desks
    for d in desks:
        d.close()


def test_a_desk_bundle_reaches_the_coordinator_and_a_replay_changes_nothing(net, tmp_path):
    coord, desk, _ = net
    cid = add_client(desk, "Matti", "Virtanen")
    out = tmp_path / "out"
    out.mkdir()
    res = export_bundle(desk, out)
    assert res.recipients == ("koordinaattori",)
    first = import_bundle(coord, res.path)
    assert first.applied == res.changes and not first.already
    assert records.get(coord.store, "client", cid)["last_name"] == "Virtanen"
    before = content_hash(coord)
    again = import_bundle(coord, res.path)
    assert again.already and again.skipped == res.changes
    assert content_hash(coord) == before
    assert coord.store.scalar("SELECT COUNT(*) FROM sync_bundle WHERE direction = 'in'") == 1


def test_bundles_carry_only_what_the_peer_has_not_acknowledged(net, tmp_path):
    coord, desk, _ = net
    out = tmp_path / "out"
    add_client(desk, "Matti", "Virtanen")
    first = send(desk, coord, out)
    # Nothing acknowledged yet: the next bundle repeats everything (a lost bundle is covered).
    add_client(desk, "Liisa", "Korhonen")
    second = send(desk, coord, out)
    assert second.skipped == first.applied and second.applied == 1
    # The coordinator's bundle acknowledges; afterwards only new changes go.
    send(coord, desk, out)
    assert overview(desk).waiting == 0
    add_client(desk, "Kari", "Hyvönen")
    third = send(desk, coord, out)
    assert (third.changes, third.applied, third.skipped) == (1, 1, 0)


def test_a_lost_bundle_is_covered_by_the_next_one(net, tmp_path):
    coord, desk, _ = net
    out = tmp_path / "out"
    out.mkdir()
    add_client(desk, "Matti", "Virtanen")
    export_bundle(desk, out)  # lost on the way
    add_client(desk, "Liisa", "Korhonen")
    res = send(desk, coord, out)
    assert coord.store.scalar("SELECT COUNT(*) FROM client") == 2
    assert res.skipped == 0


def test_weekly_bundle_gives_every_desk_everyones_records(net, tmp_path):
    coord, d1, d2 = net
    out = tmp_path / "out"
    out.mkdir()
    add_client(d1, "Matti", "Virtanen")
    add_client(d2, "Liisa", "Korhonen")
    import_bundle(coord, export_bundle(d1, out).path)
    import_bundle(coord, export_bundle(d2, out).path)
    weekly = weekly_bundle(coord, out, "2026-W48")
    assert "2026-W48" in weekly.path.name and set(weekly.recipients) == {"piste1", "piste2"}
    assert verify_bundle(d1, weekly.path).week == "2026-W48"
    for d in (d1, d2):
        import_bundle(d, weekly.path)
    assert content_hash(d1) == content_hash(d2) == content_hash(coord)
    # Acknowledgements travel back: the next desk bundle carries nothing old.
    assert export_bundle(d1, out).changes == 0


def test_a_gap_is_refused_and_import_many_retries_it_after_the_earlier_bundle(tmp_path):
    coord, desk = network(tmp_path, ("k", "p"))
    out = tmp_path / "out"
    out.mkdir()
    db = coord.store.path
    try:
        add_client(desk, "Matti", "Virtanen")
        b1 = export_bundle(desk, out)
        coord.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        backup = db.read_bytes()  # the coordinator's backup from before b1
        import_bundle(coord, b1.path)
        send(coord, desk, out)  # acknowledges b1: the next bundle starts after it
        add_client(desk, "Liisa", "Korhonen")
        b2 = export_bundle(desk, out)
    finally:
        coord.close()
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    db.write_bytes(backup)  # the coordinator is restored from its backup
    restored = open_desk(db)
    try:
        before = whole_db(restored)
        with pytest.raises(BundleError) as info:
            import_bundle(restored, b2.path)
        assert info.value.code == "gap" and info.value.params["needs"] > 0
        assert whole_db(restored) == before
        assert not verify_bundle(restored, b1.path).gap and verify_bundle(restored, b2.path).gap
        results = import_many(restored, [b2.path, b1.path])
        assert [type(r).__name__ for _, r in results] == ["ImportResult", "ImportResult"]
        assert restored.store.scalar("SELECT COUNT(*) FROM client") == 2
        assert content_hash(restored) != ""  # opens and reads fine
    finally:
        restored.close()
        desk.close()


def test_different_fields_merge_and_the_same_field_makes_one_kept_conflict(net, tmp_path):
    coord, d1, d2 = net
    out = tmp_path / "out"
    cid = add_client(d1, "Matti", "Virtanen")
    send(d1, coord, out)
    send(coord, d2, out)
    records.update(d1.store, "client", cid, {"phone": "0401111111", "note": "d1"}, None)
    records.update(d2.store, "client", cid, {"phone": "0402222222", "municipality": "Kuopio"},
                   None)
    send(d1, coord, out)
    send(d2, coord, out)
    for d in (d1, d2):
        send(coord, d, out)
    send(d1, coord, out)
    send(d2, coord, out)
    for d in (d1, d2):
        send(coord, d, out)
    assert content_hash(d1) == content_hash(d2) == content_hash(coord)
    row = records.get(coord.store, "client", cid)
    assert (row["note"], row["municipality"]) == ("d1", "Kuopio")  # merged, no conflict
    found = conflicts.open_conflicts(coord)
    assert [(c.field, c.kind) for c in found] == [("phone", "edit_edit")]
    assert row["phone"] == found[0].winner_value  # the winner is what every machine shows
    assert {found[0].winner_value, found[0].loser_value} == {"0401111111", "0402222222"}
    assert [c.id for c in conflicts.open_conflicts(d1)] == [found[0].id]


def test_resolving_takes_the_other_value_everywhere(net, tmp_path):
    coord, d1, _ = net
    out = tmp_path / "out"
    cid = add_client(d1, "Matti", "Virtanen")
    send(d1, coord, out)
    send(coord, d1, out)
    records.update(d1.store, "client", cid, {"phone": "0401"}, None)
    records.update(coord.store, "client", cid, {"phone": "0402"}, None)
    send(d1, coord, out)
    send(coord, d1, out)
    (item,) = conflicts.open_conflicts(coord)
    conflicts.resolve_conflict(coord, item.id, "take_other")
    with pytest.raises(BundleError) as info:
        conflicts.resolve_conflict(coord, item.id, "keep")
    assert info.value.code == "conflict_resolved"
    send(coord, d1, out)
    send(d1, coord, out)
    assert conflicts.open_conflicts(d1) == [] == conflicts.open_conflicts(coord)
    assert records.get(d1.store, "client", cid)["phone"] == item.loser_value
    assert content_hash(d1) == content_hash(coord)


def test_delete_against_edit_is_a_conflict_and_the_delete_sticks(net, tmp_path):
    coord, d1, _ = net
    out = tmp_path / "out"
    cid = add_client(d1, "Matti", "Virtanen")
    send(d1, coord, out)
    send(coord, d1, out)
    records.soft_delete(coord.store, "client", cid, None)
    records.update(d1.store, "client", cid, {"phone": "0401"}, None)  # later, stale
    send(d1, coord, out)
    send(coord, d1, out)
    for d in (coord, d1):
        assert records.get(d.store, "client", cid) is None  # not brought back
        (c,) = conflicts.open_conflicts(d)
        assert (c.kind, c.field, c.winner_value, c.loser_value) == (
            "delete_edit", "deleted", None, {"phone": "0401"})
    assert content_hash(d1) == content_hash(coord)
    with pytest.raises(BundleError):
        conflicts.resolve_conflict(d1, c.id, "take_other")
    conflicts.resolve_conflict(d1, c.id, "keep")


def test_the_same_person_on_two_desks_is_a_possible_duplicate(net, tmp_path):
    coord, d1, d2 = net
    out = tmp_path / "out"
    add_client(d1, "Matti", "Virtanen", identity_code="131052-308T")
    add_client(d2, "Matti", "Virtanen", identity_code="131052-308T")
    send(d1, coord, out)
    res = send(d2, coord, out)
    assert res.duplicates == 1
    (group,) = conflicts.possible_duplicates(coord)
    assert group.kind == "client" and len(group.ids) == 2
    assert "308" not in group.key  # the code is masked


def test_a_removed_desk_cannot_read_new_bundles_and_its_bundles_are_refused(net, tmp_path):
    coord, d1, d2 = net
    out = tmp_path / "out"
    out.mkdir()
    add_client(coord, "Matti", "Virtanen")
    peers.remove_peer(coord, "piste2")
    weekly = weekly_bundle(coord, out, "2026-W48")
    assert weekly.recipients == ("piste1",)
    import_bundle(d1, weekly.path)
    before = whole_db(d2)
    with pytest.raises(BundleError) as info:
        import_bundle(d2, weekly.path)
    assert info.value.code == "wrong_recipient" and whole_db(d2) == before
    late = export_bundle(d2, out)
    with pytest.raises(BundleError) as info:
        import_bundle(coord, late.path)
    assert info.value.code == "signer_removed"


def test_own_bundle_is_refused_but_can_be_verified(net, tmp_path):
    coord, d1, _ = net
    out = tmp_path / "out"
    out.mkdir()
    res = export_bundle(d1, out)
    assert verify_bundle(d1, res.path).own
    with pytest.raises(BundleError) as info:
        import_bundle(d1, res.path)
    assert info.value.code == "own_bundle"


def test_export_without_peers_or_to_an_unknown_peer_is_refused(tmp_path):
    (alone,) = network(tmp_path, ("yksin",))
    try:
        for kwargs, code in (({}, "no_peers"), ({"to": ["nobody"]}, "unknown_peer")):
            with pytest.raises(BundleError) as info:
                export_bundle(alone, tmp_path, **kwargs)
            assert info.value.code == code
        with pytest.raises(BundleError) as info:
            weekly_bundle(alone, tmp_path, "2026-W54")
        assert info.value.code == "bad_week"
        assert list(tmp_path.glob("*.age")) == []
    finally:
        alone.close()
