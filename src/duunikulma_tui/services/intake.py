"""Intake: registering a client with agreement, as a draft or active, and editing.

The form hands over raw text per field. Parsing and checks run through the
domain models, so the form refuses exactly what the models refuse; all
errors come back together as FormErrors and nothing is written. A known
identity code is refused (the existing client can be opened instead); a
similar name with the same birth date is a warning the worker confirms.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from pydantic import ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.i18n import format_date
from duunikulma_tui.domain.models import (AgreementPeriod, Client, SelfAssessment,
                                          is_long_term_unemployed, model_to_row, to_form_errors)
from duunikulma_tui.domain.occupations import occupations
from duunikulma_tui.domain.profile_text import (format_cards, format_languages, parse_cards,
                                                parse_languages, parse_occupations, parse_skills)
from duunikulma_tui.domain.validation import parse_date
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.duplicates import SimilarClient, similar_clients
from duunikulma_tui.store import records

CLIENT_FIELDS = ("first_name", "last_name", "identity_code", "birth_date", "gender",
                 "native_language", "municipality", "street_address", "postal_code",
                 "post_office", "phone", "email", "responsible_staff_id", "consent_processing_on",
                 "consent_share_employers_on", "disability", "foreign_background",
                 "digital_skills", "driving_licences", "working_time_wish", "max_travel_km",
                 "outside_service_model", "note")
PERIOD_FIELDS = ("start_date", "labour_status", "unemployed_since", "job_search_start",
                 "education_level")
ASSESSMENT_PREFIX = "sa_"
DIMENSIONS = ("work_ability", "job_search_skills", "digital_skills", "everyday_life", "confidence")
NOT_FUTURE = ("birth_date", "consent_processing_on", "consent_share_employers_on",
              "unemployed_since", "job_search_start")


class DuplicateIdentityCode(Exception):
    """Another client already has this identity code; open them instead."""

    def __init__(self, client_id: str, name: str):
        super().__init__(client_id)
        self.client_id, self.name = client_id, name


class SimilarClientsFound(Exception):
    """Clients with a similar name and the same birth date exist; confirm to save anyway."""

    def __init__(self, candidates: list[SimilarClient]):
        super().__init__(len(candidates))
        self.candidates = candidates


@dataclass(frozen=True)
class Parsed:
    """A checked intake, ready to write."""

    client: Client
    period: AgreementPeriod | None
    assessment: SelfAssessment | None
    languages: list[tuple[str, str]]
    occupations: list[str]
    cards: list[tuple[str, dt.date | None]]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value.strip())


def parse_intake(desk: Desk, values: dict[str, str], *, draft: bool) -> Parsed:
    """Check every field; raises FormErrors with all problems at once."""
    errors: list[FieldError] = []
    today = desk.today()
    for name in NOT_FUTURE:
        if values.get(name, "").strip():
            try:
                parse_date(values[name], field=name, allow_future=False, today=today)
            except FieldError as err:
                errors.append(err)

    def collect(fn, *args):
        try:
            return fn(*args)
        except FieldError as err:
            errors.append(err)
        except FormErrors as errs:
            errors.extend(errs.errors)
        except ValidationError as exc:
            errors.extend(to_form_errors(exc).errors)
        return None

    raw = {k: values.get(k, "") for k in CLIENT_FIELDS}
    raw["gender"] = raw["gender"] or "not_told"  # an unanswered question is "not told"
    raw["disability"] = _yes_no(raw["disability"])
    raw["foreign_background"] = _yes_no(raw["foreign_background"])
    # Blank means the usual case: a registered jobseeker inside the model.
    raw["outside_service_model"] = bool(_yes_no(raw["outside_service_model"]))
    raw["skills"] = collect(parse_skills, values.get("skills", "")) or []
    raw["status"] = "draft" if draft else "active"
    client = collect(Client.model_validate, raw)
    langs = collect(parse_languages, values.get("languages", "")) or []
    known = set(occupations()) or None
    occs = collect(parse_occupations, values.get("occupations", ""), known) or []
    cards = collect(parse_cards, values.get("cards", "")) or []

    period = None
    period_raw = {k: values.get(k, "") for k in PERIOD_FIELDS}
    if not draft or any(v.strip() for v in period_raw.values()):
        if not draft and not values.get("consent_processing_on", "").strip():
            errors.append(FieldError("consent_processing_on", "consent_required"))
        period = collect(AgreementPeriod.model_validate, {**period_raw, "client_id": "pending"})
        if period and period.labour_status == "unemployed" and period.unemployed_since and \
                is_long_term_unemployed(period.unemployed_since, period.start_date):
            # Derived, never typed twice: 12 months or more without a break.
            period = period.model_copy(update={"labour_status": "long_term_unemployed"})

    assessment = None
    scores = {d: values.get(ASSESSMENT_PREFIX + d, "") for d in DIMENSIONS}
    if any(s.strip() for s in scores.values()):
        try:
            assessment = SelfAssessment.model_validate(
                {**scores, "client_id": "pending", "phase": "start",
                 "assessed_on": values.get("start_date") or today.isoformat()})
        except ValidationError as exc:
            errors.extend(FieldError(ASSESSMENT_PREFIX + e.field, e.code, e.params)
                          if e.field in DIMENSIONS else e for e in to_form_errors(exc).errors)
    if errors:
        raise FormErrors(errors)
    return Parsed(client, period, assessment, langs, occs, cards)


def save_intake(desk: Desk, values: dict[str, str], *, client_id: str | None = None,
                draft: bool = False, confirm_similar: bool = False,
                quick_contact_id: str | None = None) -> str:
    """Validate and save a new or edited client in one transaction; returns the id."""
    parsed = parse_intake(desk, values, draft=draft)
    client = parsed.client
    if client.identity_code:
        other = desk.store.query(
            "SELECT id, last_name || ' ' || first_name AS name FROM client WHERE identity_code = ?"
            " AND deleted = 0 AND id IS NOT ?", (client.identity_code, client_id))
        if other:
            raise DuplicateIdentityCode(other[0]["id"], other[0]["name"])
    if not confirm_similar:
        similar = similar_clients(desk, client.first_name, client.last_name,
                                  client.birth_date, exclude=client_id)
        if similar:
            raise SimilarClientsFound(similar)
    row = model_to_row(client)
    with desk.store.transaction():
        if client_id is None:
            client_id = records.insert(desk.store, "client", row, desk.operator_id)
            desk.audit("create", "client", client_id)
        else:
            # An edit changes only what the form shows; a draft becomes active
            # when saved for real, an exited client stays exited.
            status = desk.store.scalar("SELECT status FROM client WHERE id = ?", (client_id,))
            changes = {k: row[k] for k in (*CLIENT_FIELDS, "skills")}
            changes["status"] = "active" if status == "draft" and not draft else status
            if records.update(desk.store, "client", client_id, changes, desk.operator_id):
                desk.audit("update", "client", client_id)
        _save_period(desk, client_id, parsed)
        _replace_children(desk, client_id, parsed)
        if quick_contact_id:
            records.update(desk.store, "quick_contact", quick_contact_id,
                           {"promoted_client_id": client_id}, desk.operator_id)
    return client_id


def _save_period(desk: Desk, client_id: str, parsed: Parsed) -> None:
    store = desk.store
    if parsed.period is not None:
        row = model_to_row(parsed.period.model_copy(update={"client_id": client_id}))
        current = store.scalar("SELECT id FROM agreement_period WHERE client_id = ? AND "
                               "deleted = 0 ORDER BY start_date DESC LIMIT 1", (client_id,))
        fields = {k: row[k] for k in PERIOD_FIELDS}
        if current:
            records.update(store, "agreement_period", current, fields, desk.operator_id)
            period_id = current
        else:
            period_id = records.insert(store, "agreement_period", {**fields, "client_id": client_id},
                                       desk.operator_id)
    else:
        period_id = None
    if parsed.assessment is not None:
        row = model_to_row(parsed.assessment.model_copy(update={"client_id": client_id}))
        existing = store.scalar("SELECT id FROM self_assessment WHERE client_id = ? AND "
                                "phase = 'start' AND deleted = 0", (client_id,))
        scores = {d: row[d] for d in DIMENSIONS}
        if existing:
            records.update(store, "self_assessment", existing, scores, desk.operator_id)
        else:
            records.insert(store, "self_assessment", {**row, "client_id": client_id,
                                                      "period_id": period_id}, desk.operator_id)


def _replace_children(desk: Desk, client_id: str, parsed: Parsed) -> None:
    """Make the language, occupation and card rows equal the form's lists."""
    wanted = {
        "client_language": {(c,): {"language": c, "level": lvl} for c, lvl in parsed.languages},
        "client_occupation": {(c,): {"occupation_code": c} for c in parsed.occupations},
        "client_card": {(c,): {"card": c, "expires_on": e.isoformat() if e else None}
                        for c, e in parsed.cards},
    }
    keys = {"client_language": "language", "client_occupation": "occupation_code",
            "client_card": "card"}
    for table, rows in wanted.items():
        key = keys[table]
        existing = {(r[key],): r for r in desk.store.query(
            f"SELECT * FROM {table} WHERE client_id = ? AND deleted = 0", (client_id,))}
        for k, row in existing.items():
            if k not in rows:
                records.soft_delete(desk.store, table, row["id"], desk.operator_id)
            else:
                records.update(desk.store, table, row["id"], rows[k], desk.operator_id)
        for k, values in rows.items():
            if k not in existing:
                records.insert(desk.store, table, {**values, "client_id": client_id},
                               desk.operator_id)


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value, "fi")
    return str(value)


