"""A Desk: one open database, this machine, and who is working at it.

Screens and CLI commands get a Desk from `open_desk` and pass it to service
functions; nothing else holds the database connection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from duunikulma_tui.store import Store, open_store
from duunikulma_tui.store import audit as audit_log


@dataclass
class Desk:
    """The working context handed to every service call."""

    store: Store
    operator_id: str | None = None
    today: Callable[[], dt.date] = field(default=dt.date.today)
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now().astimezone())
    """Local wall-clock time; with `today` injectable so tests do not drift."""

    @property
    def path(self) -> Path:
        """The database file."""
        return self.store.path

    def audit(self, action: str, table_name: str | None = None, record_id: str | None = None,
              detail: str | None = None) -> None:
        """Record an action in the audit log, attributed to the current operator."""
        audit_log.append(self.store, staff_id=self.operator_id, action=action,
                         table_name=table_name, record_id=record_id, detail=detail)

    def close(self) -> None:
        """Close the database."""
        self.store.close()


def open_desk(path: Path | str, *, today: Callable[[], dt.date] | None = None,
              now: Callable[[], dt.datetime] | None = None) -> Desk:
    """Open the database at `path` (see store.open_store for the errors it raises)."""
    store = open_store(path)
    desk = Desk(store=store, today=today or dt.date.today)
    if now is not None:
        desk.now = now
    elif today is not None:
        # A fixed day gets a fixed noon, so "same day" questions agree with it.
        desk.now = lambda: dt.datetime.combine(desk.today(), dt.time(12, 0)).astimezone()
    last = store.meta_get("operator_id")
    if last and store.scalar("SELECT 1 FROM staff WHERE id = ? AND deleted = 0 AND active = 1",
                             (last,)):
        desk.operator_id = last
    return desk
