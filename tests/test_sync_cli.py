"""`duunikulma bundle ...` end to end: keys, peers, export, verify, import, weekly, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import duunikulma_tui.cli as cli_module
from duunikulma_tui.cli.bundle import register

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the real entry point with the bundle group registered; (status, stdout, stderr)."""
    original = cli_module.build_cli

    def build():
        group = original()
        register(group)
        return group

    monkeypatch.setattr(cli_module, "build_cli", build)

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            cli_module.main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err
    return invoke


def test_help_does_not_load_crypto_or_the_database():
    script = ("import sys\nimport duunikulma_tui.cli as c\n"
              "from duunikulma_tui.cli.bundle import register\n"
              "g = c.build_cli(); register(g)\n"
              "try:\n    g.main(['bundle', 'export', '--help'], standalone_mode=False)\n"
              "except SystemExit:\n    pass\n"
              "print(sorted(m for m in ('pyrage', 'cryptography', 'zstandard', 'sqlite_utils',"
              " 'textual') if m in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr


def test_two_machines_exchange_bundles_from_the_command_line(run, tmp_path):
    desk, coord, out = tmp_path / "desk.db", tmp_path / "coord.db", tmp_path / "out"
    out.mkdir()
    code, text, _ = run("--db", desk, "bundle", "keys", "--name", "Piste 1", "--write",
                        tmp_path / "desk.json")
    assert code == 0 and "Piste 1" in text and "Sormenjälki" in text
    assert run("--db", coord, "bundle", "keys", "--name", "Koordinaattori", "--role",
               "coordinator", "--write", tmp_path / "coord.json")[0] == 0
    code, text, _ = run("--db", desk, "bundle", "peer", "add", tmp_path / "coord.json")
    assert code == 0 and "Koordinaattori (koordinaattori)" in text
    assert run("--db", coord, "bundle", "peer", "add", tmp_path / "desk.json")[0] == 0

    code, text, _ = run("--db", desk, "bundle", "export", "--out", out)
    assert code == 0 and "Koordinaattori" in text
    (bundle,) = out.glob("*.age")
    code, text, _ = run("--lang", "en", "--db", coord, "bundle", "verify", bundle)
    assert code == 0 and "From: Piste 1" in text and "intact" in text
    code, text, _ = run("--db", coord, "bundle", "import", bundle, bundle)
    lines = text.strip().splitlines()
    assert code == 0 and "uutta muutosta koneelta Piste 1" in lines[0]
    assert "olivat jo täällä" in lines[1]
    code, text, _ = run("--db", coord, "bundle", "peer", "list")
    assert code == 0 and text.startswith("Piste 1 (työpiste)")
    code, text, _ = run("--db", coord, "bundle", "weekly", "--week", "2026-W48", "--out", out)
    assert code == 0 and "2026-W48" in text
    (weekly,) = out.glob("*weekly*")
    assert run("--db", desk, "bundle", "import", weekly)[0] == 0
    code, text, _ = run("--db", desk, "bundle", "conflicts")
    assert code == 0 and "Ei avoimia ristiriitoja." in text
    code, text, _ = run("--db", coord, "bundle", "peer", "remove", "Piste 1")
    assert code == 0 and "Piste 1" in text


def test_errors_are_one_line_and_exit_2(run, tmp_path):
    db = tmp_path / "x.db"
    junk = tmp_path / "junk.age"
    junk.write_bytes(b"not a bundle at all")
    empty = tmp_path / "empty.age"
    empty.write_bytes(b"")
    for args, words in (
            (("bundle", "import", junk), "ei ole Duunikulman nippu"),
            (("bundle", "verify", empty), "tyhjä"),
            (("bundle", "weekly", "--week", "2026-W99"), "2026-W99"),
            (("bundle", "export", "--out", tmp_path), "Vertaiskoneita ei ole"),
            (("bundle", "peer", "add", junk), "avaintiedosto"),
            (("bundle", "peer", "remove", "nobody"), "nobody")):
        code, out, err = run("--db", db, *args)
        assert code == 2, (args, out, err)
        assert len(err.strip().splitlines()) == 1 and words in err, (args, err)
    code, out, err = run("--lang", "en", "--db", db, "bundle", "import", junk, empty)
    assert code == 2 and len(err.strip().splitlines()) == 2 and "empty" in err
