"""Referrals to measures and experimental purchased services, and their providers."""

from __future__ import annotations

from pydantic import ValidationError

from duunikulma_tui.domain.errors import FieldError, FormErrors
from duunikulma_tui.domain.models import Provider, Referral, model_to_row, to_form_errors
from duunikulma_tui.services.desk import Desk
from duunikulma_tui.store import records

STATUS_MOVES = {"planned": ("started", "interrupted"), "started": ("completed", "interrupted")}


def check_referral(desk: Desk, values: dict[str, str]) -> None:
    """Raise FormErrors if `values` would not make a valid referral (client aside)."""
    _parse(desk, {**values, "client_id": values.get("client_id") or "pending"})


def _parse(desk: Desk, values: dict[str, str]) -> Referral:
    raw = {k: v for k, v in values.items() if k in Referral.model_fields}
    raw.setdefault("referred_on", desk.today().isoformat())
    if not str(raw.get("referred_on", "")).strip():
        raw["referred_on"] = desk.today().isoformat()
    try:
        return Referral.model_validate(raw)
    except ValidationError as exc:
        raise to_form_errors(exc) from None


def add_referral(desk: Desk, values: dict[str, str]) -> str:
    """Save a referral (costs as euros typed, stored as cents); raises FormErrors."""
    referral = _parse(desk, values)
    with desk.store.transaction():
        rid = records.insert(desk.store, "referral", model_to_row(referral), desk.operator_id)
        desk.audit("create", "referral", rid)
    return rid


def set_referral_status(desk: Desk, referral_id: str, status: str) -> None:
    """planned -> started -> completed, or interrupted from either."""
    current = desk.store.scalar("SELECT status FROM referral WHERE id = ? AND deleted = 0",
                                (referral_id,))
    if status not in STATUS_MOVES.get(current or "", ()):
        raise FormErrors([FieldError("status", "status_move",
                                     {"from_status": current or "", "to_status": status})])
    records.update(desk.store, "referral", referral_id, {"status": status}, desk.operator_id)


def save_provider(desk: Desk, values: dict[str, str], provider_id: str | None = None) -> str:
    """Add or edit a purchased-service provider (business ID checked); raises FormErrors."""
    raw = {k: v for k, v in values.items() if k in Provider.model_fields}
    try:
        provider = Provider.model_validate(raw)
    except ValidationError as exc:
        raise to_form_errors(exc) from None
    if provider.business_id and desk.store.scalar(
            "SELECT 1 FROM provider WHERE business_id = ? AND deleted = 0 AND id IS NOT ?",
            (provider.business_id, provider_id)):
        raise FormErrors([FieldError("business_id", "provider_business_id_taken")])
    with desk.store.transaction():
        row = model_to_row(provider)
        if provider_id is None:
            provider_id = records.insert(desk.store, "provider", row, desk.operator_id)
            desk.audit("create", "provider", provider_id)
        elif records.update(desk.store, "provider", provider_id, row, desk.operator_id):
            desk.audit("update", "provider", provider_id)
    return provider_id


def providers(desk: Desk) -> list[tuple[str, str]]:
    """(name, id) of every provider, by name, for pickers."""
    return [(r["name"], r["id"]) for r in desk.store.query(
        "SELECT id, name FROM provider WHERE deleted = 0 ORDER BY name")]


def provider_rows(desk: Desk) -> list[dict]:
    """Every provider with its details, by name, for the providers list."""
    return desk.store.query("SELECT id, name, business_id, municipality, phone, email, note "
                            "FROM provider WHERE deleted = 0 ORDER BY name")


def next_statuses(current: str) -> tuple[str, ...]:
    """The statuses a referral in `current` may move to."""
    return STATUS_MOVES.get(current, ())
