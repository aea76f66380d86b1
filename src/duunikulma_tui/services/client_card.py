"""Everything the client card shows, read in one call, with the view audited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from duunikulma_tui.domain.validation import mask_identity_code
from duunikulma_tui.services.desk import Desk


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing that happened to the client."""

    on: dt.date
    kind: str  # 'appointment' | 'referral' | 'match' | 'employment' | 'period_start' | 'exit'
    code: str  # the event's main code (service type, referral kind, match status, outcome)
    status: str | None
    detail: str
    record_id: str


@dataclass(frozen=True)
class Period:
    """One agreement period with its exit, if any."""

    id: str
    start_date: dt.date
    end_date: dt.date | None
    labour_status: str
    unemployed_since: dt.date | None
    education_level: str | None
    exit_outcome: str | None
    employment_over_3_months: bool | None


@dataclass(frozen=True)
class Assessment:
    """A client-change self-assessment (scores 1-10 by dimension)."""

    phase: str
    assessed_on: dt.date
    scores: dict[str, int | None]


@dataclass
class ClientCard:
    """The card's data; the identity code is only ever held masked here."""

    id: str
    first_name: str
    last_name: str
    masked_code: str | None
    birth_date: dt.date | None
    birth_year: int | None
    gender: str
    status: str
    responsible: str | None
    municipality: str | None
    phone: str | None
    email: str | None
    street_address: str | None
    postal_code: str | None
    post_office: str | None
    native_language: str | None
    consent_processing_on: dt.date | None
    consent_share_employers_on: dt.date | None
    digital_skills: str | None
    note: str | None
    skills: list[str]
    driving_licences: str
    working_time_wish: str | None
    max_travel_km: int | None
    occupations: list[str] = field(default_factory=list)
    cards: list[tuple[str, dt.date | None]] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    next_appointment: dt.datetime | None = None

    @property
    def open_period(self) -> Period | None:
        """The agreement period without an end date, if any."""
        return next((p for p in self.periods if p.end_date is None), None)


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_card(desk: Desk, client_id: str) -> ClientCard | None:
    """The client's card, or None; opening it is written to the audit log."""
    q = desk.store.query
    rows = q("SELECT c.*, s.first_name || ' ' || s.last_name AS responsible FROM client c "
             "LEFT JOIN staff s ON s.id = c.responsible_staff_id "
             "WHERE c.id = ? AND c.deleted = 0", (client_id,))
    if not rows:
        return None
    r = rows[0]
    card = ClientCard(
        id=r["id"], first_name=r["first_name"], last_name=r["last_name"],
        masked_code=mask_identity_code(r["identity_code"]) if r["identity_code"] else None,
        birth_date=_d(r["birth_date"]), birth_year=r["birth_year"], gender=r["gender"],
        status=r["status"], responsible=r["responsible"], municipality=r["municipality"],
        phone=r["phone"], email=r["email"], street_address=r["street_address"],
        postal_code=r["postal_code"], post_office=r["post_office"],
        native_language=r["native_language"], consent_processing_on=_d(r["consent_processing_on"]),
        consent_share_employers_on=_d(r["consent_share_employers_on"]),
        digital_skills=r["digital_skills"], note=r["note"], skills=json.loads(r["skills"] or "[]"),
        driving_licences=r["driving_licences"] or "", working_time_wish=r["working_time_wish"],
        max_travel_km=r["max_travel_km"])
    card.occupations = [x["occupation_code"] for x in q(
        "SELECT occupation_code FROM client_occupation WHERE client_id = ? AND deleted = 0 "
        "ORDER BY occupation_code", (client_id,))]
    card.cards = [(x["card"], _d(x["expires_on"])) for x in q(
        "SELECT card, expires_on FROM client_card WHERE client_id = ? AND deleted = 0 "
        "ORDER BY card", (client_id,))]
    card.languages = [(x["language"], x["level"]) for x in q(
        "SELECT language, level FROM client_language WHERE client_id = ? AND deleted = 0 "
        "ORDER BY language", (client_id,))]
    card.periods = [Period(p["id"], _d(p["start_date"]), _d(p["end_date"]), p["labour_status"],
                           _d(p["unemployed_since"]), p["education_level"], p["exit_outcome"],
                           None if p["employment_over_3_months"] is None
                           else bool(p["employment_over_3_months"]))
                    for p in q("SELECT * FROM agreement_period WHERE client_id = ? AND deleted = 0 "
                               "ORDER BY start_date DESC", (client_id,))]
    dims = ("work_ability", "job_search_skills", "digital_skills", "everyday_life", "confidence")
    card.assessments = [Assessment(a["phase"], _d(a["assessed_on"]), {k: a[k] for k in dims})
                        for a in q("SELECT * FROM self_assessment WHERE client_id = ? AND "
                                   "deleted = 0 ORDER BY assessed_on", (client_id,))]
    card.timeline = _timeline(desk, client_id, card.periods)
    nxt = desk.store.scalar(
        "SELECT MIN(on_date || ' ' || start_time) FROM appointment WHERE client_id = ? AND "
        "deleted = 0 AND status = 'scheduled' AND on_date >= ?", (client_id, desk.today().isoformat()))
    card.next_appointment = dt.datetime.fromisoformat(nxt) if nxt else None
    desk.audit("view_personal", "client", client_id)
    return card


