"""The audit log: append-only, hash-chained, written by services."""

from __future__ import annotations

import sqlite3

import pytest

from duunikulma_tui.store import audit


def test_rows_chain_and_verify(store):
    for action in ("sign_in", "create", "view_personal"):
        audit.append(store, staff_id="s1", action=action, table_name="client", record_id="c1")
    assert audit.verify_chain(store) is None
    rows = store.query("SELECT prev_hash, hash FROM audit_log ORDER BY seq")
    assert rows[0]["prev_hash"] == audit.GENESIS
    assert rows[1]["prev_hash"] == rows[0]["hash"]


def test_update_and_delete_are_refused(store):
    audit.append(store, staff_id="s1", action="sign_in")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE audit_log SET staff_id = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("DELETE FROM audit_log")


def test_tampering_behind_the_triggers_is_detected(store):
    for action in ("sign_in", "create", "update"):
        audit.append(store, staff_id="s1", action=action)
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET staff_id = 'mallory' WHERE seq = 2")
    assert audit.verify_chain(store) == 2


def test_unknown_actions_are_refused(store):
    with pytest.raises(sqlite3.IntegrityError):
        audit.append(store, staff_id="s1", action="drop_everything")
