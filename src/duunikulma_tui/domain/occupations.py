"""The occupation code list (Ammattiluokitus 2010, ISCO-08 based) shipped as data.

The CSV in domain/data/ names its published source in its header lines; it
is read once, lazily, when a name or a search is first needed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from duunikulma_tui.domain.i18n import current_language


@dataclass(frozen=True)
class Occupation:
    """One class of the classification."""

    code: str
    level: int
    name_fi: str
    name_en: str

    def name(self, lang: str | None = None) -> str:
        """The name in the UI language (the other language if this one is missing)."""
        if (lang or current_language()) == "fi":
            return self.name_fi or self.name_en
        return self.name_en or self.name_fi


@lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    """All classes by code; empty when the data file is not shipped."""
    source = resources.files("duunikulma_tui.domain").joinpath("data/occupations_2010.csv")
    if not source.is_file():
        return {}
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    out = {}
    for row in csv.DictReader(lines):
        out[row["code"]] = Occupation(row["code"], int(row["level"]), row["name_fi"],
                                      row["name_en"])
    return out


def occupation_name(code: str, lang: str | None = None) -> str:
    """The name of a code, or '' for an unknown code."""
    occ = occupations().get(code)
    return occ.name(lang) if occ else ""


def search_occupations(text: str, *, level: int = 4, limit: int = 30) -> list[Occupation]:
    """Unit groups whose code starts with, or name (either language) contains, `text`."""
    key = text.strip().casefold()
    out = []
    for occ in occupations().values():
        if occ.level != level:
            continue
        if (not key or occ.code.startswith(key) or key in occ.name_fi.casefold()
                or key in occ.name_en.casefold()):
            out.append(occ)
            if len(out) >= limit:
                break
    return out
