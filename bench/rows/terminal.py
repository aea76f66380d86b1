"""Bytes an idle main screen writes to a real (pseudo-)terminal.

The app runs on a fresh 80×24 pty (TERM=xterm-256color) on a copy of the demo
database with an operator signed in. Start-up is drained unread until the
header shows the operator's name (the main screen has handled `Loaded`: the
data is on screen), then until nothing has come for QUIET seconds, and at
least SETTLE seconds after the start; then every byte in the next WINDOW
seconds counts. The Clients rows then press F3 (the search field gets the
focus, where a cursor would blink) and drain AFTER_KEYS seconds more before
counting. The idle bytes of the last run are kept in
.bench-cache/<row id>.bin; `python -m bench.escapes FILE` shows which screen
regions they rewrite.
"""

from __future__ import annotations

import os

from bench.core import InfoRow, Row, register
from bench.paths import CACHE, child_env
from bench.procs import APP, PtyRun

ORDER = 30
SETTLE = 3.0
QUIET = 1.0
AFTER_KEYS = 2.0
WINDOW = 10.0
F3 = b"\x1bOR"


def _idle_bytes(ctx, row_id: str, extra: list[str], keys: bytes = b"") -> float:
    data = ctx.dataset("demo")
    with ctx.tmpdir() as tmp:
        run = PtyRun(APP + ["--db", str(data.copy_to(tmp))] + extra,
                     env=child_env(TERM="xterm-256color"))
        try:
            # A slow start (a busy machine) must not spill its first paint into the window.
            name = data.operator.encode()
            if name not in run.read(60, until=name):
                raise RuntimeError(f"the header never showed {data.operator!r} in 60 s")
            loaded = run.elapsed()
            run.read(20, quiet=QUIET)
            run.read(SETTLE - run.elapsed())
            if keys:
                os.write(run.master, keys)
                run.read(AFTER_KEYS)
            drained = run.elapsed()
            idle = run.read(WINDOW)
        finally:
            run.stop()
    CACHE.mkdir(exist_ok=True)
    (CACHE / f"{row_id}.bin").write_bytes(idle)
    late = [t - drained for t, _n in run.log if t >= drained]
    ctx.notes[row_id] = (f"last run: data on screen at {loaded:.2f} s, counting from "
                         f"{drained:.2f} s" + (f", idle bytes from +{late[0]:.2f} s to "
                                               f"+{late[-1]:.2f} s" if late else ""))
    return len(idle)


def idle_low_bandwidth(ctx) -> float:
    """Bytes written in WINDOW idle seconds with --low-bandwidth."""
    return _idle_bytes(ctx, "idle_bytes_low_bandwidth", ["--low-bandwidth"])


def idle_normal(ctx) -> float:
    """Bytes written in WINDOW idle seconds without --low-bandwidth."""
    return _idle_bytes(ctx, "idle_bytes_normal", [])


def idle_clients_low_bandwidth(ctx) -> float:
    """The same on the Clients area (search field focused), --low-bandwidth."""
    return _idle_bytes(ctx, "idle_bytes_clients_low_bandwidth", ["--low-bandwidth"], F3)


def idle_clients_normal(ctx) -> float:
    """The same on the Clients area (search field focused), normal."""
    return _idle_bytes(ctx, "idle_bytes_clients_normal", [], F3)


_HOW = (f"The app on an 80×24 pty (TERM=xterm-256color), demo database, operator signed in; "
        f"start-up drained until the data is on screen, {QUIET:g} s of silence and "
        f"≥ {SETTLE:g} s, then bytes counted for exactly {WINDOW:g} s.")
_F3 = f" F3 is pressed after start-up and {AFTER_KEYS:g} s more are drained."

register(
    Row("idle_bytes_low_bandwidth", f"idle main screen, {WINDOW:g} s, --low-bandwidth",
        "<= 0 B", idle_low_bandwidth, how=_HOW),
    InfoRow("idle_bytes_normal", f"idle main screen, {WINDOW:g} s, normal", idle_normal, "B",
            how=_HOW),
    Row("idle_bytes_clients_low_bandwidth", f"idle Clients area (F3), {WINDOW:g} s, "
        "--low-bandwidth", "<= 0 B", idle_clients_low_bandwidth, how=_HOW + _F3),
    InfoRow("idle_bytes_clients_normal", f"idle Clients area (F3), {WINDOW:g} s, normal",
            idle_clients_normal, "B", how=_HOW + _F3),
)
