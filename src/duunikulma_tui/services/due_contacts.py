"""Due statutory contacts: which jobseekers must be met, most overdue first.

Rule sets are data. Two ship with the app (domain/data/contact_rules/*.json);
`install_shipped_rule_sets` copies them into the synced contact_rule_set
table, where a coordinator can edit one or add a new one (`save_rule_set`)
without code. A live row overrides the shipped file of the same effective
date; a row that does not parse is left out and reported by `load_rule_sets`.

Who is listed (`due_contacts`): clients that are active, not deleted, not
marked outside the service model, with an agreement period open today that
has a job search start date.

Held contacts are the client's own appointments (client_id set) with status
completed, walk_in or arrived (arrived: the client is at the desk today, so
the contact is taking place) on or before today. An appointment whose
statutory_contact names a kind counts as that kind; an unmarked individual
meeting counts as a contact of no particular kind (count_unmarked=True,
the default): it can be the initial interview and restarts the discussion
cadence, but never counts as the intensified period. Group events and
company visits count only when marked. Cancelled and missed ones never count.

Speed (100,000 clients, 1,000,000 appointments): one query. It reads each
active client's open period and, walking the appointment_client index
backwards from today, the date L of the last contact held. In SQL it drops
the clients the rules cannot list -- L after a cut date that `_cuts` works out
with the domain function itself -- and reads more history only for job
searches young enough to be in a supplementary phase or near an intensified
period. Past those, the answer depends on L alone and is computed once per L.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from duunikulma_tui.domain.contact_rules import (CONTACT_KINDS, DEFAULT_LEAD_WORKING_DAYS,
                                                 DueContact, JobSearchDiscussion, RuleBook,
                                                 RuleSet, RuleSetError, next_statutory_contact,
                                                 parse_rule_set)
from duunikulma_tui.domain.workdays import add_months
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

HELD_STATUSES = ("completed", "walk_in", "arrived")
_HELD_SQL = "(" + ", ".join(f"'{s}'" for s in HELD_STATUSES) + ")"
_KINDS = frozenset(CONTACT_KINDS)


@dataclass(frozen=True, slots=True)
class DueItem:
    """One line of the due-contact list."""

    client_id: str
    name: str                  # "Last First", as the agenda names clients
    staff_id: str | None       # the responsible staff member
    job_search_start: dt.date
    contact: DueContact


@dataclass(frozen=True, slots=True)
class RuleSetProblem:
    """A contact_rule_set row that could not be used."""

    row_id: str
    name: str
    problems: list[str]


def shipped_rule_set_texts() -> dict[str, str]:
    """The JSON text of each rule set shipped with the app, by file name."""
    folder = resources.files("duunikulma_tui.domain").joinpath("data/contact_rules")
    return {f.name: f.read_text(encoding="utf-8")
            for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.name.endswith(".json")}


def shipped_rule_sets() -> list[RuleSet]:
    """The shipped rule sets, parsed (a broken shipped file is a bug: it raises)."""
    return [parse_rule_set(text) for text in shipped_rule_set_texts().values()]


def install_shipped_rule_sets(desk: Desk) -> int:
    """Insert each shipped rule set whose effective date has no live row yet; returns how many.

    Safe to run on every start: an edited row is never overwritten.
    """
    have = {r["effective_from"] for r in desk.store.query(
        "SELECT effective_from FROM contact_rule_set WHERE deleted = 0")}
    added = 0
    for text in shipped_rule_set_texts().values():
        rs = parse_rule_set(text)
        if rs.effective_from.isoformat() in have:
            continue
        row_id = records.insert(desk.store, "contact_rule_set", {
            "name": rs.name, "effective_from": rs.effective_from.isoformat(), "rules": text,
        }, desk.operator_id)
        desk.audit("create", "contact_rule_set", row_id, rs.effective_from.isoformat())
        added += 1
    return added


@lru_cache(maxsize=8)
def _book(rows: tuple[tuple[str, str, str, str], ...]) -> tuple[RuleBook, list[RuleSetProblem]]:
    # Cached by the rows' content, so the book and the deadlines it has
    # remembered live on between calls until a rule set changes.
    by_date = {rs.effective_from: rs for rs in shipped_rule_sets()}
    problems = []
    for row_id, name, effective_from, rules in rows:
        try:
            rs = parse_rule_set(rules, name=name, effective_from=effective_from)
        except RuleSetError as exc:
            problems.append(RuleSetProblem(row_id, name, exc.problems))
            continue
        by_date[rs.effective_from] = rs
    return RuleBook(by_date.values()), problems


def load_rule_sets(desk: Desk) -> tuple[RuleBook, list[RuleSetProblem]]:
    """The rule book (shipped files overlaid by live table rows) and the rows that failed.

    The columns name and effective_from win over the same fields in the JSON,
    since they are what a coordinator sees in lists.
    """
    # In HLC order, so when two machines each saved a row for one date the
    # later change wins everywhere alike.
    rows = desk.store.conn.execute(
        "SELECT id, name, effective_from, rules FROM contact_rule_set WHERE deleted = 0 "
        "ORDER BY hlc").fetchall()
    book, problems = _book(tuple(rows))
    return book, list(problems)


def rule_sets(desk: Desk) -> RuleBook:
    """The rule book in use: shipped rule sets overlaid by valid table rows."""
    return load_rule_sets(desk)[0]


def save_rule_set(desk: Desk, text: str, row_id: str | None = None) -> str:
    """Add a rule set (row_id None) or replace one row's rules with `text`; returns the id.

    The JSON is validated first: RuleSetError (with its problems) and nothing
    saved when it is not a valid rule set; KeyError when row_id is not a live row.
    """
    rs = parse_rule_set(text)
    canonical = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    values = {"name": rs.name, "effective_from": rs.effective_from.isoformat(),
              "rules": canonical}
    if row_id is None:
        row_id = records.insert(desk.store, "contact_rule_set", values, desk.operator_id)
        desk.audit("create", "contact_rule_set", row_id, values["effective_from"])
    elif records.update(desk.store, "contact_rule_set", row_id, values, desk.operator_id):
        desk.audit("update", "contact_rule_set", row_id, values["effective_from"])
    return row_id


_ANCIENT = dt.date(1900, 1, 1)      # a job search start old enough for every period to lapse
_SCAN_DAYS = 3 * 366                 # how far back the quiet cuts are looked for


@dataclass(frozen=True)
class _Cuts:
    """Date limits that let SQL skip clients who cannot be listed (see _cuts)."""

    quiet: str        # S <= phase_band: listed only if the last contact is on or before this
    phase_band: str   # job searches starting after this may still be in a supplementary phase
    phase_quiet: str  # ... and those are listed only if the last contact is on or before this
    int_lo: str       # job searches starting in int_lo..int_hi may have an intensified
    int_hi: str       # period due (or upcoming within the horizon) today; for them only
    marks_from: str   # contacts marked 'intensified' from this day on can matter


@lru_cache(maxsize=16)
def _cuts(rule_sets: tuple[RuleSet, ...], today: dt.date, horizon: dt.date | None,
          lead: int) -> _Cuts:
    """Conservative limits computed with the domain function itself (cached per day).

    A client is listed when any requirement is due, overdue or upcoming
    within the horizon. With contacts held, the discussion cadence depends on
    the last contact L alone (and, during a supplementary phase, on whether
    the short interval applies: both intervals are tried); the intensified
    period depends on the start S alone unless a marked contact satisfied it.
    So a client can be skipped when L is after the cut of its band and S is
    outside the intensified range; clients without contacts are never skipped.
    """
    book = RuleBook(rule_sets)
    no_int = RuleBook(rs.model_copy(update={"intensified_period": rs.intensified_period.model_copy(
        update={"enabled": False})}) for rs in book.rule_sets)
    quiet_cadence = RuleBook(rs.model_copy(update={
        "supplementary_discussions": None,
        "job_search_discussion": JobSearchDiscussion(every_months=24)}) for rs in book.rule_sets)

    def cut(starts_at_last: bool) -> dt.date:
        for back in range(_SCAN_DAYS):
            last = today - dt.timedelta(days=back)
            held = [(last, None)]
            if any(_listed(next_statutory_contact(start, held, no_int, today,
                                                  lead_working_days=lead), horizon)
                   for start in ((_ANCIENT, last) if starts_at_last else (_ANCIENT,))):
                return last
        return today - dt.timedelta(days=_SCAN_DAYS)

    months = [rs.supplementary_discussions.during_first_months for rs in book.rule_sets
              if rs.supplementary_discussions] or [0]
    # One month more than the longest phase, so month-end clipping cannot matter.
    phase_band = add_months(today, -(max(months) + 1))
    span = max([rs.intensified_period.after_months + rs.intensified_period.length_months
                for rs in book.rule_sets] or [0]) + 1
    hits = [s for s in (add_months(today, -span) + dt.timedelta(days=i)
                        for i in range((today - add_months(today, -span)).days + 1))
            if _listed(next_statutory_contact(s, [(today, None)], quiet_cadence, today,
                                              lead_working_days=lead), horizon)]
    lo, hi = (min(hits), max(hits)) if hits else (today + dt.timedelta(days=1), today)
    # A marked contact counts from the day the period opens: `lead` working
    # days before its start, which 2 * lead + 14 calendar days always covers.
    after = min(rs.intensified_period.after_months for rs in rule_sets) if rule_sets else 0
    marks_from = add_months(lo, after) - dt.timedelta(days=2 * lead + 14)
    return _Cuts(cut(False).isoformat(), phase_band.isoformat(), cut(True).isoformat(),
                 lo.isoformat(), hi.isoformat(), marks_from.isoformat())


def _listed(c: DueContact | None, horizon: dt.date | None) -> bool:
    return c is not None and (c.status != "upcoming"
                              or (horizon is not None and c.due_date <= horizon))


def _clients_sql(count_unmarked: bool, staff_filter: bool) -> str:
    counts = ("(a.kind = 'individual' OR a.statutory_contact IS NOT NULL)" if count_unmarked
              else "a.statutory_contact IS NOT NULL")
    held = (f"a.client_id = b.id AND a.on_date >= b.start AND a.on_date <= :today "
            f"AND a.deleted = 0 AND a.status IN {_HELD_SQL} AND {counts}")
    # Periods are read in table order (NOT INDEXED), which follows the clients'
    # id order, so the (client_id, on_date) index is read in order too: 2.5
    # times faster than hopping through client_status, which only one staff
    # member's list uses. ORDER BY on_date DESC LIMIT 1 walks that index
    # backwards from today and stops at the first held contact.
    join = ("client c CROSS JOIN agreement_period p ON p.client_id = c.id" if staff_filter
            else "agreement_period p NOT INDEXED CROSS JOIN client c ON c.id = p.client_id")
    base = (
        "SELECT c.id AS id, c.last_name || ' ' || c.first_name AS name, "
        "c.responsible_staff_id AS staff, p.job_search_start AS start, p.start_date AS began "
        f"FROM {join} "
        "WHERE c.deleted = 0 AND c.status = 'active' AND c.outside_service_model = 0 "
        + ("AND c.responsible_staff_id = :staff " if staff_filter else "")
        + "AND p.deleted = 0 AND p.job_search_start IS NOT NULL AND p.start_date <= :today "
        "AND (p.end_date IS NULL OR p.end_date >= :today)")
    with_last = (
        f"SELECT b.*, (SELECT a.on_date FROM appointment a WHERE {held} "
        f"ORDER BY a.on_date DESC LIMIT 1) AS last FROM ({base}) b LIMIT -1")
    # LIMIT -1 keeps SQLite from flattening, so `last` is computed once per client.
    return (
        "SELECT b.id, b.name, b.staff, b.start, b.began, b.last, CASE "
        "WHEN b.start > :phase_band THEN (SELECT group_concat(a.on_date || ' ' || "
        f"COALESCE(a.statutory_contact, ''), ',') FROM appointment a WHERE {held}) "
        "WHEN b.start BETWEEN :int_lo AND :int_hi THEN COALESCE((SELECT group_concat("
        f"a.on_date || ' intensified', ',') FROM appointment a WHERE {held} "
        "AND a.on_date >= :marks_from AND a.statutory_contact = 'intensified'), '') END "
        f"FROM ({with_last}) b WHERE b.last IS NULL "
        "OR (b.start <= :phase_band AND b.last <= :quiet) "
        "OR (b.start > :phase_band AND b.last <= :phase_quiet) "
        "OR b.start BETWEEN :int_lo AND :int_hi")


def _history(text: str) -> list[tuple[dt.date, str | None]]:
    parts = (part.partition(" ") for part in text.split(",") if part)
    return [(dt.date.fromisoformat(day), kind if kind in _KINDS else None)
            for day, _, kind in parts]


def due_contacts(desk: Desk, today: dt.date | None = None, staff_id: str | None = None, *,
                 upcoming_within_days: int | None = None,
                 lead_working_days: int = DEFAULT_LEAD_WORKING_DAYS,
                 count_unmarked: bool = True, book: RuleBook | None = None) -> list[DueItem]:
    """Clients whose next statutory contact is due or overdue, most overdue first.

    staff_id limits the list to one responsible staff member's clients;
    upcoming_within_days also lists upcoming contacts whose deadline is at
    most that many days away. Equal lateness is ordered by deadline, then name.
    `book` replaces the database's rule sets (e.g. to preview an edited one).
    """
    today = today or desk.today()
    book = book or rule_sets(desk)
    horizon = today + dt.timedelta(days=upcoming_within_days) if upcoming_within_days else None
    cuts = _cuts(book.rule_sets, today, horizon, lead_working_days)
    params = {"today": today.isoformat(), "staff": staff_id, **cuts.__dict__}
    rows = desk.store.conn.execute(
        _clients_sql(count_unmarked, staff_id is not None), params).fetchall()
    cache: dict[tuple[str | None, str | None], DueContact | None] = {}
    chosen: dict[str, tuple[str, DueItem]] = {}
    for client_id, name, staff, start_text, began, last, history in rows:
        start = dt.date.fromisoformat(start_text)
        if history is not None:
            held = _history(history)
            if start_text <= cuts.phase_band and last:
                # Past the supplementary phase: the last contact and the marked
                # intensified ones are all the rules can look at.
                held.append((dt.date.fromisoformat(last), None))
            contact = next_statutory_contact(start, held, book, today,
                                             lead_working_days=lead_working_days)
        else:
            # Past any supplementary phase and intensified period the answer
            # depends on the last contact alone (on the start when there is none).
            key = (last, None) if last else (None, start_text)
            if key not in cache:
                held = [(dt.date.fromisoformat(last), None)] if last else []
                cache[key] = next_statutory_contact(start, held, book, today,
                                                    lead_working_days=lead_working_days)
            contact = cache[key]
        if not _listed(contact, horizon):
            continue
        # Two open periods (should not happen): the later one decides.
        if client_id not in chosen or chosen[client_id][0] < began:
            chosen[client_id] = (began, DueItem(client_id, name, staff, start, contact))
    return sorted((item for _, item in chosen.values()),
                  key=lambda i: (-i.contact.days_late, i.contact.due_date, i.name, i.client_id))
