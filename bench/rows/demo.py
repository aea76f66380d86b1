"""Demo data: `duunikulma demo` end to end, and the generator's write rate."""

from __future__ import annotations

from bench.core import Row, register
from bench.procs import APP, wall_time

ORDER = 20
# Mid-size set for the rate: large enough that per-row costs dominate, small
# enough (~200k rows) that five runs fit in a couple of minutes on 2 cores.
RATE_CLIENTS = 5_000
RATE_APPOINTMENTS = 50_000


def demo_created(ctx) -> float:
    """Wall time of `duunikulma demo --no-open --db <new file>` (300 clients, 18 months)."""
    with ctx.tmpdir() as tmp:
        return wall_time(APP + ["demo", "--no-open", "--db", str(tmp / "demo.db")])


def generator_rate(ctx) -> float:
    """Rows written per second by demo_db.build on a mid-size set (generator's own clock)."""
    from duunikulma_tui.services import demo_db

    with ctx.tmpdir() as tmp:
        stats = demo_db.build(tmp / "rate.db", clients=RATE_CLIENTS,
                              appointments=RATE_APPOINTMENTS)
    ctx.notes["generator_rate"] = (f"{stats.total_rows:,} rows per run "
                                   f"({RATE_CLIENTS:,} clients, {RATE_APPOINTMENTS:,} "
                                   "appointments)")
    return stats.total_rows / stats.seconds


register(
    Row("demo_created", "`duunikulma demo --no-open` (300 clients, 18 months)", "<= 3 s",
        demo_created, warmup=1,
        how="Wall time of a fresh `python -m duunikulma_tui demo --no-open --db NEW` process."),
    Row("generator_rate", "generator write rate", ">= 20000 rows/s", generator_rate,
        how=f"demo_db.build of {RATE_CLIENTS:,} clients and {RATE_APPOINTMENTS:,} appointments "
            "into a new file in this process: DemoStats.total_rows / DemoStats.seconds."),
)