def intake_values(desk: Desk, client_id: str) -> dict[str, str]:
    """The form's raw values for editing an existing client."""
    q = desk.store.query
    c = q("SELECT * FROM client WHERE id = ? AND deleted = 0", (client_id,))[0]
    out = {k: _fmt(c[k]) for k in CLIENT_FIELDS
           if k not in ("disability", "foreign_background", "outside_service_model")}
    for k in ("birth_date", "consent_processing_on", "consent_share_employers_on"):
        out[k] = _fmt(dt.date.fromisoformat(c[k])) if c[k] else ""
    for k in ("disability", "foreign_background", "outside_service_model"):
        out[k] = "" if c[k] is None else ("yes" if c[k] else "no")
    out["skills"] = ", ".join(json.loads(c["skills"] or "[]"))
    period = q("SELECT * FROM agreement_period WHERE client_id = ? AND deleted = 0 "
               "ORDER BY start_date DESC LIMIT 1", (client_id,))
    if period:
        p = period[0]
        for k in PERIOD_FIELDS:
            out[k] = _fmt(dt.date.fromisoformat(p[k])) if k.endswith(("date", "since", "start")) \
                and p[k] else (p[k] or "")
        if out["labour_status"] == "long_term_unemployed":
            out["labour_status"] = "unemployed"  # derived again from unemployed_since on save
    langs = [(r["language"], r["level"]) for r in q(
        "SELECT language, level FROM client_language WHERE client_id = ? AND deleted = 0",
        (client_id,))]
    out["languages"] = format_languages(langs)
    out["occupations"] = ", ".join(r["occupation_code"] for r in q(
        "SELECT occupation_code FROM client_occupation WHERE client_id = ? AND deleted = 0",
        (client_id,)))
    cards = [(r["card"], dt.date.fromisoformat(r["expires_on"]) if r["expires_on"] else None)
             for r in q("SELECT card, expires_on FROM client_card WHERE client_id = ? AND "
                        "deleted = 0", (client_id,))]
    out["cards"] = format_cards(cards)
    sa = q("SELECT * FROM self_assessment WHERE client_id = ? AND phase = 'start' AND "
           "deleted = 0", (client_id,))
    for d in DIMENSIONS:
        out[ASSESSMENT_PREFIX + d] = _fmt(sa[0][d]) if sa else ""
    return out
