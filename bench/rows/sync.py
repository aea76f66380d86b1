"""Sync bundles: a desk's week (~500 changes), a 100,000-record import, bytes per change.

Made on real files: a desk and a coordinator that trust each other's keys.
The 100,000-record bundle is made once per bench process (it takes a while);
each run imports it into a fresh copy of the coordinator's file.
"""

from __future__ import annotations

import atexit
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from bench.core import InfoRow, Row, register

ORDER = 70
WEEK_NEW, WEEK_EDITS = 350, 150
BIG = 100_000
FIRST = ["Matti", "Liisa", "Kari", "Anna", "Juha", "Sari", "Mikko", "Tiina", "Jari", "Aino"]
LAST = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen",
        "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen"]
TOWNS = [("Kuopio", "70100"), ("Siilinjärvi", "71800"), ("Pielavesi", "72400"),
         ("Iisalmi", "74100"), ("Suonenjoki", "77600")]
_big: dict[str, object] = {}


def client_row(rng: random.Random, i: int) -> dict:
    """A client with 16 business fields filled, as an intake makes them."""
    town, post = rng.choice(TOWNS)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    year = rng.randint(1960, 2004)
    return {"first_name": first, "last_name": last, "status": rng.choice(["active", "draft"]),
            "birth_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "birth_year": year, "gender": rng.choice(["woman", "man", "not_told"]),
            "native_language": rng.choice(["fi", "fi", "fi", "ru", "ar", "so"]),
            "municipality": town, "street_address": f"Puijonkatu {rng.randint(1, 60)}",
            "postal_code": post, "post_office": town.upper(),
            "phone": f"+35840{rng.randint(0, 9999999):07d}",
            "email": f"asiakas{i}@example.fi", "digital_skills": rng.choice(["none", "basic"]),
            "working_time_wish": rng.choice(["full_time", "part_time", "shift"]),
            "max_travel_km": rng.choice([10, 20, 30, 50])}


def _pair(folder: Path):
    from duunikulma_tui.services.desk import open_desk
    from duunikulma_tui.services.sync import keys, peers

    desk, coord = open_desk(folder / "desk.db"), open_desk(folder / "coord.db")
    keys.set_name(desk, "Piste 1")
    keys.set_name(coord, "Koordinaattori")
    peers.add_peer(desk, keys.own_card(coord))
    peers.add_peer(coord, keys.own_card(desk))
    return desk, coord


def _reference_bytes(desk, n: int) -> int:
    """The same clients as plain JSON Lines (id + business fields), zstd level 19."""
    import zstandard

    local = ("created_at", "updated_at", "updated_by", "origin_device", "version", "hlc",
             "deleted")
    raw = b"".join(json.dumps({k: v for k, v in r.items() if k not in local},
                              ensure_ascii=False).encode() + b"\n"
                   for r in desk.store.query(f"SELECT * FROM client LIMIT {n}"))
    return len(zstandard.ZstdCompressor(level=19).compress(raw))


def _week(ctx) -> dict:
    """One desk's week: 350 intakes and 150 edits, each its own commit; one export."""
    from duunikulma_tui.services.sync.exporter import export_bundle
    from duunikulma_tui.store import records

    rng = random.Random(48)
    with ctx.tmpdir() as tmp:
        desk, coord = _pair(tmp)
        try:
            ids = [records.insert(desk.store, "client", client_row(rng, i), None)
                   for i in range(WEEK_NEW)]
            for cid in rng.sample(ids, WEEK_EDITS):
                records.update(desk.store, "client", cid,
                               {"note": "Soitettu, sovittu uusi aika", "status": "active"}, None)
            (tmp / "out").mkdir()
            res = export_bundle(desk, tmp / "out")
            return {"size": res.size, "seconds": res.seconds, "changes": res.changes,
                    "reference": _reference_bytes(desk, WEEK_NEW)}
        finally:
            desk.close()
            coord.close()


