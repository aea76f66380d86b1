"""Ending an agreement period with its outcome, and starting a new one later.

Periods are kept separately: a returning client gets a new period, so the
figures of each period stay as they were reported.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.models import (AgreementPeriod, SelfAssessment, is_long_term_unemployed,
                                          model_to_row, to_form_errors)
from duunikulma_tui.domain.validation import free_text, parse_date
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

EMPLOYED_OUTCOMES = ("employed_open_market", "self_employed", "pay_subsidised", "apprenticeship")
DIMENSIONS = ("work_ability", "job_search_skills", "digital_skills", "everyday_life", "confidence")


def open_period(desk: Desk, client_id: str) -> dict | None:
    """The client's open agreement period as a row, or None."""
    rows = desk.store.query("SELECT * FROM agreement_period WHERE client_id = ? AND deleted = 0 "
                            "AND end_date IS NULL ORDER BY start_date DESC LIMIT 1", (client_id,))
    return rows[0] if rows else None


def exit_client(desk: Desk, client_id: str, values: dict[str, str]) -> str:
    """End the open period with the outcome and exit self-assessment; returns the period id.

    Raises FormErrors (nothing saved) for a missing outcome, an end date
    before the start or in the future, or scores outside 1-10.
    """
    period = open_period(desk, client_id)
    if period is None:
        raise FormErrors([FieldError("end_date", "no_open_period")])
    errors: list[FieldError] = []
    end = None
    try:
        end = parse_date(values.get("end_date", ""), field="end_date", allow_future=False,
                         today=desk.today(), earliest=dt.date.fromisoformat(period["start_date"]))
    except FieldError as err:
        errors.append(err)
    outcome = values.get("exit_outcome", "").strip()
    if not outcome:
        errors.append(FieldError("exit_outcome", "required"))
    over = {"yes": True, "no": False}.get(values.get("employment_over_3_months", "").strip())
    if outcome in EMPLOYED_OUTCOMES and over is None:
        errors.append(FieldError("employment_over_3_months", "required"))
    note = None
    try:
        note = free_text(values["exit_note"], field="exit_note") \
            if values.get("exit_note", "").strip() else None
    except FieldError as err:
        errors.append(err)
    assessment = None
    scores = {d: values.get(f"sa_{d}", "") for d in DIMENSIONS}
    if any(v.strip() for v in scores.values()):
        try:
            assessment = SelfAssessment.model_validate(
                {**scores, "client_id": client_id, "period_id": period["id"], "phase": "exit",
                 "assessed_on": end.isoformat() if end else desk.today().isoformat()})
        except ValidationError as exc:
            errors.extend(FieldError(f"sa_{e.field}", e.code, e.params) if e.field in DIMENSIONS
                          else e for e in to_form_errors(exc).errors)
    if errors:
        raise FormErrors(errors)
    with desk.store.transaction():
        records.update(desk.store, "agreement_period", period["id"], {
            "end_date": end.isoformat(), "exit_outcome": outcome,
            "employment_over_3_months": None if over is None else int(over),
            "exit_note": note}, desk.operator_id)
        records.update(desk.store, "client", client_id, {"status": "exited"}, desk.operator_id)
        if assessment is not None:
            records.insert(desk.store, "self_assessment", model_to_row(assessment),
                           desk.operator_id)
        desk.audit("update", "agreement_period", period["id"], "exit")
    return period["id"]


def start_new_period(desk: Desk, client_id: str, values: dict[str, str]) -> str:
    """A new agreement period for a returning client; the client becomes active again."""
    if open_period(desk, client_id) is not None:
        raise FormErrors([FieldError("start_date", "period_already_open")])
    last_end = desk.store.scalar("SELECT MAX(end_date) FROM agreement_period WHERE client_id = ? "
                                 "AND deleted = 0", (client_id,))
    raw = {k: values.get(k, "") for k in ("start_date", "labour_status", "unemployed_since",
                                          "job_search_start", "education_level")}
    try:
        period = AgreementPeriod.model_validate({**raw, "client_id": client_id})
    except ValidationError as exc:
        raise to_form_errors(exc) from None
    if last_end and period.start_date <= dt.date.fromisoformat(last_end):
        raise FormErrors([FieldError("start_date", "overlaps_previous_period")])
    if period.labour_status == "unemployed" and period.unemployed_since and \
            is_long_term_unemployed(period.unemployed_since, period.start_date):
        period = period.model_copy(update={"labour_status": "long_term_unemployed"})
    with desk.store.transaction():
        period_id = records.insert(desk.store, "agreement_period", model_to_row(period),
                                   desk.operator_id)
        records.update(desk.store, "client", client_id, {"status": "active"}, desk.operator_id)
        desk.audit("create", "agreement_period", period_id)
    return period_id
