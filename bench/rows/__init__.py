"""Row modules: one file per feature, each calling `bench.core.register(...)`.

`load()` imports every module in this package; the table lists their rows by
the module's `ORDER` (default 100), then in the order each module registered
them. Adding a row is adding a file (or a `register` call to one).
"""

from __future__ import annotations

import importlib
import pkgutil

from bench import core


def load() -> None:
    """Import every row module once, so their rows are registered, in table order."""
    order = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            order[module.__name__] = getattr(module, "ORDER", 100)
    core.reorder(lambda row: order.get(core.module_of(row), 100))
