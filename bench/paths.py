"""Where things are: the repository, its sources, the benchmark cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
CACHE = ROOT / ".bench-cache"


def use_sources() -> None:
    """Make `import duunikulma_tui` work in this process without installing."""
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))


def child_env(**extra: str) -> dict[str, str]:
    """Environment for a measured subprocess.

    The app's own variables are removed so only the command line decides;
    bytecode is written to the cache (PYTHONPYCACHEPREFIX) so runs after the
    warm-up start like an installed app, whose .pyc files pip writes.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUUNIKULMA_", "TEXTUAL"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.update(extra)
    return env