def _timeline(desk: Desk, client_id: str, periods: list[Period]) -> list[TimelineEvent]:
    q = desk.store.query
    events: list[TimelineEvent] = []
    for a in q("SELECT id, on_date, start_time, service_type, channel, status FROM appointment "
               "WHERE client_id = ? AND deleted = 0 UNION ALL "
               "SELECT a.id, a.on_date, a.start_time, a.service_type, a.channel, p.attendance "
               "FROM appointment_participant p JOIN appointment a ON a.id = p.appointment_id "
               "WHERE p.client_id = ? AND p.deleted = 0 AND a.deleted = 0",
               (client_id, client_id)):
        events.append(TimelineEvent(_d(a["on_date"]), "appointment", a["service_type"],
                                    a["status"], a["start_time"], a["id"]))
    for r in q("SELECT id, referred_on, kind, status, service_name, card_name FROM referral "
               "WHERE client_id = ? AND deleted = 0", (client_id,)):
        events.append(TimelineEvent(_d(r["referred_on"]), "referral", r["kind"], r["status"],
                                    r["service_name"] or r["card_name"] or "", r["id"]))
    for m in q("SELECT m.id, m.proposed_on, m.status, j.title FROM match_proposal m "
               "JOIN job_opening j ON j.id = m.job_id WHERE m.client_id = ? AND m.deleted = 0",
               (client_id,)):
        events.append(TimelineEvent(_d(m["proposed_on"]), "match", m["status"], m["status"],
                                    m["title"], m["id"]))
    for e in q("SELECT id, start_date, kind FROM employment_outcome WHERE client_id = ? AND "
               "deleted = 0", (client_id,)):
        events.append(TimelineEvent(_d(e["start_date"]), "employment", e["kind"], None, "", e["id"]))
    for p in periods:
        events.append(TimelineEvent(p.start_date, "period_start", p.labour_status, None, "", p.id))
        if p.end_date:
            events.append(TimelineEvent(p.end_date, "exit", p.exit_outcome or "", None, "", p.id))
    events.sort(key=lambda e: (e.on, e.detail), reverse=True)
    return events


def reveal_identity_code(desk: Desk, client_id: str) -> str | None:
    """The full identity code, on explicit request; the reveal is audited."""
    code = desk.store.scalar("SELECT identity_code FROM client WHERE id = ? AND deleted = 0",
                             (client_id,))
    if code:
        desk.audit("reveal_identity_code", "client", client_id)
    return code
