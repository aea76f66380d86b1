"""The store: creation from schema.sql, pragmas, bookkeeping, refusals of bad files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess

import pytest

from duunikulma_tui.store import StoreError, open_store, records
from duunikulma_tui.store.schema import schema_version


def test_new_file_is_made_from_schema_sql_and_owner_only(tmp_path, store):
    assert store.scalar("PRAGMA user_version") == schema_version()
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000
    records.insert(store, "staff", {"first_name": "Sari", "last_name": "Koskinen"}, None)
    for name in ("test.db", "test.db-wal"):
        mode = stat.S_IMODE(os.stat(tmp_path / name).st_mode)
        assert mode == 0o600, (name, oct(mode))


def test_device_identity_is_made_once_and_kept(tmp_path):
    path = tmp_path / "a.db"
    first = open_store(path, device_name="laina-2")
    device = first.device_id
    first.close()
    again = open_store(path)
    try:
        assert again.device_id == device
        assert again.scalar("SELECT name FROM device WHERE id = ?", (device,)) == "laina-2"
    finally:
        again.close()


def test_every_synced_table_has_the_bookkeeping_columns(store):
    tables = records.synced_tables(store)
    assert {"client", "agreement_period", "quick_contact", "employer", "employer_contact",
            "job_opening", "appointment", "appointment_participant", "referral", "provider",
            "match_proposal", "match_status_change", "employment_outcome", "self_assessment",
            "survey_answer", "staff", "device"} <= set(tables)
    for table in tables:
        cols = {r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")}
        assert set(records.BOOKKEEPING) <= cols, table


def test_insert_update_delete_keep_bookkeeping_and_change_log(store):
    sid = records.insert(store, "staff", {"first_name": "Sari", "last_name": "Koskinen"}, None)
    assert len(sid) == 26  # a ULID
    row = records.get(store, "staff", sid)
    assert row["version"] == 1 and row["origin_device"] == store.device_id
    assert row["created_at"].endswith("Z")

    assert records.update(store, "staff", sid, {"title": "ohjaaja"}, sid) is True
    assert records.update(store, "staff", sid, {"title": "ohjaaja"}, sid) is False  # no change
    row2 = records.get(store, "staff", sid)
    assert row2["version"] == 2 and row2["updated_by"] == sid and row2["hlc"] > row["hlc"]

    assert records.soft_delete(store, "staff", sid, sid) is True
    assert records.get(store, "staff", sid) is None
    assert records.get(store, "staff", sid, include_deleted=True)["deleted"] == 1
    ops = [r["op"] for r in store.query(
        "SELECT op FROM change_log WHERE row_id = ? ORDER BY seq", (sid,))]
    assert ops == ["insert", "update", "delete"]
    seqs = [r["device_seq"] for r in store.query("SELECT device_seq FROM change_log ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))


def test_hard_delete_of_a_synced_row_is_refused(store):
    sid = records.insert(store, "staff", {"first_name": "Sari", "last_name": "K"}, None)
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("DELETE FROM staff WHERE id = ?", (sid,))


def test_a_failed_transaction_leaves_nothing_behind(store):
    before = store.scalar("SELECT COUNT(*) FROM change_log")
    with pytest.raises(RuntimeError):
        with store.transaction():
            records.insert(store, "staff", {"first_name": "A", "last_name": "B"}, None)
            raise RuntimeError("crash in the middle")
    assert store.scalar("SELECT COUNT(*) FROM staff") == 0
    assert store.scalar("SELECT COUNT(*) FROM change_log") == before


def test_unknown_fields_are_refused_before_writing(store):
    with pytest.raises(ValueError):
        records.insert(store, "staff", {"first_name": "A", "last_name": "B", "hacker": 1}, None)
    with pytest.raises(ValueError):
        records.insert(store, "staff", {"first_name": "A", "last_name": "B", "version": 9}, None)


@pytest.mark.parametrize("content, code", [
    (b"this is a text file, not a database\n" * 10, "not_sqlite"),
    (b"SQLite format 3\x00" + b"\xff" * 2000, "corrupt"),
])
def test_bad_files_are_refused_and_untouched(tmp_path, content, code):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == code
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_a_directory_and_a_missing_directory_are_refused(tmp_path):
    with pytest.raises(StoreError) as info:
        open_store(tmp_path)
    assert info.value.code == "is_directory"
    with pytest.raises(StoreError) as info:
        open_store(tmp_path / "nope" / "x.db")
    assert info.value.code == "no_directory"


def test_an_unwritable_place_is_refused(tmp_path):
    place = tmp_path / "locked"
    place.mkdir()
    # Root ignores permission bits, so as root the directory is made immutable.
    lock = ["chattr", "+i", str(place)] if os.geteuid() == 0 else None
    if lock:
        subprocess.run(lock, check=True)
    else:
        place.chmod(0o500)
    try:
        with pytest.raises(StoreError) as info:
            open_store(place / "x.db")
        assert info.value.code == "not_writable"
    finally:
        if lock:
            subprocess.run(["chattr", "-i", str(place)], check=True)
        place.chmod(0o700)
    assert list(place.iterdir()) == []


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "foreign_database"
    assert path.read_bytes() == before


def test_a_newer_database_is_refused_and_untouched(tmp_path, store):
    path = tmp_path / "test.db"
    store.conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    store.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "newer_schema"
    assert info.value.params == {"found": schema_version() + 1, "supported": schema_version()}
    assert path.read_bytes() == before
    store.conn = sqlite3.connect(":memory:")  # let the fixture close something


def test_two_connections_wait_instead_of_failing(tmp_path):
    path = tmp_path / "shared.db"
    a = open_store(path)
    b = open_store(path)
    try:
        with a.transaction():
            records.insert(a, "staff", {"first_name": "A", "last_name": "A"}, None)
        with b.transaction():
            records.insert(b, "staff", {"first_name": "B", "last_name": "B"}, None)
        assert a.scalar("SELECT COUNT(*) FROM staff") == 2
    finally:
        a.close()
        b.close()
