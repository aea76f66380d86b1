"""The employer registry: search, save with checks, contact people, and the card.

Forms hand over raw text per field; the domain models (Employer,
EmployerContact) check and normalise it, so the form refuses exactly what
the models refuse, all errors at once and nothing written. A business ID
that another live employer already has is refused with the other's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.industries import industries
from duunikulma_tui.domain.models import Employer, EmployerContact, model_to_row, to_form_errors
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.duplicates import fold
from duunikulma_tui.store import records

EMPLOYER_FIELDS = ("business_id", "name", "industry", "kind", "municipality", "street_address",
                   "postal_code", "phone", "email", "note")
CONTACT_FIELDS = ("name", "role", "phone", "email")

M = TypeVar("M", bound=BaseModel)

# Search folds text in Python over at most this many employers: a service
# point has hundreds, and a cap keeps a keystroke cheap even on a big file.
SEARCH_CANDIDATES = 5000

# Finnish alphabetical order puts å, ä and ö after z.
_FINNISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


class DuplicateBusinessId(FormErrors):
    """Another employer has this business ID; the message names it, the id opens it."""

    def __init__(self, employer_id: str, name: str):
        super().__init__([FieldError("business_id", "employer_business_id_taken", {"name": name})])
        self.employer_id, self.name = employer_id, name


# -- search -------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerRow:
    """One line of the employer list."""

    id: str
    name: str
    business_id: str | None
    municipality: str | None
    industry: str | None
    open_jobs: int


def finnish_sort_key(text: str) -> str:
    """A key that sorts names the Finnish way (case-insensitive, å ä ö after z)."""
    return text.casefold().translate(_FINNISH_ORDER)


def search_employers(desk: Desk, text: str = "", limit: int = 50) -> list[EmployerRow]:
    """Employers whose name, business ID or municipality hold every word of `text`.

    Case and diacritics do not matter ("mantyla" finds "Mäntylä"); a business
    ID matches with or without its dash. Names starting with the first word
    come first, then the rest in Finnish alphabetical order.
    """
    words = fold(text).split()[:8]
    found: list[dict] = []
    for r in desk.store.query(
            "SELECT id, name, business_id, municipality, industry FROM employer "
            "WHERE deleted = 0 ORDER BY name LIMIT ?", (SEARCH_CANDIDATES,)):
        if words:
            name = fold(r["name"])
            bid = r["business_id"] or ""
            haystack = " ".join((name, bid, bid.replace("-", ""), fold(r["municipality"] or "")))
            if not all(w in haystack for w in words):
                continue
            r["_first"] = not name.startswith(words[0])
        found.append(r)
    found.sort(key=lambda r: (r.get("_first", False), finnish_sort_key(r["name"])))
    found = found[:limit]
    counts = _open_job_counts(desk, [r["id"] for r in found])
    return [EmployerRow(r["id"], r["name"], r["business_id"], r["municipality"], r["industry"],
                        counts.get(r["id"], 0)) for r in found]


def _open_job_counts(desk: Desk, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {r["employer_id"]: r["n"] for r in desk.store.query(
        f"SELECT employer_id, COUNT(*) AS n FROM job_opening WHERE deleted = 0 AND "
        f"status = 'open' AND employer_id IN ({marks}) GROUP BY employer_id", tuple(ids))}


# -- saving -------------------------------------------------------------------


def _validate(model: type[M], raw: dict) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise to_form_errors(exc) from None


def parse_employer(values: dict[str, str]) -> Employer:
    """Check the form's raw values; raises FormErrors with every problem at once."""
    raw: dict[str, object] = {k: values.get(k, "") for k in EMPLOYER_FIELDS}
    raw["kind"] = str(raw["kind"]).strip() or "company"
    errors: list[FieldError] = []
    industry = str(raw["industry"]).strip().upper()
    if industry and industry not in industries():
        errors.append(FieldError("industry", "choose_from_list"))
    raw["industry"] = industry or None
    try:
        employer = _validate(Employer, raw)
    except FormErrors as found:
        raise FormErrors(errors + found.errors) from None
    if errors:
        raise FormErrors(errors)
    return employer


def save_employer(desk: Desk, values: dict[str, str], employer_id: str | None = None) -> str:
    """Validate and save a new or edited employer in one transaction; returns the id.

    Raises FormErrors for refused fields and DuplicateBusinessId when another
    live employer has the same business ID; nothing is written then.
    """
    employer = parse_employer(values)
    row = model_to_row(employer)
    with desk.store.transaction():
        if employer.business_id:
            other = desk.store.query(
                "SELECT id, name FROM employer WHERE business_id = ? AND deleted = 0 "
                "AND id IS NOT ?", (employer.business_id, employer_id))
            if other:
                raise DuplicateBusinessId(other[0]["id"], other[0]["name"])
        changes = {k: row[k] for k in EMPLOYER_FIELDS}
        if employer_id is None:
            employer_id = records.insert(desk.store, "employer", changes, desk.operator_id)
            desk.audit("create", "employer", employer_id)
        elif records.update(desk.store, "employer", employer_id, changes, desk.operator_id):
            desk.audit("update", "employer", employer_id)
    return employer_id


def _text(value: object) -> str:
    return "" if value is None else str(value)


def employer_values(desk: Desk, employer_id: str) -> dict[str, str]:
    """The form's raw values for editing an existing employer."""
    row = records.get(desk.store, "employer", employer_id)
    if row is None:
        raise KeyError(employer_id)
    return {k: _text(row[k]) for k in EMPLOYER_FIELDS}


