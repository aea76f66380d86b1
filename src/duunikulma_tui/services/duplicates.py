"""Finding the same person registered twice under a slightly different name.

Names are compared with accents folded and case ignored ("Mäkinen" ~
"Makinen"), as token sets ("Virtanen-Korhonen" ~ "Virtanen"), by rapidfuzz
on the few clients that share the birth date, so it stays fast at 100,000.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from duunikulma_tui.services.desk import Desk

THRESHOLD = 85


@dataclass(frozen=True)
class SimilarClient:
    """A possible duplicate shown to the worker."""

    id: str
    name: str
    birth_date: dt.date
    municipality: str
    score: int


def fold(text: str) -> str:
    """Lower case without diacritics and with hyphens as spaces: 'Mäki-Aho' -> 'maki aho'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("-", " ").replace("'", " ").split())


def name_similarity(a_first: str, a_last: str, b_first: str, b_last: str) -> int:
    """0-100: how alike two people's names are (last names weigh the most)."""
    last = fuzz.token_set_ratio(fold(a_last), fold(b_last))
    first = fuzz.token_set_ratio(fold(a_first), fold(b_first))
    return int(round(0.6 * last + 0.4 * first))


def similar_clients(desk: Desk, first_name: str, last_name: str, birth_date: dt.date | None,
                    *, exclude: str | None = None) -> list[SimilarClient]:
    """Clients born the same day whose name is close to this one, best first."""
    if birth_date is None:
        return []
    rows = desk.store.query(
        "SELECT id, first_name, last_name, municipality FROM client WHERE birth_date = ? "
        "AND deleted = 0 AND id IS NOT ?", (birth_date.isoformat(), exclude))
    out = []
    for r in rows:
        score = name_similarity(first_name, last_name, r["first_name"], r["last_name"])
        if score >= THRESHOLD:
            out.append(SimilarClient(r["id"], f"{r['last_name']} {r['first_name']}", birth_date,
                                     r["municipality"] or "", score))
    return sorted(out, key=lambda c: -c.score)
