"""One settings object, filled from the command line and the environment.

Nothing reads the environment elsewhere: the CLI builds Settings once and the
app factory hands it on. Command-line options win over environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DB = "DUUNIKULMA_DB"
ENV_LANG = "DUUNIKULMA_LANG"
ENV_LOW_BANDWIDTH = "DUUNIKULMA_LOW_BANDWIDTH"

_TRUE = {"1", "true", "yes", "on", "kyllä", "k"}


@dataclass(frozen=True)
class Settings:
    """How this run of Duunikulma is set up."""

    db_path: Path
    """The SQLite file to open; created from schema.sql when missing."""

    language: str = "fi"
    """UI language: 'fi' (default) or 'en'."""

    low_bandwidth: bool = False
    """For slow links (SSH over mobile data): no cursor blinking, no animations,
    so an idle screen sends nothing to the terminal."""

    @classmethod
    def resolve(cls, *, db: str | os.PathLike | None = None, language: str | None = None,
                low_bandwidth: bool | None = None, default_db: Path | None = None,
                environ: dict[str, str] | None = None) -> "Settings":
        """Settings from explicit options, then environment variables, then defaults."""
        env = os.environ if environ is None else environ
        if db is None and env.get(ENV_DB):
            db = env[ENV_DB]
        if db is None:
            from duunikulma_tui.locations import default_db_path

            db = default_db or default_db_path()
        lang = (language or env.get(ENV_LANG) or "fi").strip().lower()
        if low_bandwidth is None:
            low_bandwidth = env.get(ENV_LOW_BANDWIDTH, "").strip().lower() in _TRUE
        return cls(db_path=Path(db).expanduser(), language=lang, low_bandwidth=low_bandwidth)
