"""Seeded, repeatable demo data for the whole schema: realistic Finnish clients,
employers, appointments and outcomes around Pielavesi.

    from duunikulma_tui.services.demo import DemoSpec, generate
    stats = generate(store, DemoSpec(seed=2026, clients=300))

The same seed and `today` give the same rows, ids included (ids are ULIDs
drawn from a seeded stream, stamped with each record's own moment; created_at
and updated_at are that moment too). Only what names the writing machine and
its clock differs between runs: hlc, origin_device and change_log's device.

Proportions follow docs in ../shared/domain.md: about a third of clients
active at any time, the Oulu exit-outcome shares, ~9 % of clients with
purchased services (~740 € each), 7 providers. contact_rule_set is left empty
(rule sets ship separately). Occupation codes are used only when
domain/data/occupations_2010.csv exists.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from duunikulma_tui.store.database import Store

if TYPE_CHECKING:
    from duunikulma_tui.services.demo.context import Context

__all__ = ["DemoSpec", "DemoStats", "generate"]

# Page cache for the run, in KiB (SQLite allocates it only as pages are used).
CACHE_KIB = 192 * 1024


@dataclass(frozen=True)
class DemoSpec:
    """What to generate. `appointments=None` means plausible for the clients and months."""

    seed: int = 2026
    clients: int = 300
    employers: int = 60
    jobs: int = 40
    months: int = 18
    appointments: int | None = None  # else exactly this many appointment rows
    today: dt.date | None = None  # anchor; None = date.today()


@dataclass
class DemoStats:
    """What `generate` wrote: rows per table (change_log lines not counted) and the time taken."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        """All rows written to the synced tables."""
        return sum(self.rows.values())


def _check(spec: DemoSpec) -> None:
    for name in ("clients", "employers", "jobs"):
        if getattr(spec, name) < 0:
            raise ValueError(f"DemoSpec.{name} must not be negative")
    if spec.months < 1:
        raise ValueError("DemoSpec.months must be at least 1")
    if spec.appointments is not None and spec.appointments < 0:
        raise ValueError("DemoSpec.appointments must not be negative")


def generate(store: Store, spec: DemoSpec = DemoSpec(),
             progress: Callable[[str, int], None] | None = None) -> DemoStats:
    """Fill an empty database with demo data in one transaction; returns what was written.

    `progress(table, rows_so_far)` is called after every batch written.
    Raises ValueError on a bad spec or when the database already holds
    staff, clients or appointments (demo data belongs in a fresh file).
    """
    # Imported here so that importing the package (e.g. for --help) stays cheap.
    from duunikulma_tui.services.demo.clients import load_occupation_codes
    from duunikulma_tui.services.demo.context import Context
    from duunikulma_tui.services.demo.pools import JOB_TITLES

    _check(spec)
    began = time.perf_counter()
    for table in ("staff", "client", "appointment"):
        if store.scalar(f"SELECT EXISTS (SELECT 1 FROM {table})"):
            raise ValueError(f"the database already has {table} rows; "
                             "use a new file for demo data")
    ctx = Context(store, spec, spec.today or dt.date.today(), progress)
    occupations = load_occupation_codes()
    known = set(occupations)
    preferred = sorted({t[2] for t in JOB_TITLES} & known)
    used_business_ids: set[str] = set()
    # A bigger page cache for this run: appointment, change-log and foreign-key
    # lookups hit random pages of large indexes, and with SQLite's default 2 MB
    # those pages are spilled and re-read constantly. Restored afterwards.
    saved_cache = store.scalar("PRAGMA cache_size")
    store.conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    try:
        _write_all(ctx, store, occupations, known, preferred, used_business_ids)
    finally:
        store.conn.execute(f"PRAGMA cache_size = {int(saved_cache)}")
    return DemoStats(dict(ctx.writer.counts), time.perf_counter() - began)


def _write_all(ctx: Context, store: Store, occupations: list[str], known: set[str],
               preferred: list[str], used_business_ids: set[str]) -> None:
    """Plan and write everything in one transaction, parents before children."""
    from duunikulma_tui.services.demo.agenda import write_appointments
    from duunikulma_tui.services.demo.clients import (write_clients, write_periods,
                                                      write_quick_contacts)
    from duunikulma_tui.services.demo.org import make_employers, make_providers, make_staff
    from duunikulma_tui.services.demo.people import ActiveIndex, plan_people
    from duunikulma_tui.services.demo.work import (plan_jobs, plan_referrals, write_outcomes,
                                                   write_referrals)

    with store.transaction():
        make_staff(ctx)
        providers = make_providers(ctx, used_business_ids)
        employers = make_employers(ctx, used_business_ids)
        persons, periods = plan_people(ctx)
        active = ActiveIndex(ctx, periods)
        jobs = plan_jobs(ctx, employers, periods, active, known)
        ctx.writer.write("job_opening", jobs.openings)
        plan_referrals(ctx, persons, providers)
        # Written in creation order (ids sort by time) so index inserts stay local.
        by_id = lambda item: item.id  # noqa: E731
        write_clients(ctx, sorted(persons, key=by_id), occupations, preferred)
        write_periods(ctx, sorted(periods, key=by_id))
        write_quick_contacts(ctx, persons)
        write_appointments(ctx, periods, employers, active)
        write_referrals(ctx, periods)
        ctx.writer.write("match_proposal", jobs.matches)
        ctx.writer.write("match_status_change", jobs.changes)
        write_outcomes(ctx, periods, employers)
