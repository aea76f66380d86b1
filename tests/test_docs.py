"""The docs keep up with the code: every CLI command is in the README."""

from __future__ import annotations

from pathlib import Path

import click

from duunikulma_tui.cli import build_cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "duunikulma") -> list[str]:
    out = []
    for name, command in group.commands.items():
        out.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix} {name}")
    return out


def test_every_top_level_command_is_in_the_readme():
    top = [c for c in _commands(build_cli()) if c.count(" ") == 1]
    missing = [c for c in top if c not in README]
    assert not missing, missing


def test_every_bundle_and_rules_subcommand_is_named_in_the_readme():
    nested = [c for c in _commands(build_cli()) if c.count(" ") == 2]
    missing = [c for c in nested if c.split(" ", 1)[1].split()[1] not in README]
    assert not missing, missing
