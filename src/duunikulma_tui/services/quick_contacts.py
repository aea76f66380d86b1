"""Served without agreement: a walk-in or caller logged in a few keystrokes.

Only what the figures need is asked (service, channel, minutes); a name,
gender and age group are optional. If the person joins later, the contact is
promoted into an intake with what is known already filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError

from duunikulma_tui.domain.models import QuickContact, model_to_row, to_form_errors
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.services.duplicates import fold
from duunikulma_tui.store import records


def log_quick_contact(desk: Desk, values: dict[str, str], *,
                      now: dt.datetime | None = None) -> str:
    """Validate and save one quick contact; raises FormErrors, saving nothing."""
    now = now or desk.now()
    raw = {k: v for k, v in values.items() if k in QuickContact.model_fields}
    raw.setdefault("contact_date", desk.today().isoformat())
    if not str(raw.get("contact_date", "")).strip():
        raw["contact_date"] = desk.today().isoformat()
    raw.setdefault("contact_time", now.strftime("%H:%M"))
    raw["staff_id"] = desk.operator_id
    try:
        contact = QuickContact.model_validate(raw)
    except ValidationError as exc:
        raise to_form_errors(exc) from None
    with desk.store.transaction():
        qc_id = records.insert(desk.store, "quick_contact", model_to_row(contact), desk.operator_id)
        desk.audit("create", "quick_contact", qc_id)
    return qc_id


@dataclass(frozen=True)
class QuickContactRow:
    """One quick contact in a list."""

    id: str
    contact_date: dt.date
    name: str
    service_type: str
    channel: str
    minutes: int
    promoted: bool


def recent_quick_contacts(desk: Desk, text: str = "", limit: int = 50) -> list[QuickContactRow]:
    """Quick contacts, newest first; `text` narrows by name (accents ignored)."""
    rows = desk.store.query(
        "SELECT id, contact_date, COALESCE(name, '') AS name, service_type, channel, minutes, "
        "promoted_client_id FROM quick_contact WHERE deleted = 0 "
        "ORDER BY contact_date DESC, contact_time DESC LIMIT ?", (limit * 20 if text else limit,))
    key = fold(text)
    out = [QuickContactRow(r["id"], dt.date.fromisoformat(r["contact_date"]), r["name"],
                           r["service_type"], r["channel"], r["minutes"],
                           r["promoted_client_id"] is not None)
           for r in rows if not key or key in fold(r["name"])]
    return out[:limit]


def promotion_values(desk: Desk, quick_contact_id: str) -> dict[str, str]:
    """Intake form values from what the quick contact already knows."""
    row = records.get(desk.store, "quick_contact", quick_contact_id)
    if row is None:
        raise KeyError(quick_contact_id)
    names = (row["name"] or "").split()
    values = {"first_name": " ".join(names[:-1]) if len(names) > 1 else "",
              "last_name": names[-1] if names else "",
              "gender": row["gender"] or "",
              "note": row["note"] or ""}
    return {k: v for k, v in values.items() if v}