# -- contact people -------------------------------------------------------------


def save_contact(desk: Desk, employer_id: str, values: dict[str, str],
                 contact_id: str | None = None) -> str:
    """Validate and save a contact person of an employer; returns the contact's id."""
    raw = {**{k: values.get(k, "") for k in CONTACT_FIELDS}, "employer_id": employer_id}
    contact = _validate(EmployerContact, raw)
    row = model_to_row(contact)
    changes = {k: row[k] for k in CONTACT_FIELDS}
    with desk.store.transaction():
        if records.get(desk.store, "employer", employer_id) is None:
            raise KeyError(employer_id)
        if contact_id is None:
            contact_id = records.insert(desk.store, "employer_contact",
                                        {**changes, "employer_id": employer_id}, desk.operator_id)
            desk.audit("create", "employer_contact", contact_id)
        elif records.update(desk.store, "employer_contact", contact_id, changes,
                            desk.operator_id):
            desk.audit("update", "employer_contact", contact_id)
    return contact_id


def contact_values(desk: Desk, contact_id: str) -> dict[str, str]:
    """The contact form's raw values for editing."""
    row = records.get(desk.store, "employer_contact", contact_id)
    if row is None:
        raise KeyError(contact_id)
    return {k: _text(row[k]) for k in CONTACT_FIELDS}


def remove_contact(desk: Desk, contact_id: str) -> bool:
    """Remove a contact person (a tombstone that syncs); False if already gone."""
    with desk.store.transaction():
        removed = records.soft_delete(desk.store, "employer_contact", contact_id,
                                      desk.operator_id)
        if removed:
            desk.audit("delete", "employer_contact", contact_id)
    return removed


# -- the card -------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A contact person at the employer."""

    id: str
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class Visit:
    """A company visit (appointment of kind 'company_visit')."""

    id: str
    on: dt.date
    start_time: str
    status: str
    staff: str | None
    title: str | None


@dataclass(frozen=True)
class Job:
    """A job opening of the employer."""

    id: str
    title: str
    opened_on: dt.date
    closes_on: dt.date | None
    positions: int
    status: str


@dataclass(frozen=True)
class Match:
    """A person proposed for one of the employer's jobs."""

    id: str
    proposed_on: dt.date
    client_name: str
    job_title: str
    status: str
    score: int | None


@dataclass
class EmployerCard:
    """Everything the employer card shows; the lists are newest first."""

    id: str
    name: str
    business_id: str | None
    industry: str | None
    kind: str
    municipality: str | None
    street_address: str | None
    postal_code: str | None
    phone: str | None
    email: str | None
    note: str | None
    contacts: list[Contact] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    @property
    def open_jobs(self) -> int:
        """How many of the jobs are open."""
        return sum(1 for j in self.jobs if j.status == "open")


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_employer_card(desk: Desk, employer_id: str) -> EmployerCard | None:
    """The employer's card, or None; opening it is audited (it names people)."""
    q = desk.store.query
    rows = q("SELECT * FROM employer WHERE id = ? AND deleted = 0", (employer_id,))
    if not rows:
        return None
    r = rows[0]
    card = EmployerCard(employer_id, r["name"], r["business_id"], r["industry"], r["kind"],
                        r["municipality"], r["street_address"], r["postal_code"], r["phone"],
                        r["email"], r["note"])
    contacts = [Contact(c["id"], c["name"], c["role"], c["phone"], c["email"]) for c in q(
        "SELECT id, name, role, phone, email FROM employer_contact WHERE employer_id = ? "
        "AND deleted = 0", (employer_id,))]
    card.contacts = sorted(contacts, key=lambda c: finnish_sort_key(c.name))
    card.visits = [Visit(v["id"], _d(v["on_date"]), v["start_time"], v["status"], v["staff"],
                         v["title"]) for v in q(
        "SELECT a.id, a.on_date, a.start_time, a.status, a.title, "
        "s.first_name || ' ' || s.last_name AS staff FROM appointment a "
        "LEFT JOIN staff s ON s.id = a.staff_id WHERE a.employer_id = ? AND "
        "a.kind = 'company_visit' AND a.deleted = 0 ORDER BY a.on_date DESC, a.start_time DESC",
        (employer_id,))]
    card.jobs = [Job(j["id"], j["title"], _d(j["opened_on"]), _d(j["closes_on"]),
                     j["positions"], j["status"]) for j in q(
        "SELECT j.id, j.title, j.opened_on, j.closes_on, j.positions, j.status "
        "FROM job_opening j WHERE j.employer_id = ? AND j.deleted = 0 "
        "ORDER BY j.opened_on DESC, j.title", (employer_id,))]
    card.matches = [Match(m["id"], _d(m["proposed_on"]), m["client_name"] or "–", m["title"],
                          m["status"], m["score"]) for m in q(
        "SELECT m.id, m.proposed_on, m.status, m.score, j.title, "
        "c.last_name || ' ' || c.first_name AS client_name FROM match_proposal m "
        "JOIN job_opening j ON j.id = m.job_id LEFT JOIN client c ON c.id = m.client_id "
        "WHERE j.employer_id = ? AND m.deleted = 0 AND j.deleted = 0 "
        "ORDER BY m.proposed_on DESC, client_name", (employer_id,))]
    desk.audit("view_personal", "employer", employer_id)
    return card
