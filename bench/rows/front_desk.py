"""Front desk at scale (100,000 clients): search, registry refresh, card, bytes per key."""

from __future__ import annotations

import asyncio
import os
import time

from bench.core import Row, register
from bench.paths import child_env
from bench.procs import APP, PtyRun
from bench.rows.scale_copy import open_scale_desk, p95, scale_copy

ORDER = 40
TYPED = "virtanenma"   # ten letters, as a desk worker types a name
F3 = b"\x1bOR"


def _queries(desk) -> list[str]:
    """50 different searches: name prefixes of growing length, a phone prefix, a code tail."""
    names = [r["last_name"] for r in desk.store.query(
        "SELECT DISTINCT last_name FROM client ORDER BY last_name LIMIT 200")]
    firsts = [r["first_name"] for r in desk.store.query(
        "SELECT DISTINCT first_name FROM client ORDER BY first_name LIMIT 200")]
    out = [n[:k] for n, k in zip(names[::5], [3, 4, 5, 6, 8] * 8)][:30]
    out += [f"{f[:4]} {n[:3]}" for f, n in zip(firsts[::10], names[::10])][:15]
    out += ["040", "+358 50", "0401", "a", "pielavesi"]
    return out[:50]


def search_p95(ctx) -> float:
    """p95 of 50 different search service calls on 100,000 clients (seconds)."""
    from duunikulma_tui.services.client_search import RegistryFilter, search_clients

    desk = open_scale_desk(ctx)
    try:
        queries = _queries(desk)
        flt = RegistryFilter(status="all")
        times = []
        for q in queries:
            t0 = time.perf_counter()
            search_clients(desk, q, flt)
            times.append(time.perf_counter() - t0)
    finally:
        desk.close()
    return p95(times)


async def _registry_refresh(desk) -> list[float]:
    from duunikulma_tui.settings import Settings
    from duunikulma_tui.tui.factory import make_app

    app = make_app(Settings(db_path=desk.path), desk)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for ch in TYPED:
            t0 = time.perf_counter()
            await pilot.press(ch)
            await app.workers.wait_for_complete()
            await pilot.pause()
            times.append(time.perf_counter() - t0)
    return times


def registry_refresh_p95(ctx) -> float:
    """p95 over a 10-letter search of keypress -> results shown (pilot, headless)."""
    desk = open_scale_desk(ctx)
    try:
        return p95(asyncio.run(_registry_refresh(desk)))
    finally:
        desk.close()


def _client_with_200_events(desk) -> str:
    """A client given 200 appointments once (kept in the shared copy)."""
    from duunikulma_tui.store import records

    found = desk.store.scalar("SELECT value FROM local_meta WHERE key = 'bench.card_client'")
    if found:
        return found
    client = desk.store.scalar("SELECT id FROM client WHERE status = 'active' LIMIT 1")
    have = desk.store.scalar("SELECT COUNT(*) FROM appointment WHERE client_id = ?", (client,))
    rows = [{"kind": "individual", "on_date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
             "start_time": "10:00", "duration_min": 30, "staff_id": desk.operator_id,
             "client_id": client, "channel": "desk", "service_type": "service_guidance",
             "status": "completed"} for i in range(max(0, 200 - have))]
    records.bulk_insert(desk.store, "appointment", rows, desk.operator_id)
    with desk.store.transaction():
        desk.store.meta_set("bench.card_client", client)
    return client


async def _open_card(desk, client_id: str) -> float:
    from duunikulma_tui.settings import Settings
    from duunikulma_tui.tui.factory import make_app
    from duunikulma_tui.tui.screens.client_card import ClientCardScreen

    app = make_app(Settings(db_path=desk.path), desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        painted = asyncio.Event()
        t0 = time.perf_counter()
        app.open_client(client_id)
        # Until the card has its data and the screen has been refreshed once.
        while not (isinstance(app.screen, ClientCardScreen) and app.screen.card):
            await asyncio.sleep(0.0005)
        app.call_after_refresh(painted.set)
        await painted.wait()
        elapsed = time.perf_counter() - t0
        assert len(app.screen.card.timeline) >= 200
    return elapsed


def card_open(ctx) -> float:
    """Open the card of a client with 200 timeline events until it is painted (pilot)."""
    desk = open_scale_desk(ctx)
    try:
        return asyncio.run(_open_card(desk, _client_with_200_events(desk)))
    finally:
        desk.close()


def keystroke_bytes(ctx) -> float:
    """Bytes the terminal receives per keystroke while typing a 10-letter search."""
    path, data = scale_copy(ctx)
    run = PtyRun(APP + ["--db", str(path)], env=child_env(TERM="xterm-256color"))
    try:
        name = data.operator.encode()
        run.read(120, until=name)
        run.read(20, quiet=1.0)
        os.write(run.master, F3)
        run.read(10, quiet=1.0)
        total = 0
        for ch in TYPED:
            os.write(run.master, ch.encode())
            total += len(run.read(3, quiet=0.4))
    finally:
        run.stop()
    return total / len(TYPED)


_SCALE = "Scale data set (100,000 clients, 1,000,000 appointments), one shared copy."
register(
    Row("search_p95", "client search service, p95 of 50 queries", "<= 0.010 s", search_p95,
        how=f"{_SCALE} services.client_search.search_clients with 50 different queries "
            "(name prefixes 3-8 letters, first+last name, phone and municipality), p95 per run."),
    Row("registry_refresh_p95", "registry refresh after a keystroke, p95", "<= 0.060 s",
        registry_refresh_p95,
        how=f"{_SCALE} Headless pilot at 80×24: F3, then each of 10 letters; time from the key "
            "press until the search worker has finished and its results are on screen."),
    Row("card_open", "open a client card with 200 timeline events", "<= 0.060 s", card_open,
        how=f"{_SCALE} One client given 200 appointments; headless pilot: from open_client() "
            "until the card's data is on the screen and it has refreshed once."),
    Row("keystroke_bytes", "bytes to the terminal per keystroke, 10-letter search",
        "<= 2000 B", keystroke_bytes,
        how=f"{_SCALE} The app on an 80×24 pty; F3, then 10 letters, each read until 0.4 s of "
            "quiet; total bytes / 10."),
)
