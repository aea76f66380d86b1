"""Start-up: the CLI's help and the app's first paint, each in a fresh process."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from bench.core import Row, register
from bench.paths import ROOT, child_env
from bench.procs import APP, check, wall_time

ORDER = 10
PROBE = ROOT / "bench" / "probes" / "first_paint.py"


def cli_help(ctx) -> float:
    """Wall time of `python -m duunikulma_tui --help`, start to exit."""
    return wall_time(APP + ["--help"])


def first_paint(ctx) -> float:
    """Seconds from the parent's clock just before start to the first paint with data."""
    with ctx.tmpdir() as tmp:
        db = ctx.dataset("demo").copy_to(tmp)
        args = [sys.executable, str(PROBE), "--db", str(db)]
        env = child_env(BENCH_T0=repr(time.monotonic()))
        done = subprocess.run(args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=120)
    check(done, args)
    found = re.search(rb"first_paint=([0-9.]+)", done.stdout)
    if not found:
        raise RuntimeError(f"the probe printed no time: {done.stdout[-300:]!r}")
    return float(found.group(1))


register(
    Row("cli_help_cold", "`duunikulma --help` cold start", "<= 0.3 s", cli_help, warmup=1,
        how="Wall time of a fresh `python -m duunikulma_tui --help` process, start to exit."),
    Row("first_paint", "app to first paint (headless)", "<= 1.0 s", first_paint, warmup=1,
        how="A fresh process runs the real CLI on a copy of the demo database (operator "
            "signed in) headless at 80×24; time from just before the process starts until "
            "MainScreen has handled `Loaded` and refreshed once, read inside the process."),
)
