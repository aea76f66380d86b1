"""Opening the one SQLite file safely: checks, creation, migration, pragmas.

Everything that can be wrong with --db is found here before anything is
written, and reported as a StoreError whose `code` names a catalog message.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from duunikulma_tui.domain.hlc import Clock, Stamp
from duunikulma_tui.domain.ids import new_id, utc_now, utc_stamp
from duunikulma_tui.store.migrations import migrate
from duunikulma_tui.store.schema import schema_sql, schema_version

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000


class StoreError(Exception):
    """The database file cannot be used. `code` is a catalog key under `store.`."""

    def __init__(self, code: str, path: Path, **params: object):
        super().__init__(f"{code}: {path}")
        self.code = code
        self.path = path
        self.params = params


def _check_path(path: Path) -> bool:
    """Refuse unusable paths before touching anything; True when the file exists."""
    if path.is_dir():
        raise StoreError("is_directory", path)
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError("not_writable", path)
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise StoreError("not_sqlite", path)
        return bool(header)
    parent = path.parent
    if not parent.is_dir():
        raise StoreError("no_directory", path)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError("not_writable", path)
    return False


def _inspect(path: Path) -> tuple[int, bool]:
    """(user_version, looks like ours) read without writing a byte."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            # Reading the schema catches a damaged header or a non-database
            # file; a full integrity check would cost seconds on a large file.
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError("corrupt", path, detail=str(exc)) from exc
    ours = "local_meta" in names or not names
    return version, ours


def _create_file(path: Path) -> None:
    """Create the file owner-only (0600) before SQLite opens it: it holds personal data."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE) so
    # a write never upgrades a read lock halfway and deadlocks another window.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


class Store:
    """One open database file with this machine's identity and clock."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._lock = threading.RLock()
        self._depth = 0
        self._owner = threading.get_ident()
        self._tx_thread: int | None = None
        self._readers = threading.local()
        self.device_id = self.meta_get("device_id") or ""
        last = self.meta_get("hlc")
        self.clock = Clock(self.device_id, Stamp.parse(last) if last else None,
                           lambda: int(utc_now().timestamp() * 1000))

    # -- transactions ------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block of writes; nested blocks join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._tx_thread = threading.get_ident()
            try:
                yield
                self.meta_set("hlc", str(self.clock.last))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                # The clock may have moved past stamps that were rolled back;
                # that is harmless (stamps only need to grow), so keep it.
                raise
            finally:
                self._depth = 0
                self._tx_thread = None

    # -- local facts -------------------------------------------------------
    def meta_get(self, key: str) -> str | None:
        """A value from local_meta, or None."""
        row = self.conn.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def meta_set(self, key: str, value: str) -> None:
        """Set a local_meta value (inside the caller's transaction, if any)."""
        self.conn.execute(
            "INSERT INTO local_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def _reader(self) -> sqlite3.Connection:
        """The connection a read should use on this thread.

        Background threads (Textual workers) read through a connection of
        their own: in WAL mode readers never wait for each other, so a quick
        read for the screen does not queue behind a long count in another
        worker. A thread inside a transaction reads through the writer, to see
        its own uncommitted rows.
        """
        me = threading.get_ident()
        if me == self._owner or me == self._tx_thread:
            return self.conn
        reader = getattr(self._readers, "conn", None)
        if reader is None:
            reader = sqlite3.connect(self.path, check_same_thread=True,
                                     timeout=BUSY_TIMEOUT_MS / 1000)
            reader.execute("PRAGMA query_only = ON")
            self._readers.conn = reader
        return reader

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Rows of a read-only query as dicts."""
        cur = self._reader().execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: tuple | dict = ()):
        """The first column of the first row, or None."""
        row = self._reader().execute(sql, params).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.conn.close()


def _initialise(store: Store, device_name: str) -> None:
    """A new file's identity: this machine's device row and id."""
    device_id = new_id()
    now = utc_stamp()
    store.device_id = device_id
    store.clock.device = device_id
    stamp = str(store.clock.tick())
    with store.transaction():
        store.meta_set("device_id", device_id)
        store.meta_set("created_at", now)
        store.conn.execute(
            "INSERT INTO device (id, created_at, updated_at, origin_device, hlc, name) "
            "VALUES (?, ?, ?, ?, ?, ?)", (device_id, now, now, device_id, stamp, device_name))
        from duunikulma_tui.store.records import log_change

        log_change(store, "device", device_id, "insert", {"name": device_name, "role": "desk"},
                   stamp, None, now)


def open_store(path: Path | str, *, device_name: str | None = None) -> Store:
    """Open (creating or migrating as needed) the database at `path`.

    Raises StoreError, leaving the file untouched, when it is a directory,
    not SQLite, corrupt, someone else's database, newer than this app, or
    in a place that cannot be written.
    """
    path = Path(path).expanduser()
    existed = _check_path(path)
    target = schema_version()
    if existed:
        version, ours = _inspect(path)
        if not ours:
            raise StoreError("foreign_database", path)
        if version > target:
            raise StoreError("newer_schema", path, found=version, supported=target)
    else:
        version = 0
        if not path.exists():
            try:
                _create_file(path)
            except OSError as exc:
                raise StoreError("not_writable", path) from exc
    conn = _connect(path)
    try:
        if version == 0:
            conn.executescript("BEGIN;\n" + schema_sql() + "\nCOMMIT;")
        elif version < target:
            try:
                migrate(conn, version, target)
            except sqlite3.Error as exc:
                raise StoreError("migration_failed", path, found=version,
                                 supported=target) from exc
        store = Store(path, conn)
        if not store.device_id:
            _initialise(store, device_name or socket.gethostname() or "duunikulma")
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists() and stat.S_IMODE(side.stat().st_mode) & 0o077:
            side.chmod(0o600)
    return store
