"""Where schema.sql is found and which version it declares."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=1)
def schema_sql() -> str:
    """The text of schema.sql: packaged in a wheel, or at the repo root in a checkout."""
    packaged = resources.files("duunikulma_tui").joinpath("schema.sql")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[3] / "schema.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def schema_version() -> int:
    """The number in schema.sql's `PRAGMA user_version = N;`."""
    match = re.search(r"PRAGMA\s+user_version\s*=\s*(\d+)\s*;", schema_sql())
    if not match:
        raise RuntimeError("schema.sql declares no PRAGMA user_version")
    return int(match.group(1))
