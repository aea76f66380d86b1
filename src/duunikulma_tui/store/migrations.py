"""Bringing an older database file up to schema.sql's version.

schema.sql is written in versioned sections: everything before the first
"-- @version N" marker is version 1, and each marker starts the section that
version N added. Upgrading from N-1 to N runs that section, then any data
backfill listed in BACKFILL[N], all inside one transaction: a file is either
fully upgraded or left as it was.
"""

from __future__ import annotations

import re
import sqlite3

from duunikulma_tui.store.schema import schema_sql

_MARKER = re.compile(r"^-- @version (\d+)\b.*$", re.MULTILINE)

# Data a new version needs computed from rows an older file already holds.
BACKFILL: dict[int, list[str]] = {
    2: ["""
        INSERT INTO client_search (rowid, name, contact, municipality, code_tail)
        SELECT rowid, first_name || ' ' || last_name,
               COALESCE(phone, '') || ' ' ||
                 CASE WHEN phone LIKE '+358%' THEN '0' || substr(phone, 5) ELSE '' END
                 || ' ' || COALESCE(email, ''),
               COALESCE(municipality, ''), COALESCE(substr(identity_code, -4), '')
        FROM client WHERE deleted = 0
    """],
}


def section(version: int) -> str:
    """The SQL that `version` added to schema.sql."""
    text = schema_sql()
    marks = list(_MARKER.finditer(text))
    for i, mark in enumerate(marks):
        if int(mark.group(1)) == version:
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            return text[mark.end():end]
    raise KeyError(f"schema.sql has no section for version {version}")


def split_statements(sql: str) -> list[str]:
    """Complete SQL statements, in order (triggers with inner semicolons stay whole)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer[:80]!r}")
    return statements


def steps(from_version: int, to_version: int) -> list[str]:
    """Every statement that upgrades a file from `from_version` to `to_version`."""
    out: list[str] = []
    for version in range(from_version + 1, to_version + 1):
        out += split_statements(section(version)) + BACKFILL.get(version, [])
    return out


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int) -> None:
    """Upgrade in one transaction; on any error nothing is changed."""
    plan = steps(from_version, to_version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in plan:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(to_version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