def week_size(ctx) -> float:
    """Bytes of the week's bundle file."""
    week = _week(ctx)
    ctx.notes["sync_week_size"] = f"{week['changes']} changes"
    return week["size"]


def week_export(ctx) -> float:
    """Seconds to write the week's bundle (export_bundle's own clock)."""
    return _week(ctx)["seconds"]


def bytes_per_change(ctx) -> float:
    """Bytes of the week's bundle per change it carries (all layers included)."""
    week = _week(ctx)
    ctx.notes["sync_bytes_per_change"] = (
        f"same {WEEK_NEW} clients as JSON Lines at zstd -19: "
        f"{week['reference'] / WEEK_NEW:.1f} B/row")
    return week["size"] / week["changes"]


def _big_bundle() -> tuple[Path, Path]:
    """(pristine coordinator file, bundle) of 100,000 records, made once per process."""
    if "bundle" not in _big:
        from duunikulma_tui.services.sync.exporter import export_bundle
        from duunikulma_tui.store import records

        folder = Path(tempfile.mkdtemp(prefix="dk-sync-"))
        atexit.register(shutil.rmtree, folder, True)
        rng = random.Random(1)
        desk, coord = _pair(folder)
        clients = BIG // 5
        records.bulk_insert(desk.store, "client", [client_row(rng, i) for i in range(clients)])
        staff = records.insert(desk.store, "staff", {"first_name": "Sari", "last_name": "K"}, None)
        ids = [r["id"] for r in desk.store.query("SELECT id FROM client")]
        records.bulk_insert(desk.store, "appointment", [{
            "on_date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "start_time": "09:00", "duration_min": 45, "staff_id": staff,
            "client_id": rng.choice(ids), "channel": rng.choice(["desk", "phone", "video"]),
            "service_type": "service_guidance", "status": "completed"}
            for _ in range(BIG - clients - 1)])
        (folder / "out").mkdir()
        _big["bundle"] = export_bundle(desk, folder / "out").path
        coord.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        desk.close()
        coord.close()
        _big["coord"] = folder / "coord.db"
    return _big["coord"], _big["bundle"]


def import_rate(ctx) -> float:
    """Records per second importing the 100,000-record bundle into a fresh coordinator copy."""
    from duunikulma_tui.services.desk import open_desk
    from duunikulma_tui.services.sync.importer import import_bundle

    pristine, bundle = _big_bundle()
    with ctx.tmpdir() as tmp:
        shutil.copy(pristine, tmp / "coord.db")
        desk = open_desk(tmp / "coord.db")
        try:
            t0 = time.perf_counter()
            res = import_bundle(desk, bundle)
            return res.applied / (time.perf_counter() - t0)
        finally:
            desk.close()


_HOW = ("Two new files that trust each other's keys; the desk writes {what} through "
        "store.records, then services.sync.exporter.export_bundle for the coordinator.")
register(
    Row("sync_week_size", "a desk's week in one bundle (~500 changes)", "<= 60_000 B",
        week_size, runs=3,
        how=_HOW.format(what=f"{WEEK_NEW} intakes (16 fields) and {WEEK_EDITS} edits")
        + " Size of the .age file."),
    Row("sync_week_export", "export of that week's bundle", "<= 1 s", week_export, runs=3,
        how=_HOW.format(what="the same week") + " ExportResult.seconds (zstd -19, age, fsync)."),
    InfoRow("sync_bytes_per_change", "bundle bytes per change (week)", bytes_per_change,
            "B", runs=1, how="Bundle size / changes; the note gives the zstd -19 JSON Lines "
            "reference for the same client rows."),
    Row("sync_import_rate", "import of a 100,000-record bundle", ">= 20000 records/s",
        import_rate, runs=3,
        how=f"{BIG // 5:,} clients (search-indexed) and {BIG - BIG // 5 - 1:,} appointments "
            "made by bulk_insert and exported once; each run imports the bundle into a fresh "
            "copy of the coordinator (decrypt, verify, parse, apply, commit with fsync)."),
)
