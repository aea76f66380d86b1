"""Generated databases built once and cached in .bench-cache/.

A cached file is keyed by a hash of the generator's sources (and the schema
and code list it reads) plus the spec, so it is rebuilt when the generator
changes. Rows ask for a data set through `Context.dataset(name)`, so a data
set is built only when a selected row needs it. Every data set has its first
staff member signed in, so the app opens on the main screen, not the
operator dialog. Treat a cached file as read-only: copy it (`Dataset.copy_to`)
before anything that writes, and the app writes when it opens a database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.paths import CACHE, ROOT, SRC, use_sources

FORMAT = 2  # bump when the way a data set is prepared here changes
PKG = SRC / "duunikulma_tui"
# What decides the rows of a generated file.
SOURCES = [PKG / "services" / "demo", PKG / "services" / "demo_db.py",
           PKG / "store" / "records.py", ROOT / "schema.sql",
           PKG / "domain" / "data" / "occupations_2010.csv"]


@dataclass(frozen=True)
class Spec:
    """A named data set: the arguments of demo_db.build, and whether it follows today."""

    clients: int
    appointments: int | None = None
    months: int = 18
    seed: int = 2026
    daily: bool = False  # True: anchored on today, rebuilt each day (cheap sets only)


SPECS = {
    # The `duunikulma demo` database: 300 clients, 18 months.
    "demo": Spec(clients=300, daily=True),
    # The scale set of the targets: 100k people, 1M appointments.
    "scale": Spec(clients=100_000, appointments=1_000_000),
}


@dataclass(frozen=True)
class Dataset:
    """A built data set: the cached file, the day it is anchored on, what was written."""

    name: str
    path: Path
    anchor: dt.date
    rows: int
    seconds: float
    operator: str  # display name of the signed-in staff member, as the header shows it

    def copy_to(self, folder: Path) -> Path:
        """A private copy to open and write to; the cached file stays untouched."""
        target = Path(folder) / self.path.name
        shutil.copyfile(self.path, target)
        target.chmod(0o600)
        return target


def source_hash() -> str:
    """sha256 over the generator's source files (paths and contents)."""
    digest = hashlib.sha256()
    files = []
    for item in SOURCES:
        files.extend(sorted(item.rglob("*.py")) if item.is_dir() else [item])
    for file in files:
        if file.exists():
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def cache_key(spec: Spec, today: dt.date) -> str:
    """Short key of sources + spec (+ today for a daily set)."""
    parts = [source_hash(), repr(spec), str(FORMAT), today.isoformat() if spec.daily else ""]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def get(name: str) -> Dataset:
    """The named data set, built now if the cache has no current copy."""
    spec = SPECS[name]
    today = dt.date.today()
    key = cache_key(spec, today)
    path = CACHE / f"{name}-{key}.db"
    meta = path.with_suffix(".json")
    if not (path.exists() and meta.exists()):
        _build(name, spec, path, meta, today)
    info = json.loads(meta.read_text())
    return Dataset(name, path, dt.date.fromisoformat(info["anchor"]), info["rows"],
                   info["seconds"], info["operator"])


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _build(name: str, spec: Spec, path: Path, meta: Path, today: dt.date) -> None:
    use_sources()
    from duunikulma_tui.services import demo_db, staff
    from duunikulma_tui.services.desk import open_desk

    CACHE.mkdir(exist_ok=True)
    for old in CACHE.glob(f"{name}-*"):  # earlier keys: the scale set is gigabytes
        old.unlink()
    work = path.with_name(path.stem + ".building.db")
    _remove_db(work)
    print(f"bench: building data set {name!r} ({spec.clients:,} clients) in {path.name}",
          file=sys.stderr, flush=True)
    began = time.perf_counter()
    stats = demo_db.build(work, seed=spec.seed, clients=spec.clients,
                          appointments=spec.appointments, months=spec.months, today=today,
                          progress=_progress())
    desk = open_desk(work, today=lambda: today)
    try:
        operator = staff.sign_in(desk, staff.list_staff(desk)[0].id).display_name
    finally:
        desk.close()
    for suffix in ("-wal", "-shm"):
        if Path(f"{work}{suffix}").exists():
            raise RuntimeError(f"{work}{suffix} left behind: the database was not closed")
    work.rename(path)
    meta.write_text(json.dumps({
        "name": name, "spec": repr(spec), "anchor": today.isoformat(),
        "operator": operator, "rows": stats.total_rows, "seconds": stats.seconds, "tables": stats.rows,
        "built_in_seconds": time.perf_counter() - began,
    }, indent=1))


def _progress():
    last = [0.0]

    def report(table: str, rows: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 5:
            last[0] = now
            print(f"bench:   {table}: {rows:,}", file=sys.stderr, flush=True)

    return report
