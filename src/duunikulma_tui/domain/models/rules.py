"""Dated rule sets of the statutory contacts, and sync conflicts kept for a person to resolve."""

from __future__ import annotations

from typing import Any, Optional

from duunikulma_tui.domain import codes

from duunikulma_tui.domain.models.base import DomainModel
from duunikulma_tui.domain.models.fields import Date, Line, code_literal


class ContactRuleSet(DomainModel):
    """The statutory-contact rules in force from a date (table `contact_rule_set`).

    `rules` is the rule data as a JSON object (stored as JSON text); its keys
    belong to the scheduling service that reads them, so they are not fixed here.
    """

    name: Line
    effective_from: Date
    rules: dict[str, Any]


class SyncConflict(DomainModel):
    """Two machines changed one field without seeing each other (table `sync_conflict`).

    The winner is the change with the higher HLC stamp, applied everywhere;
    the loser's value is kept here until a person resolves the conflict.
    Values are the JSON text of what each change wrote.
    """

    kind: code_literal(codes.SYNC_CONFLICT_KIND)  # type: ignore[valid-type]
    table_name: str
    row_id: str
    field: str
    winner_value: Optional[str] = None
    winner_hlc: str
    winner_device: str
    winner_staff: Optional[str] = None
    winner_at: str
    loser_value: Optional[str] = None
    loser_hlc: str
    loser_device: str
    loser_staff: Optional[str] = None
    loser_at: str
    resolved_by: Optional[str] = None
    resolved_at: Optional[str] = None
    resolution: Optional[code_literal(codes.SYNC_RESOLUTION)] = None  # type: ignore[valid-type]
