"""Steps that bring an older database file up to schema.sql's version.

MIGRATIONS[n] turns a version-n file into version n+1. Every step runs inside
the one transaction `migrate` opens, so a file is either fully upgraded or
untouched. A test builds a version-1 file and checks it ends up identical in
structure to a fresh database made from schema.sql.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: dict[int, list[str]] = {}


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int) -> None:
    """Apply MIGRATIONS[from_version .. to_version-1] in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(from_version, to_version):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(to_version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
