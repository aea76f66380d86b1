"""The main sections (A–U) of the industry classification TOL 2008, shipped as data.

The CSV in domain/data/ names its published sources in its header lines; it
is read once, lazily, the first time a name is needed. Employers store the
section letter; screens show the name in the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from duunikulma_tui.domain.code_files import NamedInTwoLanguages, read_code_file


@dataclass(frozen=True)
class Industry(NamedInTwoLanguages):
    """One main section ("päätoimiala") of TOL 2008."""

    code: str
    name_fi: str
    name_en: str


@lru_cache(maxsize=1)
def industries() -> dict[str, Industry]:
    """All sections by letter, in the classification's order; empty when not shipped."""
    return {row["code"]: Industry(row["code"], row["name_fi"], row["name_en"])
            for row in read_code_file("tol2008_sections.csv")}


def industry_name(code: str | None, lang: str | None = None) -> str:
    """The section's name, or '' for a blank or unknown code."""
    found = industries().get(code or "")
    return found.name(lang) if found else ""


def industry_label(code: str | None, lang: str | None = None) -> str:
    """'C Teollisuus': letter and name, as lists and selects show a section; '' if unknown."""
    name = industry_name(code, lang)
    return f"{code} {name}" if name else (code or "")


def industry_options(lang: str | None = None) -> list[tuple[str, str]]:
    """(label, code) pairs for a select, A to U."""
    return [(industry_label(code, lang), code) for code in industries()]
