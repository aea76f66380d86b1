"""The command line: help, bad --db values, info; one line and exit 2 on user errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duunikulma_tui.store.schema import schema_version

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("DUUNIKULMA_")}
    full_env = {**inherited, **(env or {})}
    return subprocess.run([sys.executable, "-m", "duunikulma_tui", *args], capture_output=True,
                          text=True, env=full_env, cwd=cwd or ROOT, timeout=120)


def test_help_lists_every_command_with_a_line_each():
    out = run("--help")
    assert out.returncode == 0
    for command in ("demo", "generate", "info"):
        assert command in out.stdout
    assert "Tietokantatiedosto" in out.stdout  # Finnish by default


def test_help_in_english_by_flag_and_by_environment():
    assert "Database file" in run("--lang", "en", "--help").stdout
    assert "Database file" in run("--help", env={"DUUNIKULMA_LANG": "en"}).stdout


def test_help_does_not_import_textual_or_the_database():
    code = ("import sys\nfrom duunikulma_tui.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('textual', 'sqlite_utils', 'pydantic', 'faker') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("make, fragment", [
    (lambda p: p.write_bytes(b"hello, not a database" * 50), "SQLite"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00\xff" * 600), "vioittunut"),
    (lambda p: p.mkdir(), "hakemisto"),
])
def test_bad_db_gives_one_line_and_exit_2_and_leaves_the_file(tmp_path, make, fragment):
    target = tmp_path / "target.db"
    make(target)
    before = target.read_bytes() if target.is_file() else None
    out = run("--db", str(target), "info")
    assert out.returncode == 2
    assert fragment in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr + out.stdout
    if before is not None:
        assert target.read_bytes() == before


def test_missing_directory_gives_one_line(tmp_path):
    out = run("--db", str(tmp_path / "no" / "such" / "x.db"), "info")
    assert out.returncode == 2 and "Hakemistoa ei ole" in out.stderr


def test_unknown_language_is_a_user_error(tmp_path):
    out = run("--lang", "sv", "--db", str(tmp_path / "x.db"), "info")
    assert out.returncode == 2 and "fi" in out.stderr and "Traceback" not in out.stderr


def test_info_creates_the_database_and_reports_it(tmp_path):
    db = tmp_path / "new.db"
    out = run("--lang", "en", "--db", str(db), "info")
    assert out.returncode == 0, out.stderr
    assert f"Database version: {schema_version()}" in out.stdout
    assert "Audit chain: intact" in out.stdout
    assert oct(db.stat().st_mode & 0o777) == "0o600"


def test_db_from_environment(tmp_path):
    db = tmp_path / "env.db"
    out = run("info", env={"DUUNIKULMA_DB": str(db)})
    assert out.returncode == 0 and db.exists()


def test_rule_sets_are_data_listed_shown_and_imported(tmp_path):
    db = str(tmp_path / "rules.db")
    listed = run("--db", db, "rules", "list")
    assert listed.returncode == 0 and "2.5.2022" in listed.stdout and "1.1.2026" in listed.stdout
    shown = run("--db", db, "rules", "show", "2026-01-01")
    assert '"within_working_days": 10' in shown.stdout
    edited = shown.stdout.replace('"within_working_days": 10', '"within_working_days": 7') \
        .replace('"2026-01-01"', '"2027-01-01"')
    new_file = tmp_path / "2027.json"
    new_file.write_text(edited, encoding="utf-8")
    assert run("--db", db, "rules", "import", str(new_file)).returncode == 0
    assert "1.1.2027" in run("--db", db, "rules", "list").stdout


def test_an_invalid_rule_set_is_refused_with_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x"}', encoding="utf-8")
    out = run("--db", str(tmp_path / "r.db"), "rules", "import", str(bad))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
