"""The SQLite file: create, open, migrate, write with bookkeeping, append audit."""

from duunikulma_tui.store.database import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
