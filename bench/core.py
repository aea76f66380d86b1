"""Rows, targets and the registry that row modules add to.

A row is one figure in the table: an id, a title, what it is compared with
(or nothing, for an info row) and a function returning one measured value
per run. Row modules under bench/rows/ call `register(...)` at import time.
"""

from __future__ import annotations

import operator
import re
import sys
from dataclasses import dataclass, field
from typing import Callable

_OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
        "==": operator.eq}
_PRETTY = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "==": "="}
_TARGET = re.compile(r"^\s*(<=|>=|==|<|>)\s*([0-9][0-9_,.]*)\s*(.*?)\s*$")


@dataclass(frozen=True)
class Target:
    """A comparison such as "<= 0.3 s" or ">= 20000 rows/s"."""

    op: str
    value: float
    unit: str
    written: str = ""  # the number as written, e.g. "1.0"

    @classmethod
    def parse(cls, text: str) -> "Target":
        """Parse "<op> <number> <unit>"; underscores and commas in the number are ignored."""
        match = _TARGET.match(text)
        if not match:
            raise ValueError(f"not a target: {text!r} (expected e.g. '<= 0.3 s')")
        op, number, unit = match.groups()
        return cls(op, float(number.replace("_", "").replace(",", "")), unit, number)

    def met(self, measured: float) -> bool:
        """Whether a measured value meets the target."""
        return _OPS[self.op](measured, self.value)

    def text(self) -> str:
        """The target as the table shows it, e.g. "≤ 0.3 s"."""
        number = f"{self.written} {self.unit}" if self.unit == "s" else \
            format_value(self.value, self.unit)
        return f"{_PRETTY[self.op]} {number}"


@dataclass
class Row:
    """One figure with a target; `measure(ctx)` returns one value per call."""

    id: str
    title: str
    target: str | None
    measure: Callable[..., float]
    unit: str = ""
    runs: int = 5
    warmup: int = 0
    how: str = ""
    parsed: Target | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.id):
            raise ValueError(f"row id must be snake_case: {self.id!r}")
        if self.target is not None:
            self.parsed = Target.parse(self.target)
            if not self.unit:
                self.unit = self.parsed.unit
            elif self.parsed.unit and self.parsed.unit != self.unit:
                raise ValueError(f"{self.id}: target unit {self.parsed.unit!r} != {self.unit!r}")

    @property
    def target_text(self) -> str:
        """"≤ 0.3 s", or "info" for a row without a target."""
        return self.parsed.text() if self.parsed else "info"


class InfoRow(Row):
    """A figure reported without a target (status "info")."""

    def __init__(self, id: str, title: str, measure: Callable[..., float], unit: str, **kw):
        super().__init__(id=id, title=title, target=None, measure=measure, unit=unit, **kw)


_REGISTRY: dict[str, Row] = {}
_MODULE: dict[str, str] = {}  # row id -> the module that registered it


def register(*rows: Row) -> None:
    """Add rows to the table, in the order given; ids must be unique."""
    module = sys._getframe(1).f_globals.get("__name__", "")
    for row in rows:
        if row.id in _REGISTRY:
            raise ValueError(f"duplicate row id {row.id!r}")
        _REGISTRY[row.id] = row
        _MODULE.setdefault(row.id, module)


def module_of(row: Row) -> str:
    """The module that registered a row."""
    return _MODULE.get(row.id, "")


def registered() -> list[Row]:
    """Every registered row, in registration order."""
    return list(_REGISTRY.values())


def format_value(value: float, unit: str) -> str:
    """A value with its unit: seconds with 2-3 significant decimals, counts grouped."""
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    if value == int(value) or abs(value) >= 100:
        number = f"{value:,.0f}"
    else:
        number = f"{value:,.2f}"
    return f"{number} {unit}".strip()


def reorder(key: Callable[[Row], object]) -> None:
    """Sort the registry (stable) by `key`."""
    rows = sorted(_REGISTRY.values(), key=key)
    _REGISTRY.clear()
    _REGISTRY.update((row.id, row) for row in rows)
