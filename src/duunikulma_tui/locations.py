"""Where Duunikulma keeps its files, in one place (platformdirs)."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "duunikulma"


def data_dir() -> Path:
    """The user's data directory for Duunikulma (not created here)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The database opened when no --db is given."""
    return data_dir() / "duunikulma.db"


def demo_db_path() -> Path:
    """The database `duunikulma demo` builds when no --db is given."""
    return data_dir() / "demo.db"


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable by its owner only (it will hold personal data)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
