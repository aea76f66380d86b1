"""Killing an import at any moment leaves a sound file holding all of a bundle or none.

The import runs in a child process that is SIGKILLed: either after k write
steps (a test hook in store/sync_apply.py) or after a number of milliseconds.
Export writes a temporary file, syncs and renames it, so a crash never
leaves half a bundle under the final name.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.services.sync.errors import BundleError
from duunikulma_tui.services.sync.exporter import KILL_ENV as EXPORT_KILL, export_bundle
from duunikulma_tui.services.sync.importer import import_bundle
from duunikulma_tui.store import records
from duunikulma_tui.store.sync_apply import KILL_ENV

from .test_sync_support import content_hash, network

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import sys
from duunikulma_tui.services.desk import open_desk
from duunikulma_tui.services.sync.importer import import_bundle
desk = open_desk(sys.argv[1])
print("ready", flush=True)
import_bundle(desk, sys.argv[2])
desk.close()
print("done", flush=True)
"""


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}
    env.pop(KILL_ENV, None)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """A coordinator file (kept pristine) and a desk bundle of many clients for it."""
    base = tmp_path_factory.mktemp("crash")
    coord, desk = network(base, ("k", "p"))
    records.bulk_insert(desk.store, "client", [
        {"first_name": f"Etu{i}", "last_name": f"Suku{i}", "phone": f"040{i:07d}"}
        for i in range(800)])
    for i, row in enumerate(desk.store.query("SELECT id FROM client LIMIT 100")):
        records.update(desk.store, "client", row["id"], {"note": f"muutos {i}"}, None)
    out = base / "out"
    out.mkdir()
    bundle = export_bundle(desk, out).path
    origin = desk.store.device_id
    coord.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    coord.close()
    desk.close()
    reference = base / "reference.db"
    shutil.copy(base / "k.db", reference)
    ref = open_desk(reference)
    import_bundle(ref, bundle)
    expected = content_hash(ref)
    ref.close()
    return base, bundle, origin, expected


def _copy(scene, name: str) -> Path:
    base = scene[0]
    target = base / f"{name}.db"
    shutil.copy(base / "k.db", target)
    return target


def _all_or_nothing(path: Path, scene) -> str:
    """Check the file after a crash; returns 'all' or 'none'."""
    _, bundle, origin, expected = scene
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        logged = conn.execute("SELECT COUNT(*) FROM change_log WHERE device_id = ?",
                              (origin,)).fetchone()[0]
        clients = conn.execute("SELECT COUNT(*) FROM client").fetchone()[0]
        seen = conn.execute("SELECT COUNT(*) FROM sync_bundle WHERE direction = 'in'").fetchone()[0]
    finally:
        conn.close()
    state = "none" if (logged, clients, seen) == (0, 0, 0) else "all"
    desk = open_desk(path)
    try:
        if state == "all":
            assert content_hash(desk) == expected
        # Whatever happened, importing again finishes the job exactly.
        import_bundle(desk, bundle)
        assert content_hash(desk) == expected
    finally:
        desk.close()
    return state


def _child(db: Path, bundle: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(bundle)],
                            env=_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.parametrize("step", [0, 1, 400, 801, 1300, 5000])
def test_killed_after_k_write_steps(scene, step):
    db = _copy(scene, f"steps{step}")
    proc = _child(db, scene[1], **{KILL_ENV: str(step)})
    out, err = proc.communicate(timeout=60)
    # ~800 row writes, then ~900 change_log lines: kills land in both and after.
    if proc.returncode == 0:
        assert "done" in out
        assert _all_or_nothing(db, scene) == "all"
    else:
        assert proc.returncode == -signal.SIGKILL, err
        assert _all_or_nothing(db, scene) == "none"


@pytest.fixture(scope="module")
def import_duration(scene) -> float:
    """Seconds from 'ready' to 'done' of one uninterrupted child import."""
    db = _copy(scene, "timing")
    proc = _child(db, scene[1])
    assert proc.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    assert proc.stdout.readline().strip() == "done"
    proc.wait(timeout=60)
    return time.perf_counter() - started


@pytest.mark.parametrize("fraction", [0.0, 0.4, 0.5, 0.6, 1.3])
def test_killed_after_some_milliseconds(scene, import_duration, fraction):
    db = _copy(scene, f"timed{fraction}")
    proc = _child(db, scene[1])
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(import_duration * fraction)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    state = _all_or_nothing(db, scene)
    assert state in ("all", "none")


def test_export_killed_before_rename_leaves_no_bundle_under_its_name(tmp_path):
    coord, desk = network(tmp_path, ("k", "p"))
    out = tmp_path / "out"
    out.mkdir()
    try:
        records.insert(desk.store, "client", {"first_name": "A", "last_name": "B"}, None)
        desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        script = ("import sys\nfrom duunikulma_tui.services.desk import open_desk\n"
                  "from duunikulma_tui.services.sync.exporter import export_bundle\n"
                  "export_bundle(open_desk(sys.argv[1]), sys.argv[2])\n")
        proc = subprocess.run([sys.executable, "-c", script, str(desk.store.path), str(out)],
                              env=_env(**{EXPORT_KILL: "before_rename"}), capture_output=True)
        assert proc.returncode == -signal.SIGKILL
        assert list(out.glob("*.age")) == []  # only a hidden temporary file may remain
        assert all(p.name.startswith(".") for p in out.iterdir())
        res = export_bundle(desk, out)
        assert import_bundle(coord, res.path).applied == res.changes
    finally:
        coord.close()
        desk.close()


def test_a_failed_write_removes_its_temporary_file(tmp_path, monkeypatch):
    coord, desk = network(tmp_path, ("k", "p"))
    out = tmp_path / "out"
    out.mkdir()
    try:
        def broken(*_a, **_k):
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken)
        with pytest.raises(BundleError) as info:
            export_bundle(desk, out)
        assert info.value.code == "not_writable"
        assert list(out.iterdir()) == []
        assert desk.store.scalar("SELECT COUNT(*) FROM sync_bundle") == 0
    finally:
        coord.close()
        desk.close()
