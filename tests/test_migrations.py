"""Older files are upgraded in one transaction; the result matches a fresh file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from duunikulma_tui.store import StoreError, migrations, open_store
from duunikulma_tui.store.schema import schema_version

V1_FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.db"


def structure(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    return {(t, " ".join((sql or "").split())) for t, _n, sql in rows}


@pytest.fixture
def v1_file(tmp_path):
    """A copy of a database made by schema version 1 (committed when v1 was current)."""
    path = tmp_path / "old.db"
    shutil.copy(V1_FIXTURE, path)
    return path


def test_the_fixture_really_is_version_1(v1_file):
    conn = sqlite3.connect(v1_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_version_1_file_is_upgraded_to_match_a_fresh_database(tmp_path, v1_file):
    store = open_store(v1_file)
    fresh = open_store(tmp_path / "fresh.db")
    try:
        assert store.scalar("PRAGMA user_version") == schema_version()
        assert structure(store.conn) == structure(fresh.conn)
        # Rows made under version 1 are still there and reach the new search index.
        found = store.query(
            "SELECT c.last_name FROM client_search s JOIN client c ON c.rowid = s.rowid "
            "WHERE client_search MATCH 'makinen' ORDER BY c.first_name")
        assert [r["last_name"] for r in found] == ["Mäkinen", "Makinen"]
    finally:
        store.close()
        fresh.close()


def test_a_failing_upgrade_changes_nothing(v1_file, monkeypatch):
    real = migrations.steps
    monkeypatch.setattr(migrations, "steps",
                        lambda a, b: real(a, b) + ["INSERT INTO no_such_table VALUES (1)"])
    with pytest.raises(StoreError) as info:
        open_store(v1_file)
    assert info.value.code == "migration_failed"
    conn = sqlite3.connect(v1_file)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "client_search" not in names
    finally:
        conn.close()


def test_every_version_section_splits_into_complete_statements():
    for version in range(2, schema_version() + 1):
        assert migrations.split_statements(migrations.section(version))


def test_search_index_follows_inserts_updates_and_deletes(store):
    from duunikulma_tui.store import records

    cid = records.insert(store, "client", {"first_name": "Anna", "last_name": "Mäkinen",
                                           "phone": "+358401234567"}, None)

    def hits(q):
        return store.scalar("SELECT COUNT(*) FROM client_search WHERE client_search MATCH ?", (q,))

    assert hits("makinen") == 1 and hits('"0401234567"') == 1
    records.update(store, "client", cid, {"last_name": "Laine"}, None)
    assert hits("makinen") == 0 and hits("laine") == 1
    records.soft_delete(store, "client", cid, None)
    assert hits("laine") == 0
