"""The client registry: search as you type, with filters.

Text goes to the FTS5 index (`client_search`, kept in step by triggers):
every word becomes a prefix term, so "mäk pie" finds Mäkinen in Pielavesi,
and the unicode61 tokenizer folds case and diacritics, so "makinen" finds
"Mäkinen" too. Without text the registry lists clients by name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from duunikulma_tui.services.desk import Desk

STATUS_FILTERS = ("active", "exited", "draft", "all")
CANDIDATES = 1000
GROUP_FILTERS = ("all", "under_25", "under_30", "55_plus", "long_term_unemployed")

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PHONE_LIKE = re.compile(r"[\d\s()+-]+")


@dataclass(frozen=True)
class RegistryFilter:
    """Which clients the registry shows."""

    status: str = "active"
    group: str = "all"
    mine: bool = False


@dataclass(frozen=True)
class ClientRow:
    """One line of the registry."""

    id: str
    last_name: str
    first_name: str
    birth_date: dt.date | None
    birth_year: int | None
    municipality: str
    status: str
    next_appointment: dt.datetime | None


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: each word of `text` as a quoted prefix term, all required."""
    if _PHONE_LIKE.fullmatch(text) and any(ch.isdigit() for ch in text):
        # "040-123 45" is one number: the index holds phones as one token,
        # and "+358 40 ..." is searched in its national form "040 ...".
        digits = re.sub(r"\D", "", text)
        if digits.startswith("358") and len(digits) > 3:
            digits = "0" + digits[3:]
        return f'"{digits}"*'
    words = _TOKEN.findall(text.lower())[:8]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def _years_ago(day: dt.date, years: int) -> str:
    try:
        return day.replace(year=day.year - years).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28).isoformat()


def _filter_sql(flt: RegistryFilter, operator_id: str | None, today: dt.date) -> tuple[str, list]:
    where, params = ["c.deleted = 0"], []
    if flt.status != "all":
        where.append("c.status = ?")
        params.append(flt.status)
    if flt.mine:
        where.append("c.responsible_staff_id = ?")
        params.append(operator_id or "")
    if flt.group == "under_25":
        where.append("c.birth_date > ?")
        params.append(_years_ago(today, 25))
    elif flt.group == "under_30":
        where.append("c.birth_date > ?")
        params.append(_years_ago(today, 30))
    elif flt.group == "55_plus":
        where.append("c.birth_date <= ?")
        params.append(_years_ago(today, 55))
    elif flt.group == "long_term_unemployed":
        # Derived, never typed: unemployed for 12 months or more without a
        # break, from the open agreement period's unemployment start date.
        where.append("EXISTS (SELECT 1 FROM agreement_period p WHERE p.client_id = c.id "
                     "AND p.deleted = 0 AND p.end_date IS NULL AND p.unemployed_since <= ?)")
        params.append(_years_ago(today, 1))
    return " AND ".join(where), params


def search_clients(desk: Desk, text: str = "", flt: RegistryFilter = RegistryFilter(),
                   limit: int = 50) -> list[ClientRow]:
    """Clients matching `text` (names, phone, e-mail, municipality, last four of the code)."""
    today = desk.today()
    where, params = _filter_sql(flt, desk.operator_id, today)
    next_appt = ("(SELECT MIN(a.on_date || ' ' || a.start_time) FROM appointment a "
                 "WHERE a.client_id = c.id AND a.deleted = 0 AND a.status = 'scheduled' "
                 "AND a.on_date >= ?) AS next_appt")
    cols = ("c.id, c.last_name, c.first_name, c.birth_date, c.birth_year, c.municipality, "
            f"c.status, {next_appt}")
    query = fts_query(text)
    if query:
        # Ranking or sorting every match of a first keystroke costs 100 ms at
        # 100,000 people; a bounded candidate set sorted by name costs 1 ms,
        # and a broad search says "narrow it down" anyway.
        sql = (f"SELECT {cols} FROM (SELECT rowid FROM client_search WHERE client_search "
               f"MATCH ? LIMIT {CANDIDATES}) s JOIN client c ON c.rowid = s.rowid "
               f"WHERE {where} ORDER BY c.last_name, c.first_name LIMIT ?")
        args = [today.isoformat(), query, *params, limit]
    else:
        sql = (f"SELECT {cols} FROM client c WHERE {where} "
               f"ORDER BY c.last_name, c.first_name LIMIT ?")
        args = [today.isoformat(), *params, limit]
    return [_row(r) for r in desk.store.query(sql, tuple(args))]


def _row(r: dict) -> ClientRow:
    nxt = dt.datetime.fromisoformat(r["next_appt"]) if r["next_appt"] else None
    birth = dt.date.fromisoformat(r["birth_date"]) if r["birth_date"] else None
    return ClientRow(r["id"], r["last_name"], r["first_name"], birth, r["birth_year"],
                     r["municipality"] or "", r["status"], nxt)


def client_choices(desk: Desk, text: str, limit: int = 30) -> list[tuple[str, str]]:
    """(label, id) pairs for pickers: name, birth date and municipality, all statuses."""
    from duunikulma_tui.domain.i18n import format_date

    rows = search_clients(desk, text, RegistryFilter(status="all"), limit)
    out = []
    for r in rows:
        born = format_date(r.birth_date) if r.birth_date else (str(r.birth_year or "") or "–")
        out.append((f"{r.last_name} {r.first_name} · {born} · {r.municipality or '–'}", r.id))
    return out
