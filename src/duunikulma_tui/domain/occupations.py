"""The occupation code list (Ammattiluokitus 2010, ISCO-08 based) shipped as data.

The CSV in domain/data/ names its published source in its header lines; it
is read once, lazily, when a name or a search is first needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from duunikulma_tui.domain.code_files import NamedInTwoLanguages, read_code_file


@dataclass(frozen=True)
class Occupation(NamedInTwoLanguages):
    """One class of the classification."""

    code: str
    level: int
    name_fi: str
    name_en: str


@lru_cache(maxsize=1)
def occupations() -> dict[str, Occupation]:
    """All classes by code; empty when the data file is not shipped."""
    return {row["code"]: Occupation(row["code"], int(row["level"]), row["name_fi"],
                                    row["name_en"])
            for row in read_code_file("occupations_2010.csv")}


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
