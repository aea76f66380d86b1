"""Message catalogs. Each module holds one area's messages as FI and EN dicts.

Splitting by area keeps each catalog small and lets a feature own its words;
`load_all` merges them and refuses a key defined twice.
"""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> dict[str, dict[str, str]]:
    """Merge every catalog module into {'fi': {...}, 'en': {...}}."""
    merged: dict[str, dict[str, str]] = {"fi": {}, "en": {}}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for lang, table in (("fi", module.FI), ("en", module.EN)):
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise RuntimeError(f"catalog keys defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged
