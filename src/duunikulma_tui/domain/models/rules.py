"""Dated rule sets of the Nordic labour service model's statutory contacts."""

from __future__ import annotations

from typing import Any

from duunikulma_tui.domain.models.base import DomainModel
from duunikulma_tui.domain.models.fields import Date, Line


class ContactRuleSet(DomainModel):
    """The statutory-contact rules in force from a date (table `contact_rule_set`).

    `rules` is the rule data as a JSON object (stored as JSON text); its keys
    belong to the scheduling service that reads them, so they are not fixed here.
    """

    name: Line
    effective_from: Date
    rules: dict[str, Any]
